"""Recruitment hands an accepted offer to onboarding: the case opens with the offer's terms."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.errors import error_codes
from core.validators import build_id_number
from employees.labour_law import probation_end_date
from employees.models import LabourContract
from onboarding import services
from onboarding.models import OnboardingCase, ProbationStatus
from recruitment import services as recruitment
from recruitment.tests.factories import approve_all, build_company, evaluate_proceed

pytestmark = pytest.mark.django_db


def _accepted_offer(company):
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
        conditions="产品合格率≥98%",
    )
    offer = recruitment.offer_submit(offer=offer, by=company.hr, skip_reason="免复试")
    approve_all(offer)
    offer.refresh_from_db()
    return recruitment.offer_accept(offer=offer, by=company.hr)


def test_an_accepted_offer_opens_the_case_with_its_terms(make_user):
    company = build_company(make_user)
    offer = _accepted_offer(company)
    case = OnboardingCase.objects.get(offer=offer)
    assert case.employee == offer.employee
    assert (case.agreed_salary, case.probation_months, case.probation_salary) == (
        Decimal("5500"),
        1,
        Decimal("4400"),
    )
    assert case.conditions == "产品合格率≥98%"
    assert case.probation_status == ProbationStatus.RUNNING


def test_hr_records_the_labour_contract_from_the_case_with_the_offers_terms(make_user, login):
    """The contract form on the case is filled in from the accepted offer (type, term, probation, wage); a lower
    wage or another probation than the offer's is refused; the signed contract completes the contract task."""
    company = build_company(make_user)
    case = OnboardingCase.objects.get(offer=_accepted_offer(company))
    client = login(company.hr)
    assert reverse("onboarding:contract_record", args=[case.pk]) in client.get(case.get_absolute_url()).content.decode()
    url = reverse("onboarding:contract_record", args=[case.pk])
    initial = client.get(url).context["form"].initial
    assert initial["contract_type"] == "fixed" and initial["probation_months"] == 1
    assert (initial["salary"], initial["probation_salary"]) == (Decimal("5500"), Decimal("4400"))
    assert initial["start_date"] == case.start_date
    assert initial["end_date"] == probation_end_date(case.start_date, 36)
    data = {
        key: (f"{value:%Y-%m-%d}" if isinstance(value, datetime.date) else str(value)) for key, value in initial.items()
    }
    data["signed_on"] = f"{case.start_date:%Y-%m-%d}"
    response = client.post(url, {**data, "salary": "5000", "probation_months": "2"})
    assert response.status_code == 200
    assert {"salary", "probation_months"} <= set(response.context["form"].errors)
    assert not LabourContract.objects.filter(employee=case.employee).exists()
    assert client.post(url, data).status_code == 302
    contract = LabourContract.objects.get(employee=case.employee)
    assert (contract.probation_months, contract.end_date, contract.signed_on) == (
        1,
        probation_end_date(case.start_date, 36),
        case.start_date,
    )
    assert client.get(url).status_code == 403


def test_the_contract_service_refuses_a_lower_wage_with_its_code(make_user):
    company = build_company(make_user)
    case = OnboardingCase.objects.get(offer=_accepted_offer(company))
    terms = {**services.contract_initial(case), "salary": Decimal("5000")}
    with pytest.raises(ValidationError) as error:
        services.case_contract_record(case=case, by=company.hr, **terms)
    assert "wage_below_offer" in error_codes(error.value)
