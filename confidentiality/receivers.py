"""Reactions to the employee lifecycle (employees.signals): moves list copies for return and re-check grants,
departures end grants, a lower clearance ends the grants above it."""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from employees import signals

from . import services


@receiver(signals.job_change_applied, dispatch_uid="confidentiality.job_change")
def on_job_change(sender, change, employee, by=None, **kwargs):
    user = employee.user
    if user is None:
        return
    department = employee.department
    why = _("Moved to %(department)s") % {"department": department}
    services.copies_list_for_return(user=user, by=by, why=why)
    # A grant was approved for the old post's need to know; only those on the new department's documents stay.
    services.grants_end_for(
        user, by=by, reason=why, keep=lambda grant: grant.document.owning_department_id == department.pk
    )


@receiver(signals.employee_separated, dispatch_uid="confidentiality.separated")
def on_separated(sender, employee, by=None, date=None, **kwargs):
    if employee.user is not None:
        services.grants_end_for(employee.user, by=by, reason=_("Left the company"))


@receiver(signals.clearance_changed, dispatch_uid="confidentiality.clearance")
def on_clearance_changed(sender, user, old, new, by=None, **kwargs):
    if new is not None and old is not None and new < old:
        services.grants_end_for(
            user, by=by, reason=_("Clearance lowered"), keep=lambda grant: grant.document.level <= new
        )
