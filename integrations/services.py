"""Writes of the integrations app: record a lifecycle event for each subscribed endpoint, send one delivery,
replay one."""

import hashlib
import hmac
import json
import logging
import time
import uuid
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core import outbound
from core.crypto import decrypt

from . import payloads
from .models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-HRMS-Signature"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=`` + hex HMAC-SHA256 of "<timestamp>.<body>" with the endpoint's secret (docs/webhooks.md)."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def webhook_emit(*, event: str, data: dict) -> list[WebhookDelivery]:
    """Log the event for every enabled endpoint that subscribed to it and send each after the commit. A failure
    here is logged and swallowed: another system's trouble must never undo an HR change."""
    try:
        endpoints = [e for e in WebhookEndpoint.objects.filter(enabled=True) if not e.events or event in e.events]
        if not endpoints:
            return []
        event_id = uuid.uuid4()
        payload = payloads.envelope(event_id=event_id, event=event, data=data)
        deliveries = WebhookDelivery.objects.bulk_create(
            [WebhookDelivery(endpoint=e, event_id=event_id, event=event, payload=payload) for e in endpoints]
        )
        ids = [d.pk for d in deliveries if d.pk] or list(
            WebhookDelivery.objects.filter(event_id=event_id).values_list("pk", flat=True)
        )
        transaction.on_commit(partial(_queue, ids))
        return deliveries
    except Exception:
        logger.exception("Could not record the %s webhook", event)
        return []


def _queue(ids: list[int]) -> None:
    from .tasks import send_webhook

    for delivery_id in ids:
        try:
            send_webhook.delay(delivery_id)
        except Exception:
            logger.exception("Could not queue webhook delivery %s", delivery_id)


def webhook_delivery_send(*, delivery_id: int) -> WebhookDelivery:
    """One attempt: POST the stored payload, signed; sent on a 2xx answer, otherwise the error is logged and the
    delivery retries until the attempts run out."""
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().select_related("endpoint").get(pk=delivery_id)
        if delivery.status in (DeliveryStatus.SENT, DeliveryStatus.FAILED):
            return delivery
        delivery.attempts += 1
        delivery.save(update_fields=["attempts"])
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "X-HRMS-Event": delivery.event,
        "X-HRMS-Delivery": str(delivery.event_id),
        "X-HRMS-Timestamp": timestamp,
        SIGNATURE_HEADER: sign(decrypt(delivery.endpoint.secret_encrypted), timestamp, body),
    }
    try:
        outbound.request(delivery.endpoint.url, method="POST", body=body, headers=headers)
    except outbound.OutboundError as error:
        delivery.error = str(error)[:1000]
        last = delivery.attempts >= settings.HRMS_DELIVERY_MAX_ATTEMPTS
        delivery.status = DeliveryStatus.FAILED if last else DeliveryStatus.RETRYING
    else:
        delivery.status, delivery.error, delivery.sent_at = DeliveryStatus.SENT, "", timezone.now()
    delivery.save(update_fields=["status", "error", "sent_at"])
    return delivery


def webhook_delivery_replay(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send the same event (same ID and payload, so the receiver can tell a repeat) again as a new logged delivery."""
    replay = WebhookDelivery.objects.create(
        endpoint=delivery.endpoint,
        event_id=delivery.event_id,
        event=delivery.event,
        payload=delivery.payload,
        replay_of=delivery,
    )
    transaction.on_commit(partial(_queue, [replay.pk]))
    return replay
