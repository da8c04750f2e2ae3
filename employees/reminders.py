"""Daily sweeps of employees (notifications' one reminder mechanism autodiscovers this module)."""

from .jobchange_reminders import job_changes_take_effect  # noqa: F401  (registers the sweep)
