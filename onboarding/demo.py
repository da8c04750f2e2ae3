"""Demo onboarding for `manage.py seed_demo` (after org, employees, approvals and recruitment).

- every demo employee still onboarding or on probation (employees.demo) gets a case, with the terms of
  their first contract;
- eight demo hires show every state: onboarding just started (the first level of the safety education
  recorded), no signed contract 25 days after the start (flagged; the employees demo's newest hires have a
  drawn-up contract not yet signed), a probation ending this week, one reaching its last day today, a
  conversion waiting for the HR manager (contract signed, file complete), one converted, one conversion
  approved that takes effect the day after the probation ends, and a termination in probation waiting for
  the department head;
- production posts carry their three-level safety education, posts with occupational hazards their
  pre-employment health check; probation lengths follow the company policy (frontline one month).

Everything goes through the services. The demo hires are found by their ID numbers, so a second run adds
nothing. Needs the demo logins and posts; skips otherwise.
"""

import datetime
from decimal import ROUND_UP, Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from approvals.models import RequestStatus
from approvals.selectors import latest_request_for
from approvals.services import request_decide
from core.validators import build_id_number
from employees import services as employee_services
from employees.labour_law import default_probation_months, probation_end_date, probation_policy
from employees.models import REQUIRED_DOCUMENT_KINDS, Employee, EmployeeStatus, EmploymentType
from org.models import Position

from . import services
from .models import OnboardingCase, OnboardingTask, SafetyLevel

CONDITIONS = {
    "PRD-ST-OP": (
        "1. 试用期内完成三级安全教育并考核合格\n2. 按作业指导书独立操作，产品合格率≥98%\n3. 无违反公司规章制度的行为"
    ),
    "PRD-WD-OP": (
        "1. 试用期内完成三级安全教育并考核合格\n2. 按作业指导书独立操作，焊装合格率≥98%\n3. 无违反安全操作规程的行为"
    ),
    "QA-QE": "1. 独立完成客户投诉的8D分析与关闭\n2. 掌握PPAP与FMEA并完成一项改进\n3. 遵守品质部各项规定",
    "QA-IN-INS": "1. 掌握检验指导书及量具使用并考核合格\n2. 漏检率为零\n3. 遵守品质部各项规定",
}
DEFAULT_CONDITIONS = "1. 完成入职培训并考核合格\n2. 胜任岗位职责\n3. 遵守公司规章制度"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("1"), rounding=ROUND_UP)


def _cases_for_existing(hr) -> int:
    """Employees the employees demo made onboarding or on probation: a case from their first contract."""
    created = 0
    people = (
        Employee.objects.filter(status__in=[EmployeeStatus.ONBOARDING, EmployeeStatus.PROBATION])
        .exclude(onboarding_cases__isnull=False)
        .select_related("position")
        .order_by("number")
    )
    for employee in people:
        contract = employee.contracts.order_by("start_date").first()
        salary = employee.base_salary or Decimal("5000")
        months = contract.probation_months if contract else 0
        # The company policy for the post caps what an old contract may say (frontline: one month).
        months = min(months, probation_policy(employee.position.category)[1])
        term = None
        if contract and contract.end_date:
            term = round((contract.end_date - contract.start_date).days / 30.44)
        case = services.case_start(
            employee=employee,
            by=hr,
            agreed_salary=salary,
            contract_type=contract.contract_type if contract else "fixed",
            contract_months=term,
            probation_months=months,
            probation_salary=_money(salary * Decimal("0.8")) if months else None,
            conditions=CONDITIONS.get(employee.position.code, DEFAULT_CONDITIONS),
        )
        if employee.status == EmployeeStatus.PROBATION:
            # Past their first days: the onboarding tasks were done when they were due.
            _tick(case, hr, all_tasks=True)
        created += 1
    return created


def _hire(hr, n: int, name: str, code: str, hire_date: datetime.date, salary: str, gender="M") -> Employee | None:
    id_number = build_id_number("330106", datetime.date(1998, 4, 1) + datetime.timedelta(days=211 * n), 600 + n)
    if Employee.objects.filter(id_number=id_number).exists():
        return None
    position = Position.objects.filter(code=code).select_related("department").first()
    if position is None:
        return None
    return employee_services.employee_create(
        by=hr,
        name=name,
        gender=gender,
        birth_date=datetime.date(1998, 4, 1) + datetime.timedelta(days=211 * n),
        id_number=id_number,
        hire_date=hire_date,
        department=position.department,
        position=position,
        employment_type=EmploymentType.REGULAR,
        status=EmployeeStatus.ONBOARDING,
        base_salary=Decimal(salary),
        phone=f"1370000{n:04d}",
    )


