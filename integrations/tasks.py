from celery import shared_task


@shared_task
def send_webhook(delivery_id: int) -> str:
    """One attempt; a failure schedules the next one with a doubled delay until the attempts run out."""
    from notifications.services import retry_delay

    from .models import DeliveryStatus
    from .services import webhook_delivery_send

    delivery = webhook_delivery_send(delivery_id=delivery_id)
    if delivery.status == DeliveryStatus.RETRYING:
        send_webhook.apply_async((delivery_id,), countdown=retry_delay(delivery.attempts))
    return delivery.status
