"""Volume data for onboarding: a case for every employee employees.volume hired inside the simulated history.

The probation is read from the employee's first contract and the conversion from the salary history
("试用期满转正", which employees.volume wrote): those converted have the department's review and an approved
conversion linked to that salary entry; those still in probation are running (the newest still onboarding);
those who left before their probation ended were terminated in probation (their separation case of the probation
type, approved through the probation_termination flow, is made by offboarding.volume).
Every case has its tasks (legal deadlines, arrangements, the induction template) and its history.
Uses ctx.made["employees.employees"]; writes in bulk with a constant number of queries per batch.
"""

import datetime
from decimal import ROUND_UP, Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from approvals.seeding import Trail, bulk_trails
from core import roles
from core.seeding import VolumeContext
from employees.labour_law import probation_end_date
from employees.models import NO_LABOUR_CONTRACT_TYPES, LabourContract, SalaryChange
from employees.selectors import HeadFinder
from org.models import Position, PositionCategory
from recruitment.models import Offer

from .models import (
    CaseEvent,
    Conversion,
    OnboardingCase,
    OnboardingTask,
    ProbationReview,
    ProbationStatus,
    TaskKind,
    TaskTemplate,
)

CONVERSION_REASON = "试用期满转正"
ONBOARDING_DAYS = 5
CONDITIONS = {
    PositionCategory.FRONTLINE: "1. 完成三级安全教育并考核合格\n2. 按作业指导书独立操作，产品合格率≥98%",
    PositionCategory.STAFF: "1. 胜任岗位职责，按时完成工作任务\n2. 熟悉公司体系文件与相关流程",
    PositionCategory.MANAGER: "1. 完成部门年度目标分解并组织实施\n2. 团队稳定，无重大质量与安全事故",
}
FIXED_TASKS = [
    ("labour_contract", TaskKind.LEGAL, "劳动合同签订（入职一个月内）", 30),
    ("social_insurance", TaskKind.LEGAL, "社会保险参保（30日内）", 30),
    ("housing_fund", TaskKind.LEGAL, "住房公积金缴存（30日内）", 30),
    ("handbook", TaskKind.LEGAL, "员工手册签收", 7),
    ("work_station", TaskKind.ARRANGEMENT, "工位安排", 0),
    ("it_account", TaskKind.ARRANGEMENT, "IT账号开通", 0),
    ("badge", TaskKind.ARRANGEMENT, "工牌办理", 0),
]


