"""Requisition to hire in Chromium: the department head asks for an operator, each approver approves from their
inbox, HR adds the candidate, two interview rounds are evaluated by their interviewers, the hire approval
goes through, the offer is accepted — and the employee exists with what recruitment already held."""

import datetime

import pytest

from core.validators import build_id_number
from employees.models import Employee, EmployeeStatus
from recruitment.models import Application, Candidate, Requisition
from recruitment.tests.factories import build_company
from tests.browser import log_in
from tests.pickers import pick


def _approve_first_waiting(page, live_server, username):
    """Log in as the approver, open the first step in "My approvals" and approve it."""
    log_in(page, live_server, username)
    page.goto("/approvals/")
    page.click("#approval-inbox a.btn")
    page.check("input[name=decision][value=approve]")
    page.fill("textarea[name=comment]", f"{username} 同意")
    page.click("form:has(input[name=decision]) button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_requisition_to_hire(browser_page, live_server, make_user):
    company = build_company(make_user)
    page = browser_page
    start = (datetime.date.today() + datetime.timedelta(days=21)).isoformat()
    held = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()  # interviews are evaluated after

    # The 生产部 head asks for one operator and submits.
    log_in(page, live_server, "prod_head")
    page.goto("/recruitment/requisitions/new/")
    pick(page, "position", company.frontline.code)
    page.fill("#id_headcount", "1")
    page.select_option("#id_reason", "expansion")
    page.fill("#id_desired_start_date", start)
    page.wait_for_selector("#hc-authorised")
    page.click("#requisition-form button[type=submit]")
    page.wait_for_selector("#submit-requisition")
    page.click("#submit-requisition")
    page.wait_for_selector("#requisition-status")
    requisition = Requisition.objects.get()
    assert requisition.status == Requisition.Status.IN_APPROVAL

    # Frontline flow: department manager → production management → HR manager.
    for approver in ("prod_manager", "pmc", "hr_manager"):
        _approve_first_waiting(page, live_server, approver)
    requisition.refresh_from_db()
    assert requisition.status == Requisition.Status.APPROVED

    # HR adds the candidate (consent recorded) and the application.
    log_in(page, live_server, "hr")
    page.goto("/recruitment/candidates/new/")
    page.fill("#id_name", "马晓东")
    page.fill("#id_phone", "138 0013 8000")
    page.fill("#id_email", "maxd@example.com")
    page.select_option("#id_source_channel", "online")
    page.select_option("#id_education", "high_school")
    page.check("#id_consent_given")
    page.click("#candidate-form button[type=submit]")
    page.wait_for_selector("#candidate-id-number")
    candidate = Candidate.objects.get()
    page.goto(f"/recruitment/applications/new/?candidate={candidate.pk}&requisition={requisition.pk}")
    page.click("#application-form button[type=submit]")
    page.wait_for_selector("#application-stage")
    application = Application.objects.get()
    page.click("#advance")
    page.wait_for_selector("#schedule-interview")

    # First round with HR, evaluated by HR.
    page.click("#schedule-interview")
    page.select_option("#id_round", "first_interview")
    page.fill("#id_scheduled_at", f"{held}T09:30")
    page.fill("#id_place", "人事部会议室")
    pick(page, "interviewers", company.hr.username, replace=True)
    page.click("#interview-form button[type=submit]")
    page.click("a[id^=evaluate-]")
    for name in ("attitude", "motivation", "basic_skills", "experience"):
        page.check(f"input[name={name}][value='4']")
    for name in ("id_verified", "education_verified", "qualification_verified"):
        page.check(f"input[name={name}][value='True']")
    page.check("input[name=recommendation][value=proceed]")
    page.click("#evaluation-form button[type=submit]")
    page.wait_for_selector(".evaluation")

    # Second round with the department head.
    page.click("#schedule-interview")
    page.select_option("#id_round", "second_interview")
    page.fill("#id_scheduled_at", f"{held}T14:00")
    page.fill("#id_remote_link", "https://meeting.example.com/room/42")
    pick(page, "interviewers", company.prod_head.username, replace=True)
    page.click("#interview-form button[type=submit]")
    page.wait_for_selector("#application-stage")

    log_in(page, live_server, "prod_head")
    page.goto(f"/recruitment/applications/{application.pk}/")
    page.click("a[id^=evaluate-]")
    for name in ("professional_knowledge", "post_skills", "overall_ability", "potential"):
        page.check(f"input[name={name}][value='5']")
    page.check("input[name=recommendation][value=proceed]")
    page.click("#evaluation-form button[type=submit]")
    page.wait_for_selector(".evaluation")
    assert page.locator(".evaluation").count() == 2

    # HR drafts the offer (the ID number is collected now) and sends it into hire approval.
    log_in(page, live_server, "hr")
    page.goto(f"/recruitment/applications/{application.pk}/")
    page.click("#draft-offer")
    id_number = build_id_number("320102", datetime.date(1998, 6, 18), 31)
    page.fill("#id_id_number", id_number)
    page.fill("#id_start_date", start)
    page.fill("#id_salary", "5500")
    page.select_option("#id_contract_type", "fixed")
    page.fill("#id_contract_months", "36")
    page.fill("#id_probation_months", "1")  # company policy for frontline posts
    page.fill("#id_probation_salary", "4400")
    page.fill("#id_conditions", "试用期内通过岗位技能考核")
    page.click("#offer-form button[type=submit]")
    page.click("#submit-offer")
    page.wait_for_selector("#offer-status")

    # Frontline hire approval: department manager → general manager.
    for approver in ("prod_manager", "gm"):
        _approve_first_waiting(page, live_server, approver)

    log_in(page, live_server, "hr")
    page.goto(f"/recruitment/applications/{application.pk}/")
    page.click("#accept-offer")
    page.wait_for_selector("#employee-link")

    employee = Employee.objects.get(id_number=id_number)
    assert employee.name == "马晓东"
    assert employee.status == EmployeeStatus.ONBOARDING
    assert employee.phone == "13800138000"
    assert employee.position == company.frontline
    requisition.refresh_from_db()
    assert (requisition.filled_count, requisition.status) == (1, Requisition.Status.FILLED)
