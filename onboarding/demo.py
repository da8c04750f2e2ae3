"""Demo onboarding for `manage.py seed_demo` (after org, employees, approvals and recruitment).

- every demo employee still onboarding or on probation (employees.demo) gets a case, with the terms of
  their first contract;
- six demo hires show every state: onboarding just started, no signed contract 25 days after the start
  (flagged; the employees demo's newest hires have a drawn-up contract not yet signed), a probation ending
  this week, one reaching its last day today, a conversion waiting for the HR manager (contract signed,
  file complete), and one converted.

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
from employees.labour_law import probation_end_date
from employees.models import REQUIRED_DOCUMENT_KINDS, Employee, EmployeeStatus, EmploymentType
from org.models import Position

from . import services
from .models import OnboardingCase, OnboardingTask

CONDITIONS = {
    "PRD-ST-OP": (
        "1. 试用期内完成三级安全教育并考核合格\n2. 按作业指导书独立操作，产品合格率≥98%\n3. 无违反公司规章制度的行为"
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


def _contract(hr, employee: Employee, months: int) -> None:
    """A three-year contract, signed on the start date."""
    contract = employee_services.contract_add(
        employee=employee,
        by=hr,
        number=f"HT-ONB-{employee.number}",
        contract_type="fixed",
        start_date=employee.hire_date,
        end_date=employee.hire_date.replace(year=employee.hire_date.year + 3) - datetime.timedelta(days=1),
        probation_months=months,
    )
    employee_services.contract_mark_signed(contract=contract, signed_on=employee.hire_date, by=hr)


def _file_complete(hr, employee: Employee) -> None:
    for kind in REQUIRED_DOCUMENT_KINDS:
        employee_services.document_upload(
            employee=employee, kind=kind, upload=SimpleUploadedFile(f"{kind}.pdf", PDF, "application/pdf"), by=hr
        )


def _tick(case: OnboardingCase, by, *, all_tasks: bool) -> None:
    tasks = case.tasks.filter(status=OnboardingTask.Status.OPEN).exclude(code=services.LABOUR_CONTRACT)
    if not all_tasks:
        tasks = tasks.filter(kind="arrangement")
    for task in tasks:
        services.task_complete(
            task=task,
            by=by,
            done_on=min(task.due_date, timezone.localdate()),
            understanding_check="能复述公司质量方针与本岗位质量目标，说明不合格品流出对客户的影响",
            understanding_passed=True,
        )
    services.case_refresh(case=case, by=by)


def _review_and_convert(case: OnboardingCase, head, hr, *, approve: bool) -> None:
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
        effective_date=min(case.probation_end + datetime.timedelta(days=1), timezone.localdate()),
        comment="试用期考核合格，申请转正",
    )
    request = latest_request_for(conversion)
    decided = 0
    while request.status == RequestStatus.PENDING and (approve or decided < 1):
        step = request.steps.get(round=request.round, index=request.current_step)
        request = request_decide(request=request, by=step.assigned_to, decision="approve", comment="同意转正")
        decided += 1


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

    # Onboarding just started: arrangements done, induction and contract still open.
    employee = _hire(hr, 1, "林晓峰", "PRD-ST-OP", today - datetime.timedelta(days=2), "5200")
    if employee is not None:
        case = _start(hr, employee, 2, dormitory_requested=True, canteen_requested=True)
        _tick(case, hr, all_tasks=False)
        created += 1

    # No signed contract 25 days after the start: flagged, reminded at day 20 (the employees demo's newest
    # hires have theirs drawn up but unsigned).
    employee = _hire(hr, 2, "何雨婷", "QA-IN-INS", today - datetime.timedelta(days=25), "5400", gender="F")
    if employee is not None:
        case = _start(hr, employee, 2)
        _tick(case, hr, all_tasks=True)
        created += 1

    # Probation ending this week (in 4 days): contract signed, onboarding complete, review still to do.
    employee = _hire(hr, 3, "郑凯", "PRD-ST-OP", _start_for_end(today + datetime.timedelta(days=4), 2), "5200")
    if employee is not None:
        case = _start(hr, employee, 2)
        _contract(hr, employee, 2)
        _file_complete(hr, employee)
        _tick(case, hr, all_tasks=True)
        created += 1

    # Last day of probation today (staff): the decision is due now.
    employee = _hire(hr, 4, "曹文静", "QA-QE", _start_for_end(today, 3), "8500", gender="F")
    if employee is not None:
        case = _start(hr, employee, 3)
        _contract(hr, employee, 3)
        _file_complete(hr, employee)
        _tick(case, hr, all_tasks=True)
        created += 1

    # Conversion waiting for the HR manager (the department head approved).
    employee = _hire(hr, 5, "袁志强", "PRD-ST-OP", _start_for_end(today + datetime.timedelta(days=9), 2), "5300")
    if employee is not None:
        case = _start(hr, employee, 2)
        _contract(hr, employee, 2)
        _file_complete(hr, employee)
        _tick(case, hr, all_tasks=True)
        _review_and_convert(case, head, hr, approve=False)
        created += 1

    # Converted: approved by every approver, regular with the new salary.
    employee = _hire(hr, 6, "罗佳慧", "PRD-ST-OP", _start_for_end(today + datetime.timedelta(days=2), 2), "5300", "F")
    if employee is not None:
        case = _start(hr, employee, 2)
        _contract(hr, employee, 2)
        _file_complete(hr, employee)
        _tick(case, hr, all_tasks=True)
        _review_and_convert(case, head, hr, approve=True)
        created += 1

    if stdout is not None:
        stdout.write(f"  {created} onboarding cases created; {OnboardingCase.objects.count()} in total")
