"""Recruitment's approvals through the engine: nobody decides a requisition or hire they raised, a section lead's
staff requisition is reviewed by the head of the section's department, and the decision page shows the figures
and terms the approver decides on (salaries masked without clearance)."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from approvals.models import Delegation
from approvals.selectors import latest_request_for, pending_steps_for
from approvals.services import delegation_create, request_decide
from core import roles
from core.errors import error_codes
from core.policy import PolicyDenied
from org.models import PositionCategory
from org.services import department_create
from recruitment import services
from recruitment.tests.factories import (
    OFFER_TERMS,
    approve_all,
    build_company,
    candidate_data,
    evaluate_proceed,
    id_number,
)
from tests.factories import EmployeeFactory, PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(make_user):
    return build_company(make_user)


def _requisition(company, position, by):
    return services.requisition_create(
        by=by,
        position=position,
        headcount=1,
        reason="expansion",
        desired_start_date=timezone.localdate() + datetime.timedelta(days=30),
    )


def _current(subject):
    request = latest_request_for(subject)
    return request, request.steps.get(round=request.round, index=request.current_step)


def _chain(subject):
    request = latest_request_for(subject)
    steps = request.steps.filter(round=request.round).exclude(status="skipped").order_by("index")
    return [step.assigned_to.username for step in steps]


def test_an_approver_who_delegated_to_the_applicant_does_not_let_him_approve_his_own_requisition(company):
    """The production manager hands his approvals to the head (who also holds the manager role elsewhere): the
    head's own requisition is not in his inbox, and his decision on it is refused."""
    company.prod_head.groups.add(*company.prod_manager.groups.all())
    today = timezone.localdate()
    delegation_create(from_user=company.prod_manager, to_user=company.prod_head, start_date=today, end_date=today)
    requisition = services.requisition_submit(
        requisition=_requisition(company, company.frontline, company.prod_head), by=company.prod_head
    )
    request, step = _current(requisition)
    assert step.assigned_to == company.prod_manager

    assert step not in pending_steps_for(company.prod_head)
    with pytest.raises(PolicyDenied) as excinfo:
        request_decide(request=request, by=company.prod_head, decision="approve")
    assert "own_request" in error_codes(excinfo.value)
    request.refresh_from_db()
    assert request.current_step == step.index


def test_a_head_does_not_approve_the_requisition_he_wrote_after_hr_submitted_it(company):
    """HR submits the head's staff requisition on his behalf: the head's review goes one level up (the chain says
    why), and the head cannot decide any step of it."""
    draft = _requisition(company, company.staff, company.prod_head)
    requisition = services.requisition_submit(requisition=draft, by=company.hr)

    assert _chain(requisition) == ["prod_manager", "hr_manager", "gm"]
    request, step = _current(requisition)
    assert str(company.prod_head) in step.reason
    with pytest.raises(PolicyDenied) as excinfo:
        request_decide(request=request, by=company.prod_head, decision="approve")
    assert "own_request" in error_codes(excinfo.value)


@pytest.fixture
def section(company, make_user):
    """冲压课 below 生产部, led by its section lead (负责人), with a staff post."""
    stamping = department_create(code="PRD-ST", name="冲压课", parent=company.production)
    lead = make_user("st_lead", roles=[roles.DEPT_HEAD])
    post = PositionFactory(
        department=stamping, code="ST-ENG", title="模具工程师", category=PositionCategory.STAFF, authorised_headcount=2
    )
    stamping.head = EmployeeFactory(position=post, user=lead, name="冲压课长")
    stamping.save()
    return stamping, lead, post


def test_a_section_leads_staff_requisition_is_reviewed_by_the_head_of_the_department(company, section):
    """部门负责人申请，各部门主管审核，人事部批准、总经理批准: the lead of 冲压课 applies, the head of 生产部
    reviews."""
    _stamping, lead, post = section
    with translation.override("en"):  # the chain's reasons are written in the submitter's language
        requisition = services.requisition_submit(requisition=_requisition(company, post, lead), by=lead)

    assert _chain(requisition) == ["prod_head", "hr_manager", "gm"]
    _request, step = _current(requisition)
    assert "applicant" in step.reason and "生产部" in step.reason