def _aware(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def generate(ctx: VolumeContext) -> None:
    rng = ctx.rng
    employees = [e for e in ctx.made.get("employees.employees", []) if e.hire_date >= ctx.start]
    if not employees:
        return
    User = get_user_model()
    hr = (
        User.objects.filter(groups__name=roles.HR, is_active=True).order_by("pk").first()
        or User.objects.filter(is_superuser=True).order_by("pk").first()
    )
    if hr is None:
        return
    ids = [e.pk for e in employees]
    first_contract: dict[int, LabourContract] = {}
    for contract in LabourContract.objects.filter(employee_id__in=ids).order_by("employee_id", "start_date"):
        first_contract.setdefault(contract.employee_id, contract)
    conversions = {
        change.employee_id: change
        for change in SalaryChange.objects.filter(employee_id__in=ids, reason=CONVERSION_REASON)
    }
    positions = Position.objects.in_bulk({e.position_id for e in employees})
    offers = dict(Offer.objects.filter(employee_id__in=ids).values_list("employee_id", "pk"))
    heads = HeadFinder()
    templates = list(TaskTemplate.objects.filter(is_active=True).order_by("order", "pk"))
    today = ctx.today

    cases, plans = [], []
    for employee in employees:
        contract = first_contract.get(employee.pk)
        months = contract.probation_months if contract else 0
        change = conversions.get(employee.pk)
        agreed = change.new_salary if change else (employee.base_salary or Decimal("5000"))
        probation_salary = None
        if months:
            probation_salary = change.previous_salary if change and change.previous_salary else agreed * Decimal("0.8")
            probation_salary = max(probation_salary, agreed * Decimal("0.8")).quantize(Decimal("1"), ROUND_UP)
        end = probation_end_date(employee.hire_date, months)
        status, probation = OnboardingCase.Status.COMPLETED, ProbationStatus.NONE
        regular_from = None
        if employee.separated_on and (end is None or employee.separated_on <= end):
            status = OnboardingCase.Status.CLOSED
            probation = ProbationStatus.TERMINATED if months else ProbationStatus.NONE
        elif months and end < today:
            probation = ProbationStatus.CONVERTED
            regular_from = change.effective_date if change else end + datetime.timedelta(days=1)
        elif months:
            probation = ProbationStatus.RUNNING
        if status != OnboardingCase.Status.CLOSED and (today - employee.hire_date).days < ONBOARDING_DAYS:
            status = OnboardingCase.Status.IN_PROGRESS
        position = positions[employee.position_id]
        no_contract = employee.employment_type in NO_LABOUR_CONTRACT_TYPES
        cases.append(
            OnboardingCase(
                employee=employee,
                offer_id=offers.get(employee.pk),
                start_date=employee.hire_date,
                status=status,
                agreed_salary=agreed,
                contract_type="" if no_contract else (contract.contract_type if contract else "fixed"),
                contract_months=36 if contract and contract.end_date and not no_contract else None,
                probation_months=months,
                probation_salary=probation_salary,
                probation_end=end,
                probation_status=probation,
                no_probation_reason="" if months else "未约定试用期",
                conditions=CONDITIONS.get(position.category, CONDITIONS[PositionCategory.STAFF]) if months else "",
                dormitory_requested=position.category == PositionCategory.FRONTLINE and rng.random() < 0.4,
                canteen_requested=rng.random() < 0.7,
                regular_from=regular_from,
                created_by=hr,
                completed_at=_aware(employee.hire_date + datetime.timedelta(days=3))
                if status == OnboardingCase.Status.COMPLETED
                else None,
            )
        )
        plans.append((employee, position, change, no_contract))
    cases = ctx.bulk_create(OnboardingCase, cases)

    tasks, events, reviews = [], [], []
    converted = []
    for case, (employee, position, change, no_contract) in zip(cases, plans, strict=True):
        head = heads.head_user(employee.department_id) or hr
        start = case.start_date
        closed = case.status != OnboardingCase.Status.IN_PROGRESS
        order = 0
        rows = [(code, kind, title, days, hr) for code, kind, title, days in FIXED_TASKS]
        rows += [
            ("", t.kind, t.title, t.due_days, head if t.owner_role == "dept_head" else hr)
            for t in templates
            if (not t.category or t.category == position.category) and (not t.special_post_only or position.is_special)
        ]
        for code, kind, title, days, owner in rows:
            not_applicable = no_contract and code in ("labour_contract", "social_insurance", "housing_fund")
            due = start + datetime.timedelta(days=days)
            done = closed and not not_applicable and due <= today + datetime.timedelta(days=30)
            tasks.append(
                OnboardingTask(
                    case=case,
                    code=code,
                    kind=kind,
                    title=title,
                    owner=owner,
                    due_date=due,
                    order=order,
                    checks_understanding=kind == TaskKind.QUALITY,
                    status=OnboardingTask.Status.NOT_APPLICABLE
                    if not_applicable
                    else (OnboardingTask.Status.DONE if done else OnboardingTask.Status.OPEN),
                    not_applicable_reason="劳务派遣/实习人员不适用" if not_applicable else "",
                    done_on=min(due, today) if done else None,
                    done_by=owner if done else None,
                    understanding_check="能说明质量方针、质量目标及不合格的后果"
                    if done and kind == TaskKind.QUALITY
                    else "",
                    understanding_passed=True if done and kind == TaskKind.QUALITY else None,
                )
            )
            order += 1
        events.append(CaseEvent(case=case, action=CaseEvent.Action.STARTED, by=hr, at=_aware(start, 9)))
        if case.completed_at:
            events.append(CaseEvent(case=case, action=CaseEvent.Action.COMPLETED, by=hr, at=case.completed_at))
        if case.probation_status in (ProbationStatus.CONVERTED, ProbationStatus.TERMINATED):
            decided = case.probation_end - datetime.timedelta(days=rng.randint(3, 10))
            if case.probation_status == ProbationStatus.TERMINATED:
                decided = min(decided, employee.separated_on)
            reviews.append(
                ProbationReview(
                    case=case,
                    reviewer=head,
                    performance=rng.randint(3, 5) if case.regular_from else 2,
                    ability=rng.randint(3, 5) if case.regular_from else 2,
                    attitude=rng.randint(3, 5),
                    discipline=rng.randint(3, 5),
                    comments="工作认真，能胜任本岗位。" if case.regular_from else "未能达到岗位要求。",
                    conditions_met=bool(case.regular_from),
                    conditions_assessment="各项录用条件均已达到。"
                    if case.regular_from
                    else "产品合格率未达到录用条件。",
                    recommendation="convert" if case.regular_from else "terminate",
                    proposed_salary=case.agreed_salary if case.regular_from else None,
                    submitted_at=_aware(max(decided, start)),
                )
            )
            converted.append((case, change, decided))
    ctx.bulk_create(OnboardingTask, tasks)
    reviews = ctx.bulk_create(ProbationReview, reviews)

    conversion_rows = []
    for review, (case, change, decided) in zip(reviews, converted, strict=True):
        decided = max(decided, case.start_date)
        if case.probation_status == ProbationStatus.CONVERTED:
            conversion_rows.append(
                Conversion(
                    case=case,
                    review=review,
                    status=Conversion.Status.APPROVED,
                    old_salary=case.probation_salary,
                    new_salary=case.agreed_salary,
                    effective_date=case.regular_from,
                    salary_change=change,
                    created_by=hr,
                    decided_at=_aware(decided + datetime.timedelta(days=2)),
                )
            )
            events.append(
                CaseEvent(case=case, action=CaseEvent.Action.CONVERSION_APPROVED, by=hr, at=_aware(decided, 16))
            )
        else:
            events.append(CaseEvent(case=case, action=CaseEvent.Action.TERMINATED, by=hr, at=_aware(decided, 16)))
    conversion_rows = ctx.bulk_create(Conversion, conversion_rows)
    # Each conversion went through the probation_conversion flow, submitted when the review was done.
    bulk_trails(
        ctx,
        [
            Trail(
                subject=conversion,
                applicant=hr,
                department_id=conversion.case.employee.department_id,
                submitted_at=conversion.decided_at - datetime.timedelta(days=2),
                finished_at=conversion.decided_at,
            )
            for conversion in conversion_rows
        ],
    )
    ctx.bulk_create(CaseEvent, events)
    ctx.log(f"onboarding: {len(cases)} cases, {len(tasks)} tasks")
