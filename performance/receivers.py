"""Reactions to the employees app's lifecycle signals (employees/signals.py)."""

from django.dispatch import receiver

from employees.signals import employee_separated

from .services import sheets_close_for


@receiver(employee_separated, dispatch_uid="performance.close_sheets_on_separation")
def close_sheets_on_separation(sender, employee, by=None, date=None, **kwargs):
    """A separated employee's open KPI sheets are closed (recorded on each sheet)."""
    sheets_close_for(employee=employee, by=by, date=date)
