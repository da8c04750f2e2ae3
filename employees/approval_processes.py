"""Job changes go through the "job_change" flow (spec 02): head of the employee's department → HR manager
(→ general manager when the change is into a manager-level post or changes the salary)."""

from django.utils.translation import gettext_lazy as _

from approvals import conditions, registry
from org.models import PositionCategory

from . import jobchange_services as services
from .models import JobChange


def _summary(change: JobChange) -> dict:
    employee = change.employee
    return {
        _("Employee"): str(employee),
        _("Kind"): change.get_kind_display(),
        _("From"): f"{change.from_department.name} / {change.from_position.title}",
        _(
            "To"
        ): f"{change.to_department.name} / {change.to_position.title} ({change.to_position.get_category_display()})",
        _("Effective date"): change.effective_date,
        _("Reason"): change.reason,
        # Salaries are secret: shown to approvers cleared for them, *** to the others.
        _("Salary change"): _("Yes") if services.changes_salary(change) else _("No"),
        _("Current salary"): registry.Secret(employee.base_salary),
        _("New salary"): registry.Secret(change.new_salary) if services.changes_salary(change) else "—",
    }


registry.register(
    JobChange,
    flow_code="job_change",
    on_approved=services.job_change_on_approved,
    on_rejected=services.job_change_on_rejected,
    on_returned=services.job_change_on_returned,
    on_withdrawn=services.job_change_on_withdrawn,
    on_resubmitted=services.job_change_on_resubmitted,
    # The employee's own (current) department: its head reviews first.
    department_of=lambda change: change.from_department,
    conditions={
        conditions.MANAGER_LEVEL_POSITION: lambda change: change.to_position.category == PositionCategory.MANAGER,
        conditions.SALARY_CHANGE: services.changes_salary,
    },
    context=_summary,
    # Nobody decides a change they raised or that is about them (a head moved to another post, spec 02).
    people_of=lambda change: [change.created_by_id, change.employee.user_id],
    reads_secret=True,
)
