"""A termination in probation (不符合录用条件, LCL art. 39(1)) goes through its approval flow on the one engine:
department head → HR manager, with the reason, before the end date, the trade union informed (art. 43), and
its printed form (试用期解除劳动合同审批表)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from approvals.models import Flow
from approvals.selectors import latest_request_for
from approvals.services import request_decide
from core.errors import error_codes
from employees.models import EmployeeStatus
from onboarding import services
from onboarding.models import CaseEvent, OnboardingCase, ProbationStatus, ProbationTermination

from .conftest import REVIEW, approve_all

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
NOT_MET = {**REVIEW, "recommendation": "terminate", "conditions_met": False}


def _propose(case, company, **overrides):
    services.review_submit(case=case, by=company.prod_head, **NOT_MET)
    data = {
        "reason": "近一月产品合格率仅90%，未达到录用条件第2条（≥98%）",
        "separation_date": TODAY(),
        "union_informed_on": TODAY(),
        "union_note": "工会无异议",
    }
    return services.probation_terminate(case=case, by=company.hr, **{**data, **overrides})


def test_the_flow_is_created_by_migration_with_chinese_names():
    flow = Flow.objects.get(code="probation_termination")
    assert flow.name == "试用期解除劳动合同审批"
    assert [(s.role, s.name) for s in flow.steps.order_by("order")] == [
        ("dept_head", "部门主管审核"),
        ("hr_manager", "人事经理审批"),
    ]


def test_a_termination_waits_for_the_head_and_the_hr_manager(company, start_case):
    """While in approval the employee is still employed; on final approval the probation ends as terminated
    and the employee is separated on the separation date; the approved row stays as the separation record."""
    case = start_case()
    termination = _propose(case, company)
    case.refresh_from_db()
    case.employee.refresh_from_db()
    assert termination.status == ProbationTermination.Status.PENDING
    assert case.probation_status == ProbationStatus.TERMINATION
    assert case.employee.status != EmployeeStatus.SEPARATED
    assert approve_all(termination, comment="同意解除") == [company.prod_head, company.hr_manager]
    termination.refresh_from_db()
    case.refresh_from_db()
    case.employee.refresh_from_db()
    assert termination.status == ProbationTermination.Status.APPROVED
    assert case.probation_status == ProbationStatus.TERMINATED and case.status == OnboardingCase.Status.CLOSED
    assert case.employee.status == EmployeeStatus.SEPARATED and case.employee.separated_on == TODAY()
    assert case.events.filter(action=CaseEvent.Action.TERMINATED).exists()


def test_a_rejected_termination_leaves_the_probation_running(company, start_case):
    case = start_case()
    termination = _propose(case, company)
    request_decide(request=latest_request_for(termination), by=company.prod_head, decision="reject", comment="再观察")
    case.refresh_from_db()
    termination.refresh_from_db()
    assert termination.status == ProbationTermination.Status.REJECTED
    assert case.probation_status == ProbationStatus.RUNNING


def test_the_reason_the_dates_and_the_union_are_required(company, start_case):
    case = start_case()
    with pytest.raises(ValidationError) as error:
        _propose(
            case, company, reason=" ", union_informed_on=None, separation_date=case.probation_end.replace(year=2099)
        )
    assert {"reason_missing", "union_not_informed", "separation_outside_probation"} <= error_codes(error.value)
    assert not ProbationTermination.objects.exists()


def test_approval_after_the_lapse_is_refused(company, start_case):
    """Approved only after the end date passed: the person is regular by law and the approval is refused."""
    case = start_case(days_ago=25)
    termination = _propose(case, company)
    services.probations_lapse(today=case.probation_end + datetime.timedelta(days=1))
    request = latest_request_for(termination)
    request_decide(request=request, by=company.prod_head, decision="approve", comment="同意")
    request.refresh_from_db()
    step = request.steps.get(round=request.round, index=request.current_step)
    with pytest.raises(ValidationError) as error:
        request_decide(request=request, by=step.assigned_to, decision="approve", comment="同意")
    assert "probation_ended" in error_codes(error.value)
    case.employee.refresh_from_db()
    assert case.employee.status != EmployeeStatus.SEPARATED


def test_the_form_prints_and_shows_on_the_case_page(company, start_case, login):
    case = start_case()
    termination = _propose(case, company)
    client = login(company.hr)
    page = client.get(case.get_absolute_url()).content.decode()
    url = reverse("onboarding:termination_pdf", args=[case.pk, termination.pk])
    assert url in page and 'id="termination-status"' in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert login(company.prod_head).get(url).status_code == 200
    assert login(company.qa_head).get(url).status_code == 404


def test_the_employee_concerned_does_not_print_the_internal_form(company, start_case, make_user, login):
    user = make_user("operator")
    case = start_case(user=user)
    termination = _propose(case, company)
    url = reverse("onboarding:termination_pdf", args=[case.pk, termination.pk])
    assert login(user).get(url).status_code == 403
    assert login(company.gm).get(url).status_code == 200