def _months(code: str) -> int:
    """The company's default probation for the post (and a three-year contract)."""
    position = Position.objects.filter(code=code).first()
    category = position.category if position is not None else "frontline"
    return default_probation_months(category, contract_type="fixed", contract_months=36)


def _start(hr, employee: Employee, months: int, **extra) -> OnboardingCase:
    salary = employee.base_salary
    return services.case_start(
        employee=employee,
        by=hr,
        agreed_salary=salary,
        contract_type="fixed",
        contract_months=36,
        probation_months=months,
        probation_salary=_money(salary * Decimal("0.8")),
        conditions=CONDITIONS.get(employee.position.code, DEFAULT_CONDITIONS),
        **extra,
    )


def _contract(hr, case: OnboardingCase) -> None:
    """The three-year contract recorded from the case on the terms agreed, signed on the start date."""
    terms = {**services.contract_initial(case), "number": f"HT-ONB-{case.employee.number}"}
    services.case_contract_record(case=case, by=hr, signed_on=case.start_date, **terms)


def _file_complete(hr, employee: Employee) -> None:
    for kind in REQUIRED_DOCUMENT_KINDS:
        employee_services.document_upload(
            employee=employee, kind=kind, upload=SimpleUploadedFile(f"{kind}.pdf", PDF, "application/pdf"), by=hr
        )


SAFETY_TRAINERS = {SafetyLevel.COMPANY: "安全主任 王建国", SafetyLevel.WORKSHOP: "车间主任", SafetyLevel.TEAM: "班组长"}
SAFETY_HOURS = {SafetyLevel.COMPANY: Decimal("8"), SafetyLevel.WORKSHOP: Decimal("8"), SafetyLevel.TEAM: Decimal("8")}


def _safety(case: OnboardingCase, by, levels=tuple(SafetyLevel.values)) -> None:
    """The three-level safety education on the start date (or today, for a start still ahead)."""
    if not case.tasks.filter(code=services.SAFETY_EDUCATION).exists():
        return
    held_on = min(case.start_date, timezone.localdate())
    for level in levels:
        services.safety_education_record(
            case=case, by=by, level=level, held_on=held_on, hours=SAFETY_HOURS[level], trainer=SAFETY_TRAINERS[level]
        )


def _tick(case: OnboardingCase, by, *, all_tasks: bool) -> None:
    tasks = case.tasks.filter(status=OnboardingTask.Status.OPEN).exclude(
        code__in=[services.LABOUR_CONTRACT, services.SAFETY_EDUCATION]
    )
    if not all_tasks:
        tasks = tasks.filter(kind="arrangement")
    for task in tasks:
        services.task_complete(
            task=task,
            by=by,
            done_on=min(task.due_date, timezone.localdate()),
            understanding_check="能复述公司质量方针与本岗位质量目标，说明不合格品流出对客户的影响",
            understanding_passed=True,
            institution="市职业病防治院",
            fit_for_post=True,
        )
    if all_tasks:
        _safety(case, by)
    services.case_refresh(case=case, by=by)


def _review_and_convert(
    case: OnboardingCase, head, hr, *, approve: bool, effective: datetime.date | None = None
) -> None:
    services.review_submit(
        case=case,
        by=head,
        performance=4,
        ability=4,
        attitude=5,
        discipline=5,
        comments="工作积极主动，能按作业指导书独立操作。",
        conditions_met=True,
        conditions_assessment="三级安全教育考核合格；近一月产品合格率99.2%；无违纪。",
        recommendation="convert",
        proposed_salary=case.agreed_salary,
    )
    conversion = services.conversion_submit(
        case=case,
        by=hr,
        new_salary=case.agreed_salary,
        effective_date=effective or min(case.probation_end + datetime.timedelta(days=1), timezone.localdate()),
        comment="试用期考核合格，申请转正",
    )
    request = latest_request_for(conversion)
    decided = 0
    while request.status == RequestStatus.PENDING and (approve or decided < 1):
        step = request.steps.get(round=request.round, index=request.current_step)
        request = request_decide(request=request, by=step.assigned_to, decision="approve", comment="同意转正")
        decided += 1


def _terminate(case: OnboardingCase, head, hr) -> None:
    services.review_submit(
        case=case,
        by=head,
        performance=2,
        ability=2,
        attitude=3,
        discipline=2,
        comments="多次未按作业指导书操作，经辅导后仍未改善。",
        conditions_met=False,
        conditions_assessment="录用条件第2条：近两周焊装合格率91%，低于98%；第3条：两次违反安全操作规程（书面记录在案）。",
        recommendation="terminate",
    )
    today = timezone.localdate()
    services.probation_terminate(
        case=case,
        by=hr,
        reason="试用期内经考核不符合录用条件：焊装合格率91%（要求≥98%），两次违反安全操作规程，经辅导未改善。",
        separation_date=min(today + datetime.timedelta(days=3), case.probation_end),
        union_informed_on=today,
        union_note="已书面通知工会，工会无异议",
    )


