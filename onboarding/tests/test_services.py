"""Onboarding and probation services: the case, its tasks, the legal rules, conversion, termination, lapse."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from core.errors import error_codes
from employees.labour_law import probation_end_date, written_contract_deadline
from employees.models import EmployeeStatus, EmploymentType, SalaryChange
from offboarding.services import separations_due
from onboarding import services
from onboarding.models import CaseEvent, Conversion, OnboardingCase, OnboardingTask, ProbationStatus

from .conftest import REVIEW, TERMS, approve_all, new_hire, record_safety_education, sign_contract, upload_all

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_a_case_takes_the_terms_and_computes_the_end_date(company, start_case):
    """Probation length and salary come from the terms; the end date is computed from the start date."""
    case = start_case(days_ago=10)
    assert case.probation_status == ProbationStatus.RUNNING
    assert case.probation_end == probation_end_date(case.start_date, 1)
    assert case.events.filter(action=CaseEvent.Action.STARTED, by=company.hr).exists()


def test_tasks_cover_legal_deadlines_arrangements_and_induction(company, start_case):
    """Contract within a month, insurance and housing fund within 30 days, handbook, arrangements, induction
    with owners and due dates, including the quality-awareness item with its check of understanding."""
    case = start_case(terms={}, days_ago=0)
    tasks = {t.code or t.kind: t for t in case.tasks.all()}
    start = case.start_date
    assert tasks["labour_contract"].due_date == written_contract_deadline(start)  # one calendar month
    assert tasks["social_insurance"].due_date == start + datetime.timedelta(days=30)
    assert tasks["housing_fund"].due_date == start + datetime.timedelta(days=30)
    assert "handbook" in tasks and "it_account" in tasks and "badge" in tasks and "work_station" in tasks
    assert "dormitory" not in tasks
    assert tasks["quality"].checks_understanding
    assert tasks["department"].owner == company.prod_head
    assert tasks["induction"].owner == company.hr


def test_dormitory_and_canteen_only_when_requested(company, start_case):
    employee = new_hire(company.frontline)
    case = services.case_start(
        employee=employee, by=company.hr, dormitory_requested=True, canteen_requested=True, **TERMS
    )
    assert set(case.tasks.values_list("code", flat=True)) >= {"dormitory", "canteen"}


@pytest.mark.parametrize(
    ("terms", "field", "code"),
    [
        ({"contract_months": 12, "probation_months": 3}, "probation_months", "probation_too_long"),
        ({"contract_months": 6, "probation_months": 2}, "probation_months", "probation_too_long"),
        ({"probation_salary": Decimal("4700")}, "probation_salary", "probation_salary_below_80_percent"),
        (
            {"agreed_salary": Decimal("2000"), "probation_salary": Decimal("1800")},
            "agreed_salary",
            "salary_below_minimum_wage",
        ),
    ],
)
def test_case_start_refuses_terms_outside_the_law(company, start_case, terms, field, code):
    """Caps by contract term, 80 % and minimum wage: the case is refused and nothing is half-saved."""
    with pytest.raises(ValidationError) as error:
        start_case(terms=terms)
    key = "salary" if field == "agreed_salary" else field
    assert key in error.value.message_dict
    assert code in error_codes(error.value)
    assert not OnboardingCase.objects.exists()


def test_probation_is_agreed_once_a_rehire_gets_none(company, start_case):
    """Someone who already served a probation with the company gets none (art. 19)."""
    employee = new_hire(company.frontline, days_ago=400)
    first = start_case(employee=employee)
    employee.hire_date = TODAY() - datetime.timedelta(days=3)
    employee.save(update_fields=["hire_date"])
    with pytest.raises(ValidationError) as error:
        start_case(employee=employee)
    assert "probation_once_only" in error_codes(error.value)
    second = start_case(employee=employee, terms={"probation_months": 0, "probation_salary": None})
    assert second.probation_status == ProbationStatus.NONE
    assert second.no_probation_reason and first.pk != second.pk


def test_agency_workers_get_no_contract_or_probation_steps(company, start_case):
    """Agency workers and interns: no probation, and the contract/insurance tasks say why they do not apply."""
    employee = new_hire(company.frontline, employment_type=EmploymentType.AGENCY, agency_name="某劳务公司")
    with pytest.raises(ValidationError):
        start_case(employee=employee)
    case = start_case(employee=employee, terms={"probation_months": 0, "probation_salary": None})
    contract = case.tasks.get(code="labour_contract")
    assert contract.status == OnboardingTask.Status.NOT_APPLICABLE and contract.not_applicable_reason
    assert case.no_probation_reason


def test_the_quality_awareness_item_needs_a_recorded_check(company, start_case):
    case = start_case()
    task = case.tasks.get(checks_understanding=True)
    with pytest.raises(ValidationError) as error:
        services.task_complete(task=task, by=company.hr)
    assert "understanding_check_missing" in error_codes(error.value)
    with pytest.raises(ValidationError) as error:
        services.task_complete(
            task=task, by=company.hr, understanding_check="能复述质量方针", understanding_passed=False
        )
    assert "understanding_not_confirmed" in error_codes(error.value)
    done = services.task_complete(
        task=task, by=company.hr, understanding_check="能复述质量方针", understanding_passed=True
    )
    assert done.status == OnboardingTask.Status.DONE and done.understanding_passed


def test_onboarding_completes_when_mandatory_tasks_are_done_and_the_contract_signed(company, start_case):
    """The contract task is ticked by the signed contract, never by hand; then the employee is on probation."""
    case = start_case()
    contract_task = case.tasks.get(code="labour_contract")
    with pytest.raises(PermissionDenied) as error:
        services.task_complete(task=contract_task, by=company.hr)
    assert "task_done_by_records" in error_codes(error.value)
    for task in case.tasks.filter(status="open").exclude(code__in=["labour_contract", "safety_education"]):
        services.task_complete(task=task, by=company.hr, understanding_check="ok", understanding_passed=True)
    record_safety_education(case, company.hr)
    case.refresh_from_db()
    assert case.status == OnboardingCase.Status.IN_PROGRESS
    sign_contract(case.employee)
    case = services.case_refresh(case=case, by=company.hr)
    assert case.status == OnboardingCase.Status.COMPLETED
    case.employee.refresh_from_db()
    assert case.employee.status == EmployeeStatus.PROBATION


def _review(case, by, **overrides):
    return services.review_submit(case=case, by=by, **{**REVIEW, **overrides})


def test_only_the_head_of_the_department_or_hr_reviews(company, start_case):
    case = start_case()
    with pytest.raises(PermissionDenied) as error:
        _review(case, company.qa_head)
    assert "not_department" in error_codes(error.value)
    review = _review(case, company.prod_head)
    assert review.total == 17


def test_a_conversion_is_refused_while_personnel_file_items_are_missing(company, start_case):
    """The message names the missing items."""
    case = start_case()
    _review(case, company.prod_head)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.conversion_submit(
            case=case, by=company.hr, new_salary=Decimal("6000"), effective_date=case.probation_end
        )
    assert "CV" in error.value.messages[0] and "confidentiality" in error.value.messages[0]
    assert "personnel_file_incomplete" in error_codes(error.value)


def test_conversion_approved_by_each_approver_makes_the_employee_regular_with_the_new_salary(company, start_case):
    """Frontline: department head → HR manager; approved with an effective date that has come, the employee is
    regular at once and the salary history has the entry, "from" the probation wage recorded at the start."""
    case = start_case()
    upload_all(case.employee, company.hr)
    _review(case, company.prod_head)
    effective = TODAY()
    conversion = services.conversion_submit(
        case=case, by=company.hr, new_salary=Decimal("6200"), effective_date=effective
    )
    case.refresh_from_db()
    assert case.probation_status == ProbationStatus.CONVERSION
    deciders = approve_all(conversion)
    assert deciders == [company.prod_head, company.hr_manager]
    conversion.refresh_from_db()
    case.refresh_from_db()
    employee = case.employee
    employee.refresh_from_db()
    assert conversion.status == Conversion.Status.APPROVED
    assert case.probation_status == ProbationStatus.CONVERTED and case.regular_from == effective
    assert employee.status == EmployeeStatus.REGULAR and employee.base_salary == Decimal("6200")
    change = SalaryChange.objects.get(employee=employee, new_salary=Decimal("6200"), effective_date=effective)
    assert change.previous_salary == conversion.old_salary == Decimal("4800")


def test_staff_grade_conversion_goes_to_the_general_manager(company, start_case, make_user):
    user = make_user("engineer")
    case = start_case(company.staff, terms={"probation_months": 3}, user=user)
    upload_all(case.employee, company.hr)
    _review(case, company.prod_head)
    services.self_report_submit(case=case, by=user, work_summary="完成模具工艺改善两项")
    conversion = services.conversion_submit(
        case=case, by=company.hr, new_salary=Decimal("6000"), effective_date=case.probation_end
    )
    assert approve_all(conversion) == [company.prod_head, company.hr_manager, company.gm]


def test_a_rejected_conversion_leaves_the_probation_running(company, start_case):
    from approvals.selectors import latest_request_for
    from approvals.services import request_decide

    case = start_case()
    upload_all(case.employee, company.hr)
    _review(case, company.prod_head)
    conversion = services.conversion_submit(
        case=case, by=company.hr, new_salary=Decimal("6000"), effective_date=case.probation_end
    )
    request_decide(request=latest_request_for(conversion), by=company.prod_head, decision="reject", comment="再观察")
    case.refresh_from_db()
    assert case.probation_status == ProbationStatus.RUNNING


@pytest.mark.parametrize(
    ("added", "contract_months", "code"),
    [(1, 36, None), (2, 36, None), (3, 36, "probation_policy"), (2, 12, "probation_over_legal_cap")],
)
def test_extension_needs_agreement_and_stays_within_the_policy_and_the_cap(
    company, start_case, added, contract_months, code
):
    """By agreement with the employee, before the end date, within the company policy for staff posts (at most
    3 months) and the art. 19 cap (a 1-year contract: at most 2 months); 1 month agreed."""
    case = start_case(company.staff, terms={"contract_months": contract_months})
    _review(case, company.prod_head, recommendation="extend", conditions_met=False)
    kwargs = {"case": case, "by": company.hr, "added_months": added, "agreed_on": TODAY()}
    with pytest.raises(ValidationError) as error:
        services.probation_extend(agreement="", **kwargs)
    assert "agreement_missing" in error_codes(error.value)
    if code is None:
        extension = services.probation_extend(agreement="员工书面同意延长", **kwargs)
        case.refresh_from_db()
        assert case.probation_months == 1 + added and case.probation_end == extension.new_end
    else:
        with pytest.raises(ValidationError) as error:
            services.probation_extend(agreement="员工书面同意延长", **kwargs)
        assert code in error_codes(error.value)


def test_a_frontline_probation_cannot_be_extended_beyond_the_policy(company, start_case):
    """Company policy for frontline posts is one month: an extension is refused in plain words."""
    case = start_case()
    _review(case, company.prod_head, recommendation="extend", conditions_met=False)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.probation_extend(case=case, by=company.hr, added_months=1, agreement="同意", agreed_on=TODAY())
    assert "probation_policy" in error_codes(error.value)
    assert "Company policy" in " ".join(error.value.messages)


def test_termination_in_probation_records_the_union_and_separates(company, start_case):
    case = start_case()
    _review(case, company.prod_head, recommendation="terminate", conditions_met=False)
    with pytest.raises(ValidationError) as error:
        services.probation_terminate(
            case=case, by=company.hr, reason="", separation_date=TODAY(), union_informed_on=None
        )
    assert {"reason_missing", "union_not_informed"} <= error_codes(error.value)
    termination = services.probation_terminate(
        case=case,
        by=company.hr,
        reason="合格率仅90%，未达到录用条件",
        separation_date=TODAY(),
        union_informed_on=TODAY(),
    )
    assert approve_all(termination) == [company.prod_head, company.hr_manager]
    case.refresh_from_db()
    termination.refresh_from_db()
    assert termination.union_informed_on == TODAY() and termination.last_day == TODAY()
    assert case.probation_status == ProbationStatus.TERMINATED
    # The separation case's daily task separates the employee on the last day.
    separations_due(TODAY())
    case.employee.refresh_from_db()
    assert case.employee.status == EmployeeStatus.SEPARATED and case.employee.separated_on == TODAY()


@pytest.mark.parametrize("action", ["terminate", "review", "convert", "extend"])
def test_no_decision_after_the_end_date(company, start_case, action):
    """After the end date the person is regular by law: termination, review, conversion, extension refused."""
    case = start_case(days_ago=70)
    assert case.probation_end < TODAY()
    with pytest.raises(PermissionDenied) as error, translation.override("en"):
        if action == "terminate":
            services.probation_terminate(
                case=case, by=company.hr, reason="x", separation_date=case.probation_end, union_informed_on=TODAY()
            )
        elif action == "review":
            _review(case, company.prod_head)
        elif action == "convert":
            services.conversion_submit(case=case, by=company.hr, new_salary=Decimal("6000"), effective_date=TODAY())
        else:
            services.probation_extend(case=case, by=company.hr, added_months=1, agreement="x", agreed_on=TODAY())
    assert "regular by law" in error.value.reason
    assert "probation_ended" in error_codes(error.value)


def test_lapse_makes_the_person_regular_from_the_day_after_once(company, start_case):
    """No "overdue probation": the day after the end date the person is regular by lapse, recorded once."""
    case = start_case(days_ago=70)
    lapsed = services.probations_lapse(today=TODAY())
    assert [c.pk for c in lapsed] == [case.pk]
    case.refresh_from_db()
    case.employee.refresh_from_db()
    assert case.probation_status == ProbationStatus.LAPSED
    assert case.regular_from == case.probation_end + datetime.timedelta(days=1)
    assert case.employee.status == EmployeeStatus.REGULAR
    assert services.probations_lapse(today=TODAY()) == []
    assert case.events.filter(action=CaseEvent.Action.LAPSED).count() == 1


def test_a_probation_ending_today_does_not_lapse(company, start_case):
    case = start_case(days_ago=10)
    assert services.probations_lapse(today=case.probation_end) == []


def test_self_report_is_written_by_the_staff_employee_only(company, start_case, make_user):
    user = make_user("engineer")
    case = start_case(company.staff, terms={"probation_months": 3}, user=user)
    with pytest.raises(PermissionDenied) as error:
        services.self_report_submit(case=case, by=company.hr, work_summary="x")
    assert "not_own_case" in error_codes(error.value)
    report = services.self_report_submit(case=case, by=user, work_summary="完成模具工艺改善两项")
    assert report.case == case
    frontline_user = make_user("operator")
    frontline = start_case(user=frontline_user)
    with pytest.raises(PermissionDenied) as error:
        services.self_report_submit(case=frontline, by=frontline_user, work_summary="x")
    assert "not_staff_grade" in error_codes(error.value)


def test_a_returned_conversion_is_edited_and_resubmitted(company, start_case):
    """Returned for changes: HR edits the slip and sends it again; the chain restarts, the history stays."""
    from approvals.selectors import latest_request_for
    from approvals.services import request_decide

    case = start_case()
    upload_all(case.employee, company.hr)
    _review(case, company.prod_head)
    conversion = services.conversion_submit(
        case=case, by=company.hr, new_salary=Decimal("6000"), effective_date=case.probation_end
    )
    request_decide(request=latest_request_for(conversion), by=company.prod_head, decision="return", comment="请调整")
    conversion.refresh_from_db()
    assert conversion.status == Conversion.Status.RETURNED
    services.conversion_resubmit(
        conversion=conversion, by=company.hr, new_salary=Decimal("6100"), effective_date=TODAY()
    )
    approve_all(conversion)
    conversion.refresh_from_db()
    case.employee.refresh_from_db()
    assert conversion.status == Conversion.Status.APPROVED
    assert case.employee.base_salary == Decimal("6100")


def test_a_conversion_pending_when_the_probation_lapses_still_sets_the_salary(company, start_case):
    """The person is regular by law after the end date; the slip approved later still sets the salary on its
    effective date."""
    case = start_case(days_ago=25)
    upload_all(case.employee, company.hr)
    _review(case, company.prod_head)
    conversion = services.conversion_submit(
        case=case, by=company.hr, new_salary=Decimal("6300"), effective_date=case.probation_end
    )
    services.probations_lapse(today=case.probation_end + datetime.timedelta(days=1))
    case.refresh_from_db()
    assert case.probation_status == ProbationStatus.LAPSED
    approve_all(conversion)
    services.conversions_apply(today=case.probation_end + datetime.timedelta(days=1))
    case.refresh_from_db()
    case.employee.refresh_from_db()
    assert case.probation_status == ProbationStatus.LAPSED
    assert case.employee.base_salary == Decimal("6300")
