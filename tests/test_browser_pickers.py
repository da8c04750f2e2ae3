"""The search-as-you-type picker on a phone (390 px wide), driven by the keyboard: HR adds an applicant by typing
part of the name, choosing with the arrow keys and Enter, then the requisition by its number."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from recruitment import services
from recruitment.models import Application, Requisition
from recruitment.tests.factories import approve_all, build_company, candidate_data

PASSWORD = "pw-test-1234"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_hr_picks_a_candidate_and_a_requisition_by_keyboard_on_a_phone(browser_page, live_server, make_user):
    company = build_company(make_user)
    requisition = services.requisition_create(
        by=company.prod_head,
        position=company.frontline,
        headcount=1,
        reason="expansion",
        desired_start_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    services.requisition_submit(requisition=requisition, by=company.prod_head)
    approve_all(requisition)
    requisition.refresh_from_db()
    assert requisition.status == Requisition.Status.APPROVED
    candidates = [services.candidate_create(by=company.hr, consent_given=True, **candidate_data(n)) for n in range(25)]

    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/accounts/login/")
    page.fill("#id_username", company.hr.username)
    page.fill("#id_password", PASSWORD)
    page.click("form:has(#id_username) button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto("/recruitment/applications/new/")

    assert page.locator("#id_candidate option").count() == 0  # nothing listed up front
    page.click("label[for=id_candidate_search]")  # the label leads to the search box
    page.keyboard.type("候选人")
    results = page.locator("#id_candidate_search_results [role=option]")
    results.first.wait_for()
    assert results.count() == 20  # at most 20, and the user is told to type more
    assert page.locator("#div_id_candidate .picker-status").inner_text().strip() != ""
    box = page.locator("#id_candidate_search_results").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.keyboard.press("ArrowDown")
    second = results.nth(1)
    assert second.get_attribute("aria-selected") == "true"
    assert page.get_attribute("#id_candidate_search", "aria-activedescendant") == second.get_attribute("id")
    chosen_text = second.inner_text()
    page.keyboard.press("Enter")
    assert page.locator("#id_candidate_search_results").is_hidden()
    assert page.input_value("#id_candidate_search") == chosen_text
    chosen = next(c for c in candidates if chosen_text.startswith(c.name))
    assert page.input_value("#id_candidate") == str(chosen.pk)

    page.keyboard.press("Tab")
    page.keyboard.type("nothing like this")
    # (No wait_for_function: the content security policy forbids the eval it uses.)
    expect(page.locator("#div_id_requisition .picker-status")).not_to_have_text("")
    page.keyboard.press("Escape")
    page.fill("#id_requisition_search", "")
    page.locator("#id_requisition_search").press_sequentially(requisition.number)
    page.locator("#id_requisition_search_results [role=option].active").wait_for()
    page.keyboard.press("Enter")
    assert page.input_value("#id_requisition") == str(requisition.pk)

    page.click("#application-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/recruitment/applications/*/")
    application = Application.objects.get()
    assert (application.candidate, application.requisition) == (chosen, requisition)
