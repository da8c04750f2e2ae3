"""HR creates an employee through the real form in Chromium and finds them in the list (Chinese interface)."""

import datetime

import pytest
from django.contrib.auth.models import Group

from core import roles
from core.security import SecrecyLevel
from core.validators import build_id_number
from org.services import department_create
from tests.factories import PositionFactory
from tests.pickers import pick


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_hr_creates_an_employee_and_sees_it_in_the_list(browser_page, live_server, make_user):
    Group.objects.get_or_create(name=roles.HR)
    make_user("hr", roles=[roles.HR], clearance=SecrecyLevel.SECRET)
    quality = department_create(code="QA", name="品质部")
    inspector = PositionFactory(department=quality, code="QA-IN", title="检验员")
    page = browser_page

    page.goto("/accounts/login/")
    page.fill("#id_username", "hr")
    page.fill("#id_password", "pw-test-1234")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    open_employee_list(page)
    page.click("a[href='/people/new/']")
    page.fill("#id_name", "林晓雨")
    page.select_option("#id_gender", "F")
    page.fill("#id_id_number", build_id_number("310104", datetime.date(1996, 4, 12), 88))
    page.fill("#id_hire_date", "2025-09-01")
    page.select_option("#id_department", str(quality.pk))
    pick(page, "position", inspector.code)
    page.select_option("#id_employment_type", "probation")
    page.select_option("#id_status", "probation")
    page.fill("#id_base_salary", "5600")
    page.click("#submit-id-submit")
    page.wait_for_selector("h1:has-text('林晓雨')")

    open_employee_list(page)
    table = page.locator("#employee-table")
    assert "林晓雨" in table.inner_text()
    assert "品质部" in table.inner_text()
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert "姓名" in table.locator("thead").inner_text()
    assert page.locator("h1").first.inner_text().strip() == "员工"


def open_employee_list(page):
    """The Employees menu of the nav is a dropdown: open it, then follow its Employees entry."""
    page.click("nav .dropdown:has(a[href='/people/']) > .dropdown-toggle")
    page.click("nav .dropdown-menu a[href='/people/']")
