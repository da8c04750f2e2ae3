"""Recruitment hands an accepted offer to onboarding: the case opens with the offer's terms."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from core.validators import build_id_number
from onboarding.models import OnboardingCase, ProbationStatus
from recruitment import services as recruitment
from recruitment.tests.factories import approve_all, build_company, evaluate_proceed

pytestmark = pytest.mark.django_db


def test_an_accepted_offer_opens_the_case_with_its_terms(make_user):
    company = build_company(make_user)
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
    offer = recruitment.offer_accept(offer=offer, by=company.hr)
    case = OnboardingCase.objects.get(offer=offer)
    assert case.employee == offer.employee
    assert (case.agreed_salary, case.probation_months, case.probation_salary) == (
        Decimal("5500"),
        1,
        Decimal("4400"),
    )
    assert case.conditions == "产品合格率≥98%"
    assert case.probation_status == ProbationStatus.RUNNING