def _start_for_end(end: datetime.date, months: int) -> datetime.date:
    """The start date whose probation of `months` months ends on `end`."""
    start = end
    while probation_end_date(start, months) > end:
        start -= datetime.timedelta(days=1)
    while probation_end_date(start, months) < end:
        start += datetime.timedelta(days=1)
    return start


def seed(*, stdout=None) -> None:
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=("hr", "prod_head", "qa_head"))}
    if len(users) != 3:
        if stdout is not None:
            stdout.write("  onboarding: demo users missing, skipped")
        return
    hr, head = users["hr"], users["prod_head"]
    today = timezone.localdate()
    created = _cases_for_existing(hr)

    operator, inspector, engineer = _months("PRD-ST-OP"), _months("QA-IN-INS"), _months("QA-QE")

    # Onboarding just started: arrangements done and the company level of the safety education recorded;
    # induction, health check and contract still open.
    employee = _hire(hr, 1, "林晓峰", "PRD-ST-OP", today - datetime.timedelta(days=2), "5200")
    if employee is not None:
        case = _start(hr, employee, operator, dormitory_requested=True, canteen_requested=True)
        _tick(case, hr, all_tasks=False)
        _safety(case, hr, levels=[SafetyLevel.COMPANY])
        created += 1

    # No signed contract 25 days after the start: flagged, reminded at day 20 (the employees demo's newest
    # hires have theirs drawn up but unsigned).
    employee = _hire(hr, 2, "何雨婷", "QA-IN-INS", today - datetime.timedelta(days=25), "5400", gender="F")
    if employee is not None:
        case = _start(hr, employee, inspector)
        _tick(case, hr, all_tasks=True)
        created += 1

    # Probation ending this week (in 4 days): contract signed, onboarding complete, review still to do.
    start = _start_for_end(today + datetime.timedelta(days=4), operator)
    employee = _hire(hr, 3, "郑凯", "PRD-ST-OP", start, "5200")
    if employee is not None:
        case = _start(hr, employee, operator)
        _contract(hr, case)
        _file_complete(hr, employee)
        _tick(case, hr, all_tasks=True)
        created += 1

    # Last day of probation today (staff): the decision is due now.
    employee = _hire(hr, 4, "曹文静", "QA-QE", _start_for_end(today, engineer), "8500", gender="F")
    if employee is not None:
        case = _start(hr, employee, engineer)
        _contract(hr, case)
        _file_complete(hr, employee)
        _tick(case, hr, all_tasks=True)
        created += 1

    # Conversion waiting for the HR manager (the department head approved).
    start = _start_for_end(today + datetime.timedelta(days=9), operator)
    employee = _hire(hr, 5, "袁志强", "PRD-ST-OP", start, "5300")
    if employee is not None:
        case = _start(hr, employee, operator)
        _contract(hr, case)
        _file_complete(hr, employee)
        _tick(case, hr, all_tasks=True)
        _review_and_convert(case, head, hr, approve=False)
        created += 1

    # Converted: approved by every approver, regular with the new salary from today.
    start = _start_for_end(today + datetime.timedelta(days=2), operator)
    employee = _hire(hr, 6, "罗佳慧", "PRD-ST-OP", start, "5300", "F")
    if employee is not None:
        case = _start(hr, employee, operator)
        _contract(hr, case)
        _file_complete(hr, employee)
        _tick(case, hr, all_tasks=True)
        _review_and_convert(case, head, hr, approve=True)
        created += 1

    # Conversion approved to take effect the day after the probation ends (in 12 days): still on probation and
    # the probation wage until then; the daily task makes the person regular on that date.
    start = _start_for_end(today + datetime.timedelta(days=12), operator)
    employee = _hire(hr, 7, "宋立新", "PRD-ST-OP", start, "5300")
    if employee is not None:
        case = _start(hr, employee, operator)
        _contract(hr, case)
        _file_complete(hr, employee)
        _tick(case, hr, all_tasks=True)
        _review_and_convert(case, head, hr, approve=True, effective=case.probation_end + datetime.timedelta(days=1))
        created += 1

    # Termination in probation (不符合录用条件) waiting for the department head; the trade union informed.
    start = _start_for_end(today + datetime.timedelta(days=15), operator)
    employee = _hire(hr, 9, "马俊", "PRD-WD-OP", start, "5100")
    if employee is not None:
        case = _start(hr, employee, operator)
        _contract(hr, case)
        _tick(case, hr, all_tasks=True)
        _terminate(case, head, hr)
        created += 1

    if stdout is not None:
        stdout.write(f"  {created} onboarding cases created; {OnboardingCase.objects.count()} in total")
