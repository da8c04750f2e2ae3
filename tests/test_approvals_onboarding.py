"""The probation conversion (转正) through the engine: a department head on probation never decides his own
conversion, and the decision page shows the new salary to cleared approvers only."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.models import Delegation
from approvals.selectors import latest_request_for
from approvals.services import request_decide
from core import roles
from core.errors import error_codes
from core.policy import PolicyDenied
from employees.models import EmployeeStatus
from onboarding import services
from onboarding.tests.conftest import REVIEW, TERMS, build_company, upload_all
from org.models import PositionCategory
from tests.factories import EmployeeFactory, PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(make_user):
    return build_company(make_user)


def _on_probation(position, user):
    employee = EmployeeFactory(
        position=position,
        hire_date=timezone.localdate() - datetime.timedelta(days=10),
        status=EmployeeStatus.ONBOARDING,
        base_salary=Decimal("9000"),
        user=user,
    )
    return employee


def _conversion(company, employee, new_salary="9900"):
    case = services.case_start(employee=employee, by=company.hr, **{**TERMS, "probation_months": 3})
    upload_all(employee, company.hr)
    services.review_submit(case=case, by=company.hr, **REVIEW)
    if employee.position.category != PositionCategory.FRONTLINE:  # staff grade: the self-report comes first
        services.self_report_submit(case=case, by=employee.user or company.hr, work_summary="试用期工作总结")
    return services.conversion_submit(
        case=case, by=company.hr, new_salary=Decimal(new_salary), effective_date=case.probation_end
    )


def _steps(subject):
    request = latest_request_for(subject)
    return request, list(request.steps.filter(round=request.round).order_by("index"))


def test_a_department_head_on_probation_does_not_decide_his_own_conversion(company, make_user):
    """品质部's new head is on probation: the head step of his conversion goes one level up (the chain says why),
    he is nowhere in the chain, and his decision is refused."""
    new_head = make_user("new_qa_head", roles=[roles.DEPT_HEAD])
    post = PositionFactory(
        department=company.quality, code="QA-MGR", title="品质主管", category=PositionCategory.MANAGER
    )
    employee = _on_probation(post, new_head)
    company.quality.head = employee
    company.quality.save(update_fields=["head"])

    conversion = _conversion(company, employee)

    request, steps = _steps(conversion)
    assert new_head not in [step.assigned_to for step in steps]
    assert str(new_head) in steps[0].reason
    with pytest.raises(PolicyDenied) as excinfo:
        request_decide(request=request, by=new_head, decision="approve")
    assert "own_request" in error_codes(excinfo.value)


def test_a_frontline_delegate_of_the_hr_manager_cannot_decide_a_conversion(company, make_user):
    """A delegation to a frontline worker (made before delegations were checked) gives no right to decide a
    co-worker's conversion and salary."""
    worker = make_user("worker", roles=[roles.EMPLOYEE])
    today = timezone.localdate()
    Delegation.objects.create(from_user=company.hr_manager, to_user=worker, start_date=today, end_date=today)
    conversion = _conversion(company, _on_probation(company.staff, None))
    request, steps = _steps(conversion)
    request = request_decide(request=request, by=steps[0].assigned_to, decision="approve")
    assert request.steps.get(round=request.round, index=request.current_step).assigned_to == company.hr_manager

    with pytest.raises(PolicyDenied) as excinfo:
        request_decide(request=request, by=worker, decision="approve")
    assert "delegate_not_qualified" in error_codes(excinfo.value)


def test_the_conversion_decision_page_shows_the_new_salary_to_cleared_approvers_only(company, client):
    conversion = _conversion(company, _on_probation(company.staff, None), new_salary="9876")
    request, steps = _steps(conversion)

    client.force_login(company.prod_head)
    body = client.get(reverse("approvals:decide", args=[steps[0].pk])).content.decode()
    assert "9876" not in body and "***" in body
    request_decide(request=request, by=company.prod_head, decision="approve")

    client.force_login(company.hr_manager)
    body = client.get(reverse("approvals:decide", args=[steps[1].pk])).content.decode()
    assert "9876" in body
    body = client.get(reverse("approvals:request_detail", args=[request.pk])).content.decode()
    assert "9876" in body
