import datetime

from celery import shared_task
from django.utils import timezone

from . import reminders


@shared_task(autoretry_for=(reminders.SweepsFailed,), max_retries=3, default_retry_delay=300)
def run_reminder_sweeps(date_iso: str | None = None) -> dict[str, int]:
    """Every app's reminder sweep for the given day (default: today in Asia/Shanghai).

    Retrying is safe: reminders already sent are keyed in the database and are not sent again.
    """
    today = datetime.date.fromisoformat(date_iso) if date_iso else timezone.localdate()
    return reminders.run_all(today)
