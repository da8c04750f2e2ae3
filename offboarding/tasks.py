import datetime

from celery import shared_task
from django.utils import timezone

from .reminders import last_day_passed


@shared_task
def separate_due(date_iso: str | None = None) -> int:
    """Separate the employees whose last working day has come (idempotent). The daily reminder sweep runs the
    same step; this task lets an administrator schedule or trigger it alone (or with a later date in tests)."""
    today = datetime.date.fromisoformat(date_iso) if date_iso else timezone.localdate()
    return last_day_passed(today)
