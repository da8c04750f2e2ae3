import datetime

from celery import shared_task
from django.utils import timezone

from .reminders import anonymise_candidates


@shared_task
def anonymise_expired_candidates(date_iso: str | None = None) -> int:
    """Anonymise candidates not hired after the retention period (idempotent: a rerun finds nobody new).

    The daily reminder sweep runs the same step; this task lets an administrator schedule or trigger it alone.
    """
    today = datetime.date.fromisoformat(date_iso) if date_iso else timezone.localdate()
    return anonymise_candidates(today)
