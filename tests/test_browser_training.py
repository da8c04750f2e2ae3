"""From a competence gap to a flagged participant in Chromium: the department head rates an operator at level 1
on a required skill and raises a training need from the gap in one click; HR puts it in the annual training
plan, the HR manager and the general manager approve it from their inboxes, HR publishes it and schedules the
session from the plan; the operator checks in with the session's code; HR enters the scores, the failed operator
is flagged for retraining, and his training history PDF lists the session."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from printing.tests.conftest import Poppler, requires_poppler
from tests.browser import log_in as sign_in
from training.models import NeedStatus, Participant, PlanStatus, Session, TrainingNeed, TrainingPlan
from training.tests.conftest import world  # noqa: F401  (the fixture)


def log_in(page, live_server, username):
    """Sign in and read the pages in English (the assertions quote the English messages)."""
    sign_in(page, live_server, username)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.reload()


def _approve_first_waiting(page, username):
    page.goto("/approvals/")
    page.click("#approval-inbox a.btn")
    page.check("input[name=decision][value=approve]")
    page.fill("textarea[name=comment]", f"{username} 同意")
    page.click("form:has(input[name=decision]) button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_gap_to_flagged_participant(browser_page, live_server, world):  # noqa: F811
    requires_poppler()
    page = browser_page
    operator = world.operator

    # The head sees the operator's gap in the matrix, rates welding at level 1 and raises the need from the gap.
    log_in(page, live_server, "prod_head")
    page.goto("/training/matrix/")
    expect(page.locator("#matrix-table")).to_contain_text("王操作")
    page.click("#matrix-table a:has-text('王操作')")
    page.select_option(f"#id_skill_{world.welding.pk}", "1")
    page.click("form:has(#id_note) [type=submit]")
    expect(page.locator("#gap-table")).to_contain_text("training or change of post")
    page.click(f"#need-from-gap-{world.welding.pk}")
    expect(page.locator(".alert-success")).to_contain_text("Training need raised")
    need = TrainingNeed.objects.get(employee=operator)
    assert need.skill == world.welding and need.status == NeedStatus.OPEN

    # HR builds next year's plan from the need and sends it for approval.
    log_in(page, live_server, "hr")
    page.goto("/training/plans/new/")
    year = timezone.localdate().year
    page.fill("#id_year", str(year))
    page.fill("#id_title", "生产部技能提升")
    page.click("form:has(#id_year) [type=submit]")
    page.click("#add-item")
    page.fill("#id_course", "焊接技能培训")
    page.select_option("#id_month", str(timezone.localdate().month))
    page.fill("#id_hours", "4")
    page.select_option("#id_trainer_kind", "internal")
    page.fill("#id_trainer", "张师傅")
    page.select_option("#id_method", "on_the_job")
    page.fill("#id_budget", "500")
    page.check(f"input[name=needs][value='{need.pk}']")
    page.click("form:has(#id_course) [type=submit]")
    page.click("#submit-plan")
    expect(page.locator("#plan-status")).to_have_attribute("data-status", "in_approval")

    for username in ("hr_manager", "gm"):
        log_in(page, live_server, username)
        _approve_first_waiting(page, username)
    plan = TrainingPlan.objects.get()
    assert plan.status == PlanStatus.APPROVED

    # HR publishes it and schedules the session from the plan item: the operator is invited from his need.
    log_in(page, live_server, "hr")
    page.goto(plan.get_absolute_url())
    page.click("#publish-plan")
    expect(page.locator("#plan-status")).to_have_attribute("data-status", "published")
    page.click(f"#schedule-{plan.items.get().pk}")
    now = timezone.localtime()
    page.fill("#id_starts_at", (now - datetime.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_ends_at", (now + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_place", "培训室A")
    page.click("form:has(#id_place) [type=submit]")
    expect(page.locator("#participant-table")).to_contain_text("王操作")
    session = Session.objects.get()
    code = page.locator("#checkin-code").inner_text()
    assert code == session.checkin_code

    # The operator checks in with the code.
    log_in(page, live_server, "operator")
    page.goto("/training/check-in/")
    page.fill("#id_code", code)
    page.click("form:has(#id_code) [type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("焊接技能培训")
    assert Participant.objects.get(employee=operator).attended

    # HR enters the scores: 45 is below the pass mark of 60, the operator is flagged for retraining.
    log_in(page, live_server, "hr")
    page.goto(f"/training/sessions/{session.pk}/scores/")
    page.fill(f"#score-{operator.number}", "45")
    page.click("#save-scores")
    row = page.locator(f"#participant-{operator.number}")
    expect(row.locator("[data-result]")).to_have_attribute("data-result", "failed")
    expect(row.locator(".flag")).to_have_attribute("data-action", "retrain")
    need.refresh_from_db()
    assert need.status == NeedStatus.PLANNED  # still open: he must pass a retraining

    # The operator's training history PDF lists the session.
    page.goto(f"/training/employees/{operator.pk}/history/")
    href = page.locator("#history-pdf").get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = Poppler.text(response.body())
    assert "员工培训履历表" in text and "焊接技能培训" in text and "不合格" in text
