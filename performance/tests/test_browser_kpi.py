"""The KPI review in Chromium: HR writes a position's KPI template (the form refuses weights that do not add up
to 100), opens a cycle for 冲压课, the employee self-assesses, the head agrees the goals, scores and records the
feedback interview, the employee acknowledges, HR calibrates and locks — a D grade — and the head writes the
improvement plan (绩效改进计划), whose gap becomes a training need in one click."""

import datetime

import pytest
from playwright.sync_api import expect

from performance.models import ImprovementPlan, KpiTemplate, Sheet, SheetStatus
from tests.browser import log_in
from tests.pickers import pick
from training.models import TrainingNeed

from .conftest import build


def _sheet_page(page, sheet_pk):
    page.goto(f"/performance/sheets/{sheet_pk}/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_template_cycle_sheet_to_improvement_plan(browser_page, live_server, make_user):
    co = build(make_user)
    page = browser_page
    today = datetime.date.today()

    # HR: the stamping operator's own template; 60 + 30 is refused on the form, 60 + 40 saved.
    log_in(page, live_server, "hr")
    page.goto("/performance/templates/new/")
    page.fill("#id_name", "冲压操作工KPI")
    pick(page, "position", "ST-OP")
    page.fill("#id_ind-0-name", "冲压产量达成率")
    page.select_option("#id_ind-0-rule", "linear")
    page.fill("#id_ind-0-target", "100")
    page.fill("#id_ind-0-floor", "80")
    page.fill("#id_ind-0-weight", "60")
    page.fill("#id_ind-1-name", "5S与纪律")
    page.select_option("#id_ind-1-rule", "manual")
    page.fill("#id_ind-1-weight", "30")
    page.click("#template-save")
    expect(page.locator("#weights-error")).to_contain_text("90")
    page.fill("#id_ind-1-weight", "40")
    page.click("#template-save")
    expect(page.locator("#indicator-table")).to_contain_text("冲压产量达成率")
    assert KpiTemplate.objects.filter(position=co.op_post).count() == 1

    # HR: a monthly cycle for 冲压课, opened.
    page.goto("/performance/cycles/new/")
    page.fill("#id_name", "2026年12月")
    page.select_option("#id_period_type", "monthly")
    page.fill("#id_start_date", (today - datetime.timedelta(days=20)).isoformat())
    page.fill("#id_end_date", (today + datetime.timedelta(days=10)).isoformat())
    page.fill("#id_self_deadline", (today + datetime.timedelta(days=12)).isoformat())
    page.fill("#id_scoring_deadline", (today + datetime.timedelta(days=15)).isoformat())
    page.get_by_label("冲压课").check()
    page.click("#submit-id-submit")
    page.click("#cycle-open")
    expect(page.locator("#cycle-status")).to_have_attribute("data-status", "open")
    sheet = Sheet.objects.get(cycle__name="2026年12月", employee=co.worker_employee)
    assert sheet.template.position_id == co.op_post.pk
    assert Sheet.objects.filter(cycle__name="2026年12月").count() == 3

    # The head agrees the goals.
    log_in(page, live_server, "prod_head")
    _sheet_page(page, sheet.pk)
    page.click("#sheet-actions a[href$='/goals/']")
    page.click("#submit-items")
    expect(page.locator("#sheet-status")).to_have_attribute("data-status", "self")

    # The employee self-assesses.
    log_in(page, live_server, "worker")
    _sheet_page(page, sheet.pk)
    page.click("#sheet-actions a[href$='/self/']")
    page.locator("input[name^=self_actual_]").first.fill("85")
    page.fill("#id_comment", "本月设备故障两次")
    page.click("#submit-items")
    expect(page.locator("#sheet-status")).to_have_attribute("data-status", "scoring")

    # The head scores: 85 of 80→100 = 25, manual 50 → 0.6·25 + 0.4·50 = 35 → D; then the interview.
    log_in(page, live_server, "prod_head")
    _sheet_page(page, sheet.pk)
    page.click("#sheet-actions a[href$='/score/']")
    page.locator("input[name^=actual_]").first.fill("85")
    page.locator("input[name^=score_]").first.fill("50")
    page.click("#submit-items")
    expect(page.locator("#sheet-total")).to_have_text("35.0")
    expect(page.locator("#sheet-grade")).to_contain_text("D")
    page.click("#sheet-actions a[href$='/interview/']")
    page.fill("#id_notes", "产量未达标，约定改进计划")
    page.click("#submit-id-submit")
    expect(page.locator("#interview-notes")).to_contain_text("约定改进计划")

    # The employee acknowledges; the score is not shown before HR releases it.
    log_in(page, live_server, "worker")
    _sheet_page(page, sheet.pk)
    expect(page.locator("#sheet-result-hidden")).to_be_visible()
    page.click("#sheet-actions a[href$='/acknowledge/']")
    page.click("#submit-id-submit")
    expect(page.locator("#sheet-status")).to_have_attribute("data-status", "calibration")

    # HR calibrates and locks.
    log_in(page, live_server, "hr")
    _sheet_page(page, sheet.pk)
    page.click("#sheet-actions a[href$='/calibrate/']")
    page.click("#submit-id-submit")
    expect(page.locator("#sheet-status")).to_have_attribute("data-status", "locked")
    expect(page.locator("#step-table")).to_contain_text("prod_head")

    # The head writes the improvement plan for the D grade.
    log_in(page, live_server, "prod_head")
    _sheet_page(page, sheet.pk)
    page.click("#plan-create")
    page.fill("#id_gap", "冲压产量达成率低于目标")
    page.fill("#id_actions", "班长带教两个月")
    page.fill("#id_due_date", (today + datetime.timedelta(days=60)).isoformat())
    page.click("#submit-id-submit")
    expect(page.locator("#plan")).to_contain_text("班长带教两个月")
    plan = ImprovementPlan.objects.get(sheet=sheet)
    assert plan.owner == co.prod_head
    # The gap becomes a training need in one click.
    page.click("#plan-to-training")
    expect(page.locator("#plan-training")).to_contain_text("#")
    assert TrainingNeed.objects.filter(employee=co.worker_employee, source="kpi").count() == 1

    # The employee now sees the locked result.
    log_in(page, live_server, "worker")
    _sheet_page(page, sheet.pk)
    expect(page.locator("#sheet-grade")).to_contain_text("D")
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.LOCKED
