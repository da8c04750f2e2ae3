"""The onboarding case: terms checked against the law, tasks from the template, completion."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from employees import services as employee_services
from employees import signals
from employees.labour_law import (
    probation_cap_months,
    probation_check,
    probation_end_date,
    probation_policy_check,
    written_contract_deadline,
)
from employees.models import (
    NO_LABOUR_CONTRACT_TYPES,
    ContractType,
    Employee,
    EmployeeStatus,
    LabourContract,
)
from employees.selectors import HeadFinder, hr_users
from notifications.services import notify
from org.models import PositionCategory

from .. import kinds, policies
from ..models import (
    FIXED_TASK_TITLES,
    NOT_APPLICABLE_REASONS,
    CaseEvent,
    OnboardingCase,
    OnboardingTask,
    OwnerRole,
    ProbationStatus,
    SafetyEducation,
    SafetyLevel,
    TaskKind,
    TaskTemplate,
)
from ._common import (
    HANDBOOK,
    HEALTH_CHECK,
    HOUSING_FUND,
    LABOUR_CONTRACT,
    SAFETY_EDUCATION,
    SOCIAL_INSURANCE,
    _event,
    _lock,
    invalid,
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


# The codes of the labour-law refusals by field, for the shared check that words them without one.
def terms_check(*, employee: Employee, start_date: datetime.date, terms: dict, case=None) -> None:
    """The probation terms against arts. 19/20: caps by contract term, 80 % and minimum wage, once only (the
    errors carry employees.labour_law's codes)."""
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


def needs_safety_education(position) -> bool:
    """Production posts (frontline) and posts with occupational hazards: the three-level safety education
    before the worker takes the post."""
    return position.category == PositionCategory.FRONTLINE or position.occupational_hazards


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
    position = employee.position
    if position.occupational_hazards:
        # 职业病防治法 art. 35: checked before the person takes a post with occupational hazards.
        rows.append(
            {
                "code": HEALTH_CHECK,
                "kind": TaskKind.HEALTH,
                "title": str(FIXED_TASK_TITLES[HEALTH_CHECK]),
                "description": _("Record the examining institution and the result; only a fit result completes it."),
                "due_date": start,
                "owner": hr,
            }
        )
    if needs_safety_education(position):
        rows.append(
            {
                "code": SAFETY_EDUCATION,
                "kind": TaskKind.SAFETY,
                "title": str(FIXED_TASK_TITLES[SAFETY_EDUCATION]),
                "description": _(
                    "Done when the company, workshop and team levels are recorded (date, hours, trainer)."
                ),
                "due_date": start,
                "owner": head or hr,
            }
        )
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
    """Open the onboarding case of a new employee: terms checked against the law (and, for a direct hire, the
    company's probation policy for the post), tasks from the template, the probation wage in the salary history."""
    if offer is None:
        policies.can_start_case(by).enforce()
    employee = (
        Employee.objects.select_for_update(of=("self",)).select_related("position", "department").get(pk=employee.pk)
    )
    if employee.is_separated:
        raise invalid(_("A separated employee cannot start onboarding."), "employee_separated")
    if OnboardingCase.objects.filter(employee=employee, start_date=employee.hire_date).exists():
        raise invalid(_("%(name)s already has an onboarding case.") % {"name": employee.name}, "case_exists")
    contract_law = has_labour_contract(employee)
    terms = {
        "agreed_salary": agreed_salary,
        "contract_type": contract_type if contract_law else "",
        "contract_months": contract_months if contract_law and contract_type == ContractType.FIXED else None,
        "probation_months": probation_months or 0,
        "probation_salary": probation_salary,
    }
    if agreed_salary is None:
        raise invalid(_("Give the agreed salary."), "salary_missing", "agreed_salary")
    if contract_law and not contract_type:
        raise invalid(_("Choose the labour contract type."), "contract_type_missing", "contract_type")
    terms_check(employee=employee, start_date=employee.hire_date, terms=terms)
    if offer is None:
        # The law first, then the company's policy for the post; the offer was checked against the policy when
        # it was made, a direct hire is checked here.
        probation_policy_check(employee.position.category, terms["probation_months"])
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
        raise invalid(
            _("State the conditions of employment the probation is judged against."), "conditions_missing", "conditions"
        )
    case.full_clean()
    case.save()
    if months and case.probation_salary is not None:
        # The salary history starts with the probation wage, so the 调薪单 of the conversion reads "from" it.
        employee_services.salary_change_record(
            employee=employee,
            new_salary=case.probation_salary,
            effective_date=case.start_date,
            reason=_("Probation salary (试用期工资)"),
            by=by,
        )
    heads = HeadFinder()
    head = heads.head_user(employee.department_id)
    hr = by if getattr(by, "is_hr", False) else next(iter(hr_users()), by)
    _build_tasks(case, hr=hr, head=head)
    source = _("offer %(number)s") % {"number": offer.number} if offer is not None else _("direct hire")
    _event(case, CaseEvent.Action.STARTED, by, source)
    signals.employee_hired.send(sender=type(employee), employee=employee, by=by, start_date=case.start_date)
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
    institution: str = "",
    fit_for_post: bool | None = None,
    registration_confirming: bool = False,
) -> OnboardingTask:
    """Tick a task. The quality-awareness item needs the recorded check of understanding, and a pass; the
    pre-employment health check needs the examining institution and a fit result."""
    case = _lock(task.case)
    task = OnboardingTask.objects.select_for_update(of=("self",)).select_related("case__employee").get(pk=task.pk)
    policies.can_complete_task(by, task, registration_confirming=registration_confirming).enforce()
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise invalid(_("The date cannot be in the future."), "date_in_future", "done_on")
    if task.checks_understanding:
        if not (understanding_check or "").strip():
            raise invalid(
                _(
                    "Record how the employee explained the quality policy, the quality objectives, their "
                    "own contribution and the consequences of not conforming."
                ),
                "understanding_check_missing",
                "understanding_check",
            )
        if not understanding_passed:
            raise invalid(
                _("The item is done only when the understanding is confirmed; repeat it."),
                "understanding_not_confirmed",
                "understanding_passed",
            )
        task.understanding_check = understanding_check.strip()
        task.understanding_passed = True
    if task.code == HEALTH_CHECK:
        if not (institution or "").strip():
            raise invalid(_("Name the institution that did the examination."), "institution_missing", "institution")
        if not fit_for_post:
            raise invalid(
                _(
                    "Only a person found fit may take a post with occupational hazards (职业病防治法 art. 35); "
                    "with a contraindication, arrange another post."
                ),
                "not_fit_for_post",
                "fit_for_post",
            )
        task.institution = institution.strip()
        task.fit_for_post = True
    task.status = OnboardingTask.Status.DONE
    task.done_on = done_on
    task.done_by = by
    task.note = (note or "").strip()
    task.save()
    _event(case, CaseEvent.Action.TASK_DONE, by, task.title)
    _refresh_completion(case, by)
    return task


