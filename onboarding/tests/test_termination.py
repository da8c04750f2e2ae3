"""A termination in probation (不符合录用条件, LCL art. 39(1)) is a separation case of offboarding, of the probation
type, proposed from the onboarding case and decided through its approval flow: department head → HR manager, with
the reason, the last day within the probation, the trade union informed (art. 43), and its printed form
(试用期解除劳动合同审批表). On approval the case gets its last day and offboarding's handover and certificate apply."""

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
from offboarding import services as offboarding_services
from offboarding.models import CaseStatus, SeparationCase, SeparationType
from onboarding import services
from onboarding.models import CaseEvent, OnboardingCase, ProbationStatus

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


def test_a_termination_is_a_separation_case_of_the_probation_type(company, start_case):
    """HR starts it from the onboarding case: one separation case, in the probation_termination flow; while in
    approval the employee is still employed. On final approval the probation ends as terminated, the case gets its
    last day and its handover checklist; on the last day the daily task separates the employee and issues the
    certificate (离职证明)."""
    case = start_case()
    termination = _propose(case, company)
    case.refresh_from_db()
    assert isinstance(termination, SeparationCase)
    assert termination.separation_type == SeparationType.PROBATION and termination.status == CaseStatus.NOTICE
    assert termination.employee == case.employee and termination.in_probation
    assert latest_request_for(termination).flow.code == "probation_termination"
    assert case.probation_status == ProbationStatus.TERMINATION
    assert approve_all(termination, comment="同意解除") == [company.prod_head, company.hr_manager]
    termination.refresh_from_db()
    case.refresh_from_db()
    case.employee.refresh_from_db()
    assert termination.status == CaseStatus.CONFIRMED and termination.last_day == TODAY()
    assert termination.handover_items.filter(mandatory=True).exists()
    assert case.probation_status == ProbationStatus.TERMINATED and case.status == OnboardingCase.Status.CLOSED
    assert case.events.filter(action=CaseEvent.Action.TERMINATED).exists()
    assert case.employee.status != EmployeeStatus.SEPARATED
    assert offboarding_services.separations_due(TODAY()) == [termination]
    termination.refresh_from_db()
    case.employee.refresh_from_db()
    assert termination.status == CaseStatus.SEPARATED and termination.certificate_number
    assert case.employee.status == EmployeeStatus.SEPARATED and case.employee.separated_on == TODAY()


def test_a_resignation_keeps_its_own_flow(company, start_case):
    case = start_case(user=None)
    resignation = offboarding_services.resignation_give(
        employee=case.employee,
        by=company.hr,
        reason="personal",
        reason_text="家庭原因",
        requested_last_day=TODAY() + datetime.timedelta(days=3),
        on_paper=True,
    )
    assert latest_request_for(resignation).flow.code == "resignation"


def test_a_rejected_termination_leaves_the_probation_running(company, start_case):
    case = start_case()
    termination = _propose(case, company)
    request_decide(request=latest_request_for(termination), by=company.prod_head, decision="reject", comment="再观察")
    case.refresh_from_db()
    termination.refresh_from_db()
    assert termination.status == CaseStatus.REJECTED and termination.last_day is None
    assert case.probation_status == ProbationStatus.RUNNING
    # Closed: HR may propose a new one while the probation runs.
    again = _propose(case, company)
    assert again.pk != termination.pk and again.status == CaseStatus.NOTICE


def test_the_reason_the_dates_and_the_union_are_required(company, start_case):
    case = start_case()
    with pytest.raises(ValidationError) as error:
        _propose(
            case, company, reason=" ", union_informed_on=None, separation_date=case.probation_end.replace(year=2099)
        )
    assert {"reason_missing", "union_not_informed", "separation_outside_probation"} <= error_codes(error.value)
    assert set(error.value.message_dict) >= {"reason", "separation_date", "union_informed_on"}
    assert not SeparationCase.objects.exists()


def test_refused_outside_the_probation(company, start_case):
    """After the end date the person is regular by law: the action is refused and no case is made."""
    case = start_case(days_ago=25)
    services.probations_lapse(today=case.probation_end + datetime.timedelta(days=1))
    case.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        offboarding_services.probation_termination_submit(
            employee=case.employee,
            by=company.hr,
            reason_text="不符合录用条件",
            last_day=case.probation_end + datetime.timedelta(days=5),
            union_informed_on=TODAY(),
            probation_start=case.start_date,
            probation_end=case.probation_end,
        )
    assert "separation_outside_probation" in error_codes(error.value)
    assert not SeparationCase.objects.exists()


def test_the_union_is_informed_before_the_decision(company, start_case):
    case = start_case()
    with pytest.raises(ValidationError) as error:
        _propose(case, company, union_informed_on=TODAY() + datetime.timedelta(days=1))
    assert "union_informed_late" in error_codes(error.value)


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
    termination.refresh_from_db()
    assert termination.status == CaseStatus.NOTICE and termination.last_day is None


def test_the_form_prints_and_the_case_page_links_to_the_separation_case(company, start_case, login):
    case = start_case()
    termination = _propose(case, company)
    client = login(company.hr)
    page = client.get(case.get_absolute_url()).content.decode()
    url = reverse("onboarding:termination_pdf", args=[case.pk, termination.pk])
    assert url in page and 'id="termination-status"' in page
    assert termination.get_absolute_url() in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert client.get(termination.get_absolute_url()).status_code == 200
    assert login(company.prod_head).get(url).status_code == 200
    assert login(company.qa_head).get(url).status_code == 404


def test_the_pdf_of_another_case_is_not_found(company, start_case, login):
    case = start_case()
    other = start_case()
    termination = _propose(case, company)
    url = reverse("onboarding:termination_pdf", args=[other.pk, termination.pk])
    assert login(company.hr).get(url).status_code == 404


def test_the_employee_concerned_does_not_print_the_internal_form(company, start_case, make_user, login):
    user = make_user("operator")
    case = start_case(user=user)
    termination = _propose(case, company)
    url = reverse("onboarding:termination_pdf", args=[case.pk, termination.pk])
    assert login(user).get(url).status_code == 403
    assert login(company.gm).get(url).status_code == 200


def test_only_hr_starts_the_termination_from_the_case(company, start_case, login):
    case = start_case()
    services.review_submit(case=case, by=company.prod_head, **NOT_MET)
    url = reverse("onboarding:probation_terminate", args=[case.pk])
    data = {
        "reason": "不符合录用条件",
        "separation_date": f"{TODAY():%Y-%m-%d}",
        "union_informed_on": f"{TODAY():%Y-%m-%d}",
    }
    assert login(company.prod_head).post(url, data).status_code == 403
    assert login(company.qa_head).post(url, data).status_code == 404
    assert not SeparationCase.objects.exists()
    response = login(company.hr).post(url, data)
    assert response.status_code == 302
    assert SeparationCase.objects.get().separation_type == SeparationType.PROBATION


def test_the_separation_case_page_per_role(company, start_case, login):
    """The probation case opens for HR and the department head, not for another department's head; the other
    head's onboarding case page does not exist for them either."""
    case = start_case()
    termination = _propose(case, company)
    url = termination.get_absolute_url()
    assert login(company.hr).get(url).status_code == 200
    assert login(company.prod_head).get(url).status_code == 200
    assert login(company.qa_head).get(url).status_code == 404
    assert login(company.qa_head).get(case.get_absolute_url()).status_code == 404
