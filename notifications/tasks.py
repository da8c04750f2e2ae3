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


@shared_task
def deliver_to_messengers(notification_ids: list[int]) -> int:
    """Log a delivery per messenger channel that covers each notification, and send each in its own task."""
    from . import services

    ids = services.messenger_deliveries_create(notification_ids=notification_ids)
    for delivery_id in ids:
        send_messenger_notice.delay(delivery_id)
    return len(ids)


@shared_task
def send_messenger_notice(delivery_id: int) -> str:
    """One attempt; a failure schedules the next one with a doubled delay until the attempts run out."""
    from .models import DeliveryStatus
    from .services import messenger_delivery_send, retry_delay

    delivery = messenger_delivery_send(delivery_id=delivery_id)
    if delivery.status == DeliveryStatus.RETRYING:
        send_messenger_notice.apply_async((delivery_id,), countdown=retry_delay(delivery.attempts))
    return delivery.status