@transaction.atomic
def tasks_done_by_training(*, tasks, by, done_on: datetime.date, note: str) -> int:
    """Tick the induction tasks a training session recorded (the training app calls this on attendance)."""
    done = 0
    for task in tasks:
        case = _lock(task.case)
        if task.status != OnboardingTask.Status.OPEN or case.status == OnboardingCase.Status.CLOSED:
            continue
        task.status = OnboardingTask.Status.DONE
        task.done_on = done_on
        task.done_by = by
        task.note = note[:300]
        task.save(update_fields=["status", "done_on", "done_by", "note"])
        _event(case, CaseEvent.Action.TASK_DONE, by, task.title)
        _refresh_completion(case, by)
        done += 1
    return done


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


SAFETY_ORDER = (SafetyLevel.COMPANY, SafetyLevel.WORKSHOP, SafetyLevel.TEAM)


@transaction.atomic
def safety_education_record(
    *, case: OnboardingCase, by, level: str, held_on: datetime.date, hours: Decimal, trainer: str
) -> SafetyEducation:
    """Record one level of the three-level safety education (三级安全教育). The levels follow each other
    (company, then workshop, then team); the task is done when all three are recorded, and with it the worker
    may take the production post (onboarding completes only then)."""
    case = _lock(case)
    policies.can_record_safety_education(by, case).enforce()
    if level not in SafetyLevel.values:
        raise invalid(_("Choose the level."), "safety_level_invalid", "level")
    if case.safety_education.filter(level=level).exists():
        raise invalid(_("This level is already recorded."), "safety_level_recorded", "level")
    if held_on is None or held_on > timezone.localdate():
        raise invalid(_("The date cannot be in the future."), "date_in_future", "held_on")
    if not hours or hours <= 0:
        raise invalid(_("Give the hours of the session."), "hours_missing", "hours")
    if not (trainer or "").strip():
        raise invalid(_("Name the trainer."), "trainer_missing", "trainer")
    recorded = {row.level: row for row in case.safety_education.all()}
    index = SAFETY_ORDER.index(level)
    for earlier in SAFETY_ORDER[:index]:
        if earlier not in recorded:
            raise invalid(
                _("Record the %(level)s first: the levels follow each other (company, workshop, team).")
                % {"level": SafetyLevel(earlier).label},
                "safety_order",
                "level",
            )
        if held_on < recorded[earlier].held_on:
            raise invalid(
                _("This level cannot come before the %(level)s (%(date)s).")
                % {"level": SafetyLevel(earlier).label, "date": f"{recorded[earlier].held_on:%Y-%m-%d}"},
                "safety_order",
                "held_on",
            )
    record = SafetyEducation(
        case=case, level=level, held_on=held_on, hours=hours, trainer=trainer.strip(), recorded_by=by
    )
    record.full_clean()
    record.save()
    _event(
        case,
        CaseEvent.Action.SAFETY_EDUCATION,
        by,
        _("%(level)s, %(date)s, %(hours)s h, %(trainer)s")
        % {"level": record.get_level_display(), "date": f"{held_on:%Y-%m-%d}", "hours": hours, "trainer": trainer},
    )
    if len(recorded) + 1 == len(SAFETY_ORDER):
        task = case.tasks.select_for_update().filter(code=SAFETY_EDUCATION, status=OnboardingTask.Status.OPEN).first()
        if task is not None:
            task.status = OnboardingTask.Status.DONE
            task.done_on = held_on
            task.done_by = by
            task.save(update_fields=["status", "done_on", "done_by"])
            _event(case, CaseEvent.Action.TASK_DONE, by, task.title)
        _refresh_completion(case, by)
    return record


