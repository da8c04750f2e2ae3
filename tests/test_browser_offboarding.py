"""A resignation in Chromium, from notice to certificate: the employee gives notice from their own pages, the
department head acknowledges, the HR manager confirms the day, HR holds the exit interview, each party ticks its
handover items (the records keeper checks in the classified copy the person holds), the last day passes (the
daily task run with a later date) — and the login is refused, the record is read-only, the certificate prints."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from confidentiality.models import CopyStatus
from employees.models import EmployeeStatus
from offboarding.models import CaseStatus, HandoverItem, Party, SeparationCase
from offboarding.tasks import separate_due
from offboarding.tests.conftest import world as _world  # noqa: F401  (the fixture, by its function)
from offboarding.tests.test_classified import issue_copy
from tests.browser import PASSWORD, log_in

world = _world


def _acknowledge_first_waiting(page, live_server, username):
    log_in(page, live_server, username)
    page.goto("/approvals/")
    page.click("#approval-inbox a.btn")
    page.check("input[name=decision][value=acknowledge]")
    page.fill("textarea[name=comment]", f"{username} 已知悉")
    page.click("form:has(input[name=decision]) button[type=submit]")
    page.wait_for_load_state()


def _tick_all(page, live_server, username, *, handed_to: str = ""):
    log_in(page, live_server, username)
    page.goto("/offboarding/tasks/")
    while page.locator("#task-table a.tick").count():
        page.locator("#task-table a.tick").first.click()
        if handed_to and page.locator("#id_handed_to_search").count():
            from tests.pickers import pick

            pick(page, "handed_to", handed_to)
        page.fill("input[name=note]", f"{username} 已核对")
        page.click("input[type=submit][name=submit]")
        page.wait_for_url("**/offboarding/tasks/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_resignation_to_certificate(browser_page, live_server, world):  # noqa: F811
    held = issue_copy(world)
    page = browser_page
    today = timezone.localdate()
    last_day = today + datetime.timedelta(days=30)

    # The employee gives notice from their own menu; the form shows the earliest last day.
    log_in(page, live_server, "worker")
    page.click("#nav-offboarding")
    page.click("#nav-my-separation")
    expect(page.locator("#earliest-day")).to_have_text(f"{last_day:%Y-%m-%d}")
    page.select_option("select[name=reason]", "development")
    page.fill("textarea[name=reason_text]", "希望换一个发展方向")
    page.fill("input[name=requested_last_day]", f"{last_day:%Y-%m-%d}")
    page.click("input[type=submit][name=submit]")
    expect(page.locator("#case-status")).to_be_visible()
    case = SeparationCase.objects.get()
    assert case.status == CaseStatus.NOTICE

    # Head acknowledges, HR manager confirms the day: no reject is offered.
    log_in(page, live_server, "prod_head")
    page.goto("/approvals/")
    page.click("#approval-inbox a.btn")
    assert page.locator("input[name=decision][value=reject]").count() == 0
    _acknowledge_first_waiting(page, live_server, "prod_head")
    _acknowledge_first_waiting(page, live_server, "hr_manager")
    case.refresh_from_db()
    assert case.status == CaseStatus.CONFIRMED and case.last_day == last_day

    # The employee can no longer withdraw.
    log_in(page, live_server, "worker")
    page.goto(case.get_absolute_url())
    expect(page.locator("#last-day")).to_have_text(f"{last_day:%Y-%m-%d}")
    assert page.locator("#withdraw").count() == 0

    # HR holds the exit interview.
    log_in(page, live_server, "hr")
    page.goto(case.get_absolute_url())
    page.click("#interview")
    page.select_option("select[name=main_reason]", "development")
    page.check("input[name=other_reasons][value=pay]")
    page.check("input[name=would_rejoin][value=maybe]")
    page.fill("textarea[name=comments]", "对培训机会有期待")
    page.click("input[type=submit][name=submit]")
    expect(page.locator("#exit-interview")).to_contain_text("对培训机会有期待")

    # Each party ticks its own items; the records keeper checks in the classified copy.
    _tick_all(page, live_server, "prod_head", handed_to="生产主管")
    _tick_all(page, live_server, "hr")
    _tick_all(page, live_server, "keeper")
    held.refresh_from_db()
    assert held.status == CopyStatus.IN_STORE and held.holder is None
    assert not HandoverItem.objects.filter(case=case, done_at__isnull=True).exists()
    assert HandoverItem.objects.get(case=case, party=Party.RECORDS).done_by.username == "keeper"

    # The last day passes: the daily task separates (run with a later date; a second run changes nothing).
    assert separate_due(f"{last_day:%Y-%m-%d}") >= 0
    separate_due(f"{last_day + datetime.timedelta(days=1):%Y-%m-%d}")
    case.refresh_from_db()
    world.worker.refresh_from_db()
    assert case.status == CaseStatus.SEPARATED
    assert world.worker.status == EmployeeStatus.SEPARATED and world.worker.separated_on == last_day

    # The login is refused.
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("#id_username", "worker")
    page.fill("#id_password", PASSWORD)
    page.click("form:has(#id_username) button[type=submit]")
    expect(page.locator("#id_username")).to_be_visible()
    assert "/accounts/login/" in page.url

    # HR: the record is read-only, the certificate prints at once, the case completes.
    log_in(page, live_server, "hr")
    page.goto(world.worker.get_absolute_url())
    assert page.locator(f"a[href='/employees/{world.worker.pk}/edit/']").count() == 0
    page.goto(case.get_absolute_url())
    href = page.locator("#certificate-pdf").get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200 and response.body()[:4] == b"%PDF"
    page.click("#complete")
    expect(page.locator("#complete")).to_have_count(0)
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
