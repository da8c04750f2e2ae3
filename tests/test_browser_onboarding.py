"""Offer to regular employee in Chromium: HR accepts the offer (the onboarding case opens with the offer's
terms), uploads the personnel file until the checklist is complete, the department head reviews the probation
against the conditions of employment, HR sends the conversion with its salary slip, each approver approves
from their inbox — and the employee is regular with the new salary in the salary history."""

import datetime
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from core.validators import build_id_number
from employees.models import REQUIRED_DOCUMENT_KINDS, EmployeeStatus, SalaryChange
from onboarding.models import OnboardingCase, ProbationStatus
from recruitment import services as recruitment
from recruitment.tests.factories import approve_all, build_company, evaluate_proceed
from tests.browser import log_in

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _approve_first_waiting(page, live_server, username):
    log_in(page, live_server, username)
    page.goto("/approvals/")
    page.click("#approval-inbox a.btn")
    page.check("input[name=decision][value=approve]")
    page.fill("textarea[name=comment]", f"{username} 同意转正")
    page.click("form:has(input[name=decision]) button[type=submit]")
    page.wait_for_load_state()


def _approved_offer(company):
    requisition = recruitment.requisition_create(
        by=company.prod_head,
        position=company.frontline,
        headcount=1,
        reason="expansion",
        desired_start_date=timezone.localdate() + datetime.timedelta(days=7),
    )
    recruitment.requisition_submit(requisition=requisition, by=company.prod_head)
    approve_all(requisition)
    requisition.refresh_from_db()
    candidate = recruitment.candidate_create(
        by=company.hr, consent_given=True, name="吴海峰", phone="13900001234", source_channel="online"
    )
    application = recruitment.application_create(by=company.hr, candidate=candidate, requisition=requisition)
    evaluate_proceed(application, company)
    offer = recruitment.offer_create(
        application=application,
        by=company.hr,
        id_number=build_id_number("320102", datetime.date(1997, 7, 1), 55),
        start_date=timezone.localdate(),
        salary=Decimal("5500"),
        contract_type="fixed",
        contract_months=36,
        probation_months=1,  # company policy for frontline posts
        probation_salary=Decimal("4400"),
        conditions="试用期内通过岗位技能考核，产品合格率≥98%",
    )
    offer = recruitment.offer_submit(offer=offer, by=company.hr, skip_reason="经验丰富，免复试")
    approve_all(offer)
    return application


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_offer_to_regular_employee(browser_page, live_server, make_user):
    company = build_company(make_user)
    application = _approved_offer(company)
    page = browser_page

    # HR records the candidate's acceptance: the employee exists and the onboarding case opens.
    log_in(page, live_server, "hr")
    page.goto(f"/recruitment/applications/{application.pk}/")
    page.click("#accept-offer")
    page.wait_for_selector("#employee-link")
    case = OnboardingCase.objects.get()
    assert case.probation_months == 1 and case.probation_salary == Decimal("4400")

    # The personnel-file checklist is completed by uploading each required document.
    upload = Path(tempfile.mkdtemp()) / "scan.pdf"
    upload.write_bytes(PDF)
    page.goto("/onboarding/")
    page.click(f"#case-table a[href='/onboarding/{case.pk}/']")
    page.wait_for_selector("#checklist")
    for kind in REQUIRED_DOCUMENT_KINDS:
        page.goto(f"/onboarding/{case.pk}/")
        page.click(f"#checklist [data-kind={kind}] a")
        page.set_input_files("input[type=file]", str(upload))
        page.click("input[type=submit][name=submit]")
        page.wait_for_load_state()
    page.goto(f"/onboarding/{case.pk}/")
    assert page.locator("#checklist .text-danger").count() == 0
    assert page.locator("#missing-documents").count() == 0

    # The department head reviews the probation against the conditions of employment.
    log_in(page, live_server, "prod_head")
    page.goto(f"/onboarding/{case.pk}/")
    page.click(f"a[href='/onboarding/{case.pk}/review/']")
    for name in ("performance", "ability", "attitude", "discipline"):
        page.select_option(f"select[name={name}]", "4")
    page.fill("textarea[name=comments]", "工作认真，技能达标")
    page.check("input[name=conditions_met][value=yes]")
    page.fill("textarea[name=conditions_assessment]", "技能考核通过；合格率99%")
    page.select_option("select[name=recommendation]", "convert")
    page.click("input[type=submit][name=submit]")
    page.wait_for_selector("#probation .review")

    # HR sends the conversion with the salary slip.
    log_in(page, live_server, "hr")
    page.goto(f"/onboarding/{case.pk}/")
    page.click(f"a[href='/onboarding/{case.pk}/conversion/']")
    page.fill("input[name=new_salary]", "5800")
    # Effective today: the conversion takes effect on its date, so the approvals make the person regular at once.
    page.fill("input[name=effective_date]", f"{timezone.localdate():%Y-%m-%d}")
    page.click("input[type=submit][name=submit]")
    page.wait_for_selector("#conversion-status")

    # Frontline conversion: department head → HR manager.
    for approver in ("prod_head", "hr_manager"):
        _approve_first_waiting(page, live_server, approver)

    case.refresh_from_db()
    employee = case.employee
    employee.refresh_from_db()
    assert case.probation_status == ProbationStatus.CONVERTED
    assert employee.status == EmployeeStatus.REGULAR
    assert employee.base_salary == Decimal("5800")
    assert SalaryChange.objects.filter(employee=employee, new_salary=Decimal("5800")).exists()
    log_in(page, live_server, "hr")
    page.goto(f"/onboarding/{case.pk}/")
    assert page.locator(".approval-chain tbody tr").count() == 3
