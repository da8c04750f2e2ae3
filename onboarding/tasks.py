import datetime

from celery import shared_task
from django.utils import timezone

from .reminders import probation_lapsed


@shared_task
def lapse_probations(date_iso: str | None = None) -> int:
    """Make probations that ended without a decision regular by law, and tell HR; apply the approved conversions
    whose effective date has come (idempotent).

    The daily reminder sweep runs the same step; this task lets an administrator schedule or trigger it alone.
    """
    today = datetime.date.fromisoformat(date_iso) if date_iso else timezone.localdate()
    return probation_lapsed(today)
