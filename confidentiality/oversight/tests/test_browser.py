"""Oversight in Chromium: the confidentiality officer schedules a secret meeting with its attendees, checks the venue,
announces the discipline, issues numbered handouts, collects them back and prints the handout register; an employee
reports a suspected leak from the menu and the officer records the investigation, a responsible person within the
regulations' range and the decision."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from confidentiality.oversight.models import Handout, Incident, Meeting, Responsibility
from tests.browser import log_in
from tests.pickers import pick


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_secret_meeting_with_handouts_and_a_leak_report(browser_page, live_server, people):
    page = browser_page

    # The officer schedules a secret meeting and invites a cleared employee (the picker offers cleared people).
    log_in(page, live_server, "officer")
    page.goto("/confidentiality/oversight/meetings/")
    page.click("#meeting-new")
    page.fill("#id_title", "新品定价研讨")
    page.select_option("#id_level", "2")
    starts = timezone.localtime() + datetime.timedelta(hours=1)
    page.fill("#id_starts_at", starts.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_venue", "三楼小会议室")
    pick(page, "attendees", "cleared")
    page.click("#submit-id-submit")
    expect(page.locator("#attendee-list")).to_contain_text("cleared")
    meeting = Meeting.objects.get()

    # Venue checked, discipline announced, the meeting opens.
    page.click("#check-before")
    for box in page.locator("input[name=items]").all():
        box.check()
    page.click("#submit-id-submit")
    expect(page.locator("#venue-checks")).to_contain_text("2026" if starts.year == 2026 else str(starts.year))
    page.click("#meeting-open")
    expect(page.locator("#discipline-state .badge")).to_have_class("badge text-bg-success")

    # Numbered handouts to both attendees, then checked back in one by one.
    page.click("#handouts-issue")
    page.fill("#id_material", "定价方案讨论稿")
    for box in page.locator("input[name=recipients]").all():
        box.check()
    page.click("#submit-id-submit")
    expect(page.locator("#handout-table")).to_contain_text(f"{meeting.number}-02")
    expect(page.locator("#handouts-out")).to_be_visible()
    page.click("button[data-collect='1']")
    page.wait_for_selector("button[data-collect='2']")
    page.click("button[data-collect='2']")
    expect(page.locator("#handouts-out")).to_have_count(0)
    assert not Handout.objects.filter(collected_at__isnull=True).exists()
    assert Handout.objects.filter(collected_by=people.officer).count() == 2

    # The handout register prints as a PDF.
    href = page.get_attribute("#handout-register-pdf", "href")
    response = page.request.get(href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    # An employee without clearance reports a suspected leak from the menu.
    log_in(page, live_server, "uncleared")
    page.click("#oversight-menu")
    page.click("#nav-report-leak")
    page.fill("#id_what", "打印室遗留产品配置表")
    page.click("#submit-id-submit")
    expect(page.locator("#incident-status")).to_be_visible()
    incident = Incident.objects.get()
    assert incident.reported_by == people.uncleared
    page.goto("/confidentiality/oversight/meetings/")
    expect(page.locator("#meeting-table")).not_to_contain_text("新品定价研讨")

    # The officer investigates, records a responsible person within the range and decides.
    log_in(page, live_server, "officer")
    page.goto(incident.get_absolute_url())
    page.click("#investigate")
    page.select_option("#id_level", "2")
    page.fill("#id_investigation", "外包打印员未及时取走")
    page.fill("#id_remedial_actions", "收回原件并粉碎")
    page.click("#submit-id-submit")
    page.click("#responsibility")
    expect(page.locator("#legal-basis")).to_be_visible()
    pick(page, "person", "cleared")
    page.select_option("#id_severity", "minor")
    page.fill("#id_penalty", "800")
    page.click("#submit-id-submit")
    expect(page.locator(".invalid-feedback, .alert-danger").first).to_be_visible()
    assert not Responsibility.objects.exists()
    page.fill("#id_penalty", "100")
    page.click("#submit-id-submit")
    expect(page.locator("#responsibility-table")).to_contain_text("100")
    page.click("#decide")
    page.fill("#id_decision_summary", "警告并罚款100元，须人力资源部确认法律依据")
    page.click("#submit-id-submit")
    expect(page.locator("#decision")).to_contain_text("警告并罚款100元")
    incident.refresh_from_db()
    assert incident.status == Incident.Status.DECIDED
