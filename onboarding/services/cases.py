"""The onboarding case: terms checked against the law, tasks from the template, completion."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from employees import services as employee_services
from employees.labour_law import (
    probation_cap_months,
    probation_check,
    probation_end_date,
    written_contract_deadline,
)
from employees.models import (
    NO_LABOUR_CONTRACT_TYPES,
    ContractType,
    Employee,
    EmployeeStatus,
    LabourContract,
)
from notifications.services import notify

from .. import kinds
from ..models import (
    FIXED_TASK_TITLES,
    NOT_APPLICABLE_REASONS,
    CaseEvent,
    OnboardingCase,
    OnboardingTask,
    OwnerRole,
    ProbationStatus,
    TaskKind,
    TaskTemplate,
)
from ..selectors import HeadFinder, hr_users
from ._common import (
    HANDBOOK,
    HOUSING_FUND,
    LABOUR_CONTRACT,
    SOCIAL_INSURANCE,
    _event,
    _lock,
)


def employee_had_probation(employee: Employee, *, before: datetime.date, exclude: OnboardingCase | None = None) -> bool:
    """Whether the person already served a probation with the company (art. 19: probation is agreed once).

    A rehire or a job change gets none: an earlier case with probation, an earlier contract with probation,
    or a job change all mean the person has worked here before.
    """
    earlier_cases = OnboardingCase.objects.filter(employee=employee, probation_months__gt=0)
    if exclude is not None and exclude.pk:
        earlier_cases = earlier_cases.exclude(pk=exclude.pk)
    if earlier_cases.exists():
        return True
    if LabourContract.objects.filter(employee=employee, probation_months__gt=0, start_date__lt=before).exists():
        return True
    return employee.job_changes.exists()


def has_labour_contract(employee: Employee) -> bool:
    return employee.employment_type not in NO_LABOUR_CONTRACT_TYPES


def terms_check(*, employee: Employee, start_date: datetime.date, terms: dict, case=None) -> None:
    """The probation terms against arts. 19/20: caps by contract term, 80 % and minimum wage, once only."""
    probation_check(
        contract_type=terms.get("contract_type") or ContractType.FIXED,
        contract_months=terms.get("contract_months"),
        probation_months=terms.get("probation_months") or 0,
        probation_salary=terms.get("probation_salary"),
        salary=terms.get("agreed_salary"),
        had_probation=employee_had_probation(employee, before=start_date, exclude=case),
        has_labour_contract=has_labour_contract(employee),
    )


def _no_probation_reason(employee: Employee, start_date: datetime.date, terms: dict) -> str:
    if not has_labour_contract(employee):
        return _("Agency workers and interns have no labour contract or probation with the company.")
    if employee_had_probation(employee, before=start_date):
        return _("Already served a probation with the company (rehire or job change): probation is agreed once.")
    if not probation_cap_months(terms.get("contract_type") or ContractType.FIXED, terms.get("contract_months")):
        return _("A contract of less than 3 months or for a single project has no probation (art. 19).")
    return _("No probation was agreed.")


def _owner_for(role: str, *, hr, head):
    return head if role == OwnerRole.DEPT_HEAD and head is not None else hr


def _build_tasks(case: OnboardingCase, *, hr, head) -> list[OnboardingTask]:
    start = case.start_date
    employee = case.employee
    contract_law = has_labour_contract(employee)

    def not_applicable(code: str) -> str:
        return "" if contract_law else str(NOT_APPLICABLE_REASONS[code])

    rows: list[dict] = [
        {
            "code": LABOUR_CONTRACT,
            "kind": TaskKind.LEGAL,
            "title": str(FIXED_TASK_TITLES[LABOUR_CONTRACT]),
            "description": _("Done when the signed contract is recorded in the personnel file."),
            "due_date": written_contract_deadline(start),
            "owner": hr,
            "not_applicable_reason": not_applicable(LABOUR_CONTRACT),
        },
        {
            "code": SOCIAL_INSURANCE,
            "kind": TaskKind.LEGAL,
            "title": str(FIXED_TASK_TITLES[SOCIAL_INSURANCE]),
            "due_date": start + datetime.timedelta(days=30),
            "owner": hr,
            "not_applicable_reason": not_applicable(SOCIAL_INSURANCE),
        },
        {
            "code": HOUSING_FUND,
            "kind": TaskKind.LEGAL,
            "title": str(FIXED_TASK_TITLES[HOUSING_FUND]),
            "due_date": start + datetime.timedelta(days=30),
            "owner": hr,
            "not_applicable_reason": not_applicable(HOUSING_FUND),
        },
        {
            "code": HANDBOOK,
            "kind": TaskKind.LEGAL,
            "title": str(FIXED_TASK_TITLES[HANDBOOK]),
            "due_date": start + datetime.timedelta(days=7),
            "owner": hr,
        },
    ]
    arrangements = [
        ("dormitory", hr, case.dormitory_requested),
        ("canteen", hr, case.canteen_requested),
        ("work_station", head or hr, True),
        ("it_account", hr, True),
        ("badge", hr, True),
    ]
    for code, owner, wanted in arrangements:
        if wanted:
            rows.append(
                {
                    "code": code,
                    "kind": TaskKind.ARRANGEMENT,
                    "title": str(FIXED_TASK_TITLES[code]),
                    "due_date": start,
                    "owner": owner,
                }
            )
    position = employee.position
    templates = (
        TaskTemplate.objects.filter(is_active=True).filter(category__in=["", position.category]).order_by("order", "pk")
    )
    for template in templates:
        if template.special_post_only and not position.is_special:
            continue
        rows.append(
            {
                "code": "",
                "template": template,
                "kind": template.kind,
                "title": template.title,
                "description": template.description,
                "due_date": start + datetime.timedelta(days=template.due_days),
                "owner": _owner_for(template.owner_role, hr=hr, head=head),
                "mandatory": template.mandatory,
                "checks_understanding": template.checks_understanding,
            }
        )
    tasks = []
    for order, row in enumerate(rows):
        reason = row.pop("not_applicable_reason", "")
        tasks.append(
            OnboardingTask(
                case=case,
                order=order,
                status=OnboardingTask.Status.NOT_APPLICABLE if reason else OnboardingTask.Status.OPEN,
                not_applicable_reason=reason,
                **row,
            )
        )
    return OnboardingTask.objects.bulk_create(tasks)


@transaction.atomic
def case_start(
    *,
    employee: Employee,
    by,
    agreed_salary: Decimal,
    contract_type: str = ContractType.FIXED,
    contract_months: int | None = None,
    probation_months: int = 0,
    probation_salary: Decimal | None = None,
    conditions: str = "",
    dormitory_requested: bool = False,
    canteen_requested: bool = False,
    offer=None,
) -> OnboardingCase:
    """Open the onboarding case of a new employee: terms checked against the law, tasks from the template."""
    employee = Employee.objects.select_for_update().select_related("position", "department").get(pk=employee.pk)
    if employee.is_separated:
        raise ValidationError(_("A separated employee cannot start onboarding."))
    if OnboardingCase.objects.filter(employee=employee, start_date=employee.hire_date).exists():
        raise ValidationError(_("%(name)s already has an onboarding case.") % {"name": employee.name})
    contract_law = has_labour_contract(employee)
    terms = {
        "agreed_salary": agreed_salary,
        "contract_type": contract_type if contract_law else "",
        "contract_months": contract_months if contract_law and contract_type == ContractType.FIXED else None,
        "probation_months": probation_months or 0,
        "probation_salary": probation_salary,
    }
    if agreed_salary is None:
        raise ValidationError({"agreed_salary": _("Give the agreed salary.")})
    if contract_law and not contract_type:
        raise ValidationError({"contract_type": _("Choose the labour contract type.")})
    terms_check(employee=employee, start_date=employee.hire_date, terms=terms)
    months = terms["probation_months"]
    case = OnboardingCase(
        employee=employee,
        offer=offer,
        start_date=employee.hire_date,
        conditions=(conditions or "").strip(),
        dormitory_requested=dormitory_requested,
        canteen_requested=canteen_requested,
        created_by=by,
        probation_end=probation_end_date(employee.hire_date, months),
        probation_status=ProbationStatus.RUNNING if months else ProbationStatus.NONE,
        no_probation_reason="" if months else _no_probation_reason(employee, employee.hire_date, terms),
        **terms,
    )
    if months and not case.conditions:
        raise ValidationError({"conditions": _("State the conditions of employment the probation is judged against.")})
    case.full_clean()
    case.save()
    heads = HeadFinder()
    head = heads.head_user(employee.department_id)
    hr = by if getattr(by, "is_hr", False) else next(iter(hr_users()), by)
    _build_tasks(case, hr=hr, head=head)
    source = _("offer %(number)s") % {"number": offer.number} if offer is not None else _("direct hire")
    _event(case, CaseEvent.Action.STARTED, by, source)
    if head is not None and head != by:
        notify(
            recipient=head,
            kind=kinds.CASE_STARTED,
            title=_("%(name)s starts on %(date)s: onboarding case opened")
            % {"name": employee.name, "date": f"{case.start_date:%Y-%m-%d}"},
            url=case.get_absolute_url(),
        )
    return case


def onboarding_start_from_offer(*, employee: Employee, offer, by) -> OnboardingCase:
    """Recruitment's hand-over when an offer is accepted: the case takes the offer's terms as agreed."""
    return case_start(
        employee=employee,
        by=by,
        offer=offer,
        agreed_salary=offer.salary,
        contract_type=offer.contract_type,
        contract_months=offer.contract_months,
        probation_months=offer.probation_months,
        probation_salary=offer.probation_salary,
        conditions=offer.conditions,
    )


def contract_signed(employee: Employee) -> bool:
    return employee.contracts.filter(signed_on__isnull=False).exists()


def open_mandatory_tasks(case: OnboardingCase) -> list[OnboardingTask]:
    """Mandatory tasks not done yet; the labour-contract task counts as done once a contract is signed."""
    tasks = list(case.tasks.filter(mandatory=True, status=OnboardingTask.Status.OPEN))
    if any(t.code == LABOUR_CONTRACT for t in tasks) and contract_signed(case.employee):
        tasks = [t for t in tasks if t.code != LABOUR_CONTRACT]
    return tasks


def _refresh_completion(case: OnboardingCase, by) -> None:
    """All mandatory tasks done → onboarding complete; the employee moves on to probation (or regular)."""
    if case.status != OnboardingCase.Status.IN_PROGRESS or open_mandatory_tasks(case):
        return
    contract = case.tasks.filter(code=LABOUR_CONTRACT, status=OnboardingTask.Status.OPEN).first()
    if contract is not None:
        signed = case.employee.contracts.filter(signed_on__isnull=False).order_by("signed_on").first()
        contract.status = OnboardingTask.Status.DONE
        contract.done_on = signed.signed_on
        contract.save(update_fields=["status", "done_on"])
    case.status = OnboardingCase.Status.COMPLETED
    case.completed_at = timezone.now()
    case.save(update_fields=["status", "completed_at"])
    employee = case.employee
    if employee.status == EmployeeStatus.ONBOARDING:
        status = EmployeeStatus.PROBATION if case.probation_open else EmployeeStatus.REGULAR
        employee_services.employee_update(employee=employee, by=by, status=status)
    _event(case, CaseEvent.Action.COMPLETED, by)


@transaction.atomic
def task_complete(
    *,
    task: OnboardingTask,
    by,
    done_on: datetime.date | None = None,
    note: str = "",
    understanding_check: str = "",
    understanding_passed: bool | None = None,
) -> OnboardingTask:
    """Tick a task. The quality-awareness item needs the recorded check of understanding, and a pass."""
    case = _lock(task.case)
    task = OnboardingTask.objects.select_for_update().get(pk=task.pk)
    if case.status == OnboardingCase.Status.CLOSED:
        raise ValidationError(_("This case is closed."))
    if task.status != OnboardingTask.Status.OPEN:
        raise ValidationError(_("This task is not open."))
    if task.code == LABOUR_CONTRACT:
        raise ValidationError(
            _("The labour-contract task is done when the signed contract is recorded in the personnel file.")
        )
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("The date cannot be in the future.")})
    if task.checks_understanding:
        if not (understanding_check or "").strip():
            raise ValidationError(
                {
                    "understanding_check": _(
                        "Record how the employee explained the quality policy, the quality objectives, their "
                        "own contribution and the consequences of not conforming."
                    )
                }
            )
        if not understanding_passed:
            raise ValidationError(
                {"understanding_passed": _("The item is done only when the understanding is confirmed; repeat it.")}
            )
        task.understanding_check = understanding_check.strip()
        task.understanding_passed = True
    task.status = OnboardingTask.Status.DONE
    task.done_on = done_on
    task.done_by = by
    task.note = (note or "").strip()
    task.save()
    _event(case, CaseEvent.Action.TASK_DONE, by, task.title)
    _refresh_completion(case, by)
    return task


@transaction.atomic
def case_refresh(*, case: OnboardingCase, by=None) -> OnboardingCase:
    """Re-check completion (e.g. after the contract was signed in the personnel file)."""
    case = _lock(case)
    _refresh_completion(case, by)
    return case


def cases_complete_signed() -> int:
    """Complete the cases whose last open mandatory item was the labour contract, now signed (daily task)."""
    signed = LabourContract.objects.filter(employee=OuterRef("employee_id"), signed_on__isnull=False)
    others = OnboardingTask.objects.filter(case=OuterRef("pk"), mandatory=True, status=OnboardingTask.Status.OPEN)
    ready = (
        OnboardingCase.objects.filter(status=OnboardingCase.Status.IN_PROGRESS)
        .filter(Exists(signed))
        .exclude(Exists(others.exclude(code=LABOUR_CONTRACT)))
        .values_list("pk", flat=True)
    )
    done = 0
    for pk in list(ready):
        with transaction.atomic():
            case = _lock(OnboardingCase(pk=pk))
            _refresh_completion(case, None)
            done += case.status == OnboardingCase.Status.COMPLETED
    return done
