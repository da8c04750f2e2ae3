"""Who may do what with job changes (员工变动) and salary slips (调薪单): one function per action (core/policy.py).

Views (403), templates (the button or not), services (refuse) and the admin ask these. Scope is not asked here:
an employee outside the user's scope is never found (employees.selectors → 404).
"""

from django.utils.translation import gettext_lazy as _

from core.policy import ALLOW, Verdict, deny, first_denial

from .models import OPEN_JOB_CHANGE_STATUSES, Employee, JobChange, JobChangeStatus


def _hr(user) -> Verdict:
    if not user.is_hr:
        return deny("not_hr", _("Only HR enters job changes."))
    return ALLOW


def _editable(employee: Employee) -> Verdict:
    if employee.is_separated:
        return deny("employee_separated", _("A separated employee's record is kept read-only."))
    return ALLOW


def can_submit_job_change(user, employee: Employee, *, has_open_change: bool | None = None) -> Verdict:
    """HR submits a promotion, transfer or demotion for approval; one open change per employee at a time.

    has_open_change: when the caller already knows (a page that lists the employee's changes), no query."""
    if has_open_change is None:
        has_open_change = employee.job_changes.filter(status__in=OPEN_JOB_CHANGE_STATUSES).exists()
    open_change = (
        deny("job_change_open", _("A job change of this employee is still in approval or not yet in effect."))
        if has_open_change
        else ALLOW
    )
    return first_denial(_hr(user), _editable(employee), open_change)


def can_edit_job_change(user, change: JobChange) -> Verdict:
    """A change returned for changes is edited and sent again by HR."""
    state = (
        ALLOW
        if change.status == JobChangeStatus.RETURNED
        else deny("job_change_not_returned", _("Only a job change returned for changes can be edited."))
    )
    return first_denial(_hr(user), _editable(change.employee), state)


def can_change_salary(user) -> Verdict:
    """Salary is secret (秘密): only HR cleared for secret data proposes or records one."""
    if not (user.is_hr and user.sees_secret_hr_data):
        return deny("salary_not_cleared", _("Only HR cleared for secret data changes salaries."))
    return ALLOW


def can_see_salary(user) -> Verdict:
    """Reading salaries, and printing a 调薪单, needs secret clearance (spec 08)."""
    if not user.sees_secret_hr_data:
        return deny("salary_not_cleared", _("Salary is classified secret (秘密)."))
    return ALLOW
