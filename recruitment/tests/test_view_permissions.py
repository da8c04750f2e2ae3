"""HR-only recruitment actions through their views: HR may, a department head who can see the object may not
(403, nothing changes), someone outside the department does not even learn it exists (404)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from recruitment import services
from recruitment.models import Interview, Offer, Requisition, Stage

from .factories import OFFER_TERMS, approve_all, evaluate_proceed, id_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(company, approved_requisition, make_candidate):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(id_number=id_number(3)), requisition=approved_requisition
    )
    return services.application_advance(application=application, by=company.hr)


@pytest.fixture
def interview(company, application):
    return services.interview_schedule(
        application=application,
        by=company.hr,
        round=Stage.FIRST_INTERVIEW,
        scheduled_at=timezone.now() + timezone.timedelta(days=1),
        interviewers=[company.hr],
        place="会议室",
    )


def _offer_in_approval(company, application):
    evaluate_proceed(application, company)
    application = services.application_advance(application=application, by=company.hr)
    offer = services.offer_create(application=application, by=company.hr, **OFFER_TERMS)
    return services.offer_submit(offer=offer, by=company.hr)


def test_only_hr_edits_a_candidate_or_schedules_an_interview(company, login, application):
    urls = [
        reverse("recruitment:candidate_update", args=[application.candidate_id]),
        reverse("recruitment:interview_create", args=[application.pk]),
    ]
    for url in urls:
        assert login(company.hr).get(url).status_code == 200
        assert login(company.prod_head).get(url).status_code in (403, 404)
        assert login(company.outsider).get(url).status_code in (403, 404)


def test_only_hr_cancels_an_interview(company, login, interview):
    url = reverse("recruitment:interview_cancel", args=[interview.pk])

    assert login(company.prod_head).post(url, {"reason": "x"}).status_code == 403
    assert login(company.qa_head).post(url, {"reason": "x"}).status_code in (403, 404)
    interview.refresh_from_db()
    assert interview.status != Interview.Status.CANCELLED

    assert login(company.hr).post(url, {"reason": "候选人改期"}).status_code == 302
    interview.refresh_from_db()
    assert interview.status == Interview.Status.CANCELLED


def test_only_hr_withdraws_a_hire_approval_or_records_a_declined_offer(company, login, application):
    offer = _offer_in_approval(company, application)
    withdraw = reverse("recruitment:offer_withdraw", args=[application.pk])
    decline = reverse("recruitment:offer_decline", args=[application.pk])

    assert login(company.prod_head).post(withdraw).status_code == 403
    assert login(company.qa_head).post(withdraw).status_code in (403, 404)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.IN_APPROVAL

    assert login(company.hr).post(withdraw, {"comment": "条件有变"}).status_code == 302
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DRAFT

    offer = services.offer_submit(offer=offer, by=company.hr)
    approve_all(offer)
    assert login(company.prod_head).post(decline, {"reason": "薪资"}).status_code == 403
    assert login(company.hr).post(decline, {"reason": "薪资"}).status_code == 302
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DECLINED


def test_the_requester_or_hr_cancels_a_requisition_and_another_head_cannot_see_it(company, login, approved_requisition):
    url = reverse("recruitment:requisition_cancel", args=[approved_requisition.pk])

    assert login(company.qa_head).post(url, {"reason": "x"}).status_code == 404
    approved_requisition.refresh_from_db()
    assert approved_requisition.status != Requisition.Status.CANCELLED

    assert login(company.prod_head).post(url, {"reason": "订单取消"}).status_code == 302
    approved_requisition.refresh_from_db()
    assert approved_requisition.status == Requisition.Status.CANCELLED