def contract_initial(case: OnboardingCase) -> dict:
    """The labour contract as agreed in the offer (or the direct hire's terms): type, term, probation, wage."""
    start = case.start_date
    end = probation_end_date(start, case.contract_months) if case.contract_months else None
    return {
        "number": f"HT-{case.employee.number}",
        "contract_type": case.contract_type,
        "start_date": start,
        "end_date": end,
        "probation_months": case.probation_months,
        "salary": case.agreed_salary,
        "probation_salary": case.probation_salary,
    }


@transaction.atomic
def case_contract_record(
    *,
    case: OnboardingCase,
    by,
    number: str,
    contract_type: str,
    start_date: datetime.date,
    end_date: datetime.date | None,
    probation_months: int,
    salary: Decimal,
    probation_salary: Decimal | None = None,
    signed_on: datetime.date | None = None,
) -> LabourContract:
    """Record the labour contract from the case, on the terms agreed in the offer. The contract may not agree a
    lower wage or a longer probation than the offer did (probation is agreed once, LCL art. 19)."""
    case = _lock(case)
    policies.can_record_contract(by, case).enforce()
    errors = {}
    if salary is None or salary < case.agreed_salary:
        errors["salary"] = ValidationError(
            _("The contract cannot agree a wage below the %(wage)s yuan agreed in the offer.")
            % {"wage": case.agreed_salary},
            code="wage_below_offer",
        )
    if (probation_months or 0) != case.probation_months:
        errors["probation_months"] = ValidationError(
            _("The probation was agreed as %(months)s months; the contract carries the same (art. 19).")
            % {"months": case.probation_months},
            code="probation_differs_from_offer",
        )
    elif probation_months and (probation_salary is None or probation_salary < case.probation_salary):
        errors["probation_salary"] = ValidationError(
            _("The probation wage cannot be below the %(wage)s yuan agreed in the offer.")
            % {"wage": case.probation_salary},
            code="wage_below_offer",
        )
    if start_date != case.start_date:
        errors["start_date"] = ValidationError(
            _("The contract starts on the start date (%(start)s).") % {"start": f"{case.start_date:%Y-%m-%d}"},
            code="contract_start_differs",
        )
    if errors:
        raise ValidationError(errors)
    contract = employee_services.contract_add(
        employee=case.employee,
        by=by,
        number=number,
        contract_type=contract_type,
        start_date=start_date,
        end_date=end_date,
        probation_months=probation_months or 0,
    )
    if signed_on is not None:
        contract = employee_services.contract_mark_signed(contract=contract, signed_on=signed_on, by=by)
    # The wage is secret HR data: the history (read by the department) names the contract, not the figures.
    _event(
        case,
        CaseEvent.Action.CONTRACT_RECORDED,
        by,
        _("%(number)s on the terms of the offer") % {"number": contract.number},
    )
    _refresh_completion(case, by)
    return contract
