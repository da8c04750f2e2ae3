"""Reactions to other apps' lifecycle signals (employees.signals)."""

from . import services


def on_job_change_applied(sender, change, employee, by=None, **kwargs):
    services.post_training_need_on_job_change(change=change, employee=employee, by=by)
