"""Job changes (员工变动: promotion, transfer, demotion) through the "job_change" approval flow (spec 01/02).

HR submits a change; head of the employee's department → HR manager (→ general manager into a manager-level post
or with a salary change) approve it. The change takes effect on its effective date — at approval when that date
has come, else by the daily sweep (employees/reminders.py) on the date: then, and not before, the employee's
department and position change and a salary change writes its 调薪单 (SalaryChange).
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals.services import request_resubmit, request_submit
from org.models import Department, Position

from . import policies, signals
from .models import Employee, JobChange, JobChangeStatus
from .services import salary_change_record


def _invalid(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _check_target(*, employee: Employee, to_department: Department, to_position: Position) -> None:
    if to_position.department_id != to_department.pk:
        raise ValidationError(
            {
                "to_position": ValidationError(
                    _("The position belongs to another department."), code="position_department"
                )
            }
        )
    if not to_position.is_active:
        raise _invalid("to_position", _("The position is not active."), "position_inactive")
    if to_department.pk == employee.department_id and to_position.pk == employee.position_id:
        raise _invalid("to_position", _("The employee already holds this position."), "same_position")


def _check_salary(*, by, new_salary: Decimal | None) -> None:
    if new_salary is None:
        return
    policies.can_change_salary(by).enforce()
    if new_salary <= 0:
        raise _invalid("new_salary", _("The new salary must be a positive amount."), "salary_not_positive")


def changes_salary(change: JobChange) -> bool:
    """Whether the change sets a salary other than the employee's current one (the GM approves it, spec 02)."""
    return change.new_salary is not None and change.new_salary != change.employee.base_salary


@transaction.atomic
def job_change_submit(
    *,
    employee: Employee,
    by,
    kind: str,
    to_department: Department,
    to_position: Position,
    effective_date: datetime.date,
    reason: str,
    new_salary: Decimal | None = None,
    comment: str = "",
) -> JobChange:
    """HR enters a promotion, transfer or demotion and sends it for approval. Nothing about the employee changes
    until it is approved and its effective date has come."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    policies.can_submit_job_change(by, employee).enforce()
    _check_target(employee=employee, to_department=to_department, to_position=to_position)
    _check_salary(by=by, new_salary=new_salary)
    change = JobChange(
        employee=employee,
        kind=kind,
        effective_date=effective_date,
        from_department_id=employee.department_id,
        from_position_id=employee.position_id,
        to_department=to_department,
        to_position=to_position,
        reason=reason,
        new_salary=new_salary,
        status=JobChangeStatus.PENDING,
        created_by=by,
    )
    change.full_clean()
    change.save()
    request_submit(subject=change, by=by, comment=comment)
    return change


@transaction.atomic
def job_change_update(
    *,
    change: JobChange,
    by,
    kind: str,
    to_department: Department,
    to_position: Position,
    effective_date: datetime.date,
    reason: str,
    new_salary: Decimal | None = None,
    comment: str = "",
) -> JobChange:
    """A change returned for changes is edited and sent again (a new approval round; the history stays)."""
    from approvals.selectors import latest_request_for

    change = JobChange.objects.select_for_update(of=("self",)).select_related("employee").get(pk=change.pk)
    policies.can_edit_job_change(by, change).enforce()
    _check_target(employee=change.employee, to_department=to_department, to_position=to_position)
    if new_salary != change.new_salary:
        _check_salary(by=by, new_salary=new_salary)
    change.kind = kind
    change.to_department = to_department
    change.to_position = to_position
    change.effective_date = effective_date
    change.reason = reason
    change.new_salary = new_salary
    change.full_clean()
    change.save()
    request_resubmit(request=latest_request_for(change), by=by, comment=comment)
    change.refresh_from_db()
    return change


def _set_status(change: JobChange, status: str) -> None:
    JobChange.objects.filter(pk=change.pk).update(status=status)
    change.status = status


def job_change_on_approved(change: JobChange, request, by) -> None:
    """Final approval: in effect now when the effective date has come, else on that date (the daily sweep)."""
    _set_status(change, JobChangeStatus.APPROVED)
    if change.effective_date <= timezone.localdate():
        job_change_apply(change=change, by=by)


def job_change_on_rejected(change: JobChange, request, by) -> None:
    _set_status(change, JobChangeStatus.REJECTED)


def job_change_on_returned(change: JobChange, request, by) -> None:
    _set_status(change, JobChangeStatus.RETURNED)


def job_change_on_withdrawn(change: JobChange, request, by) -> None:
    _set_status(change, JobChangeStatus.WITHDRAWN)


def job_change_on_resubmitted(change: JobChange, request, by) -> None:
    _set_status(change, JobChangeStatus.PENDING)


@transaction.atomic
def job_change_apply(*, change: JobChange, by=None, today: datetime.date | None = None) -> bool:
    """Put an approved change into effect: the employee's department and position, and a 调薪单 when the salary
    changes. Idempotent: a change already in effect (or not approved, or not yet due) is left alone → False."""
    today = today or timezone.localdate()
    change = JobChange.objects.select_for_update().get(pk=change.pk)
    if change.status != JobChangeStatus.APPROVED or change.effective_date > today:
        return False
    employee = Employee.objects.select_for_update().get(pk=change.employee_id)
    if employee.is_separated:
        # Separated before the date came: the record is read-only, the change never takes effect.
        return False
    employee.department_id = change.to_department_id
    employee.position_id = change.to_position_id
    employee.full_clean()
    employee.save(update_fields=["department", "position", "updated_at"])
    if change.new_salary is not None and change.new_salary != employee.base_salary:
        change.salary_change = salary_change_record(
            employee=employee,
            new_salary=change.new_salary,
            effective_date=change.effective_date,
            reason=_("%(kind)s (员工变动): %(reason)s") % {"kind": change.get_kind_display(), "reason": change.reason},
            by=by if by is not None else change.created_by,
        )
    change.status = JobChangeStatus.EFFECTIVE
    change.applied_at = timezone.now()
    change.save(update_fields=["status", "applied_at", "salary_change"])
    signals.job_change_applied.send(sender=JobChange, change=change, employee=employee, by=by)
    return True


def job_changes_apply_due(*, today: datetime.date) -> list[JobChange]:
    """Every approved change whose effective date has come takes effect (the daily sweep). Each change is locked
    and re-checked, so a rerun or a concurrent run applies nothing twice."""
    due = JobChange.objects.filter(status=JobChangeStatus.APPROVED, effective_date__lte=today).values_list(
        "pk", flat=True
    )
    applied = [pk for pk in list(due) if job_change_apply(change=JobChange(pk=pk), today=today)]
    return list(
        JobChange.objects.filter(pk__in=applied)
        .select_related("employee__user", "to_department", "to_position")
        .order_by("effective_date", "pk")
    )