def test_the_department_heads_own_requisition_for_a_section_goes_one_level_up(company, section):
    """The head of 生产部 applies for 冲压课's post: his section lead does not review his boss; the manager does."""
    _stamping, _lead, post = section
    requisition = services.requisition_submit(requisition=_requisition(company, post, company.prod_head), by=company.hr)

    assert _chain(requisition) == ["prod_manager", "hr_manager", "gm"]


def test_the_requisition_decision_page_shows_the_headcount_figures(company, client):
    """Authorised, filled, open, already requested and requested now, as they stood at submission."""
    EmployeeFactory(position=company.staff)
    requisition = services.requisition_submit(
        requisition=_requisition(company, company.staff, company.prod_head), by=company.prod_head
    )
    _request, step = _current(requisition)
    client.force_login(step.assigned_to)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("approvals:decide", args=[step.pk]))
    rows = {str(label): value for label, value, _is_list in page.context["summary"]}
    assert rows["Authorised headcount (编制)"] == 2
    assert rows["Filled (在岗)"] == 1
    assert rows["Open (空缺)"] == 1
    assert rows["Already requested (已申请)"] == 0
    assert rows["Requested now (本次申请)"] == 1


def test_the_hire_decision_page_shows_the_salary_and_probation_masked_without_clearance(company, client):
    """The production manager (no clearance) reads the probation but not the salary; the general manager both."""
    requisition = services.requisition_submit(
        requisition=_requisition(company, company.frontline, company.prod_head), by=company.prod_head
    )
    approve_all(requisition)
    requisition.refresh_from_db()
    candidate = services.candidate_create(
        by=company.hr, consent_given=True, **candidate_data(1), id_number=id_number(1)
    )
    application = services.application_create(by=company.hr, candidate=candidate, requisition=requisition)
    evaluate_proceed(application, company)
    application = services.application_advance(application=application, by=company.hr)
    offer = services.offer_create(application=application, by=company.hr, **OFFER_TERMS)
    services.offer_submit(offer=offer, by=company.hr)
    request, step = _current(offer)
    assert step.assigned_to == company.prod_manager

    client.force_login(company.prod_manager)
    body = client.get(reverse("approvals:decide", args=[step.pk])).content.decode()
    assert "6000" not in body and "4800" not in body and "***" in body
    request = request_decide(request=request, by=company.prod_manager, decision="approve")

    _request, step = _current(offer)
    client.force_login(company.gm)
    page = client.get(reverse("approvals:decide", args=[step.pk]))
    body = page.content.decode()
    assert "6000" in body and "4800" in body
    values = [value for _label, value, _is_list in page.context["summary"]]
    assert OFFER_TERMS["probation_months"] in values


def test_a_delegate_must_hold_the_role_and_clearance_of_the_step(company, make_user):
    """The HR manager cannot hand his approvals to a frontline worker nor to an uncleared general manager; a
    delegation made before that rule gives no right to decide."""
    today = timezone.localdate()
    worker = make_user("worker", roles=[roles.EMPLOYEE])
    uncleared_gm = make_user("gm2", roles=[roles.GM])
    for delegate, code in ((worker, "delegate_not_qualified"), (uncleared_gm, "delegate_lacks_clearance")):
        with pytest.raises(Exception) as excinfo:
            delegation_create(from_user=company.hr_manager, to_user=delegate, start_date=today, end_date=today)
        assert code in error_codes(excinfo.value)
    assert not Delegation.objects.exists()

    Delegation.objects.create(from_user=company.prod_manager, to_user=worker, start_date=today, end_date=today)
    requisition = services.requisition_submit(
        requisition=_requisition(company, company.frontline, company.prod_head), by=company.prod_head
    )
    request, _step = _current(requisition)
    with pytest.raises(PolicyDenied) as excinfo:
        request_decide(request=request, by=worker, decision="approve")
    assert "delegate_not_qualified" in error_codes(excinfo.value)
