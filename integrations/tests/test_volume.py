"""seed_volume writes the lifecycle webhook log of the years the other systems listened; the log's admin list
stays within a fixed number of queries however long it is, replays included."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.crypto import encrypt
from integrations.models import DeliveryStatus, Event, WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 30)


def _changelist_queries(client, query="") -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:integrations_webhookdelivery_changelist") + query)
    assert response.status_code == 200
    return len(queries)


def test_years_of_webhook_deliveries_with_their_payloads_and_replays(admin_client, make_user):
    make_user("hr_volume", roles=["hr"])
    call_command("seed_volume", employees=200, years=10, seed=11, today=TODAY, batch_size=500, stdout=io.StringIO())
    payroll, access = WebhookEndpoint.objects.order_by("created_at")
    assert not payroll.enabled and not access.enabled
    deliveries = WebhookDelivery.objects.all()
    assert {Event.HIRED, Event.SEPARATED, Event.CONVERTED} <= set(
        deliveries.filter(endpoint=payroll).values_list("event", flat=True)
    )
    assert set(deliveries.filter(endpoint=access).values_list("event", flat=True)) <= {Event.HIRED, Event.SEPARATED}
    assert not deliveries.filter(endpoint=payroll, created_at__lt=payroll.created_at).exists()
    assert not deliveries.filter(endpoint=access, created_at__lt=access.created_at).exists()
    assert deliveries.filter(status=DeliveryStatus.SENT).count() > 0.9 * deliveries.count()
    for delivery in deliveries.order_by("?")[:100]:
        payload = delivery.payload
        assert payload["event"] == delivery.event and payload["id"] == str(delivery.event_id)
        assert "salary" not in str(payload) and "id_number" not in str(payload)
    for replay in deliveries.filter(replay_of__isnull=False).select_related("replay_of"):
        assert replay.replay_of.status == DeliveryStatus.FAILED and replay.event_id == replay.replay_of.event_id

    baseline = _changelist_queries(admin_client)
    assert baseline <= 15
    assert _changelist_queries(admin_client, "?p=2") == baseline
    assert _changelist_queries(admin_client, f"?status={DeliveryStatus.FAILED}") <= baseline


def test_the_webhook_log_admin_does_not_grow_in_queries_with_replays(admin_client):
    """Each row shows the delivery it replays ("<event> → <endpoint>"): read with the page, not per row."""
    endpoint = WebhookEndpoint.objects.create(
        name="工资系统", url="https://payroll.invalid/h", secret_encrypted=encrypt("s")
    )

    def add(n):
        for _ in range(n):
            failed = WebhookDelivery.objects.create(
                endpoint=endpoint, event=Event.HIRED, payload={}, status=DeliveryStatus.FAILED
            )
            WebhookDelivery.objects.create(
                endpoint=endpoint, event=Event.HIRED, payload={}, status=DeliveryStatus.SENT, replay_of=failed
            )

    add(1)
    few = _changelist_queries(admin_client)
    add(40)
    assert _changelist_queries(admin_client) == few
