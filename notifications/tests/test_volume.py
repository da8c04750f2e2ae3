"""seed_volume writes ten years of the inbox and, since the messengers were connected, their delivery log;
the delivery log's admin list stays within a fixed number of queries however long the log is."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.models import ChannelDelivery, DeliveryStatus, MessengerChannel, Notification

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 30)


def _changelist_queries(client, query="") -> int:
    url = reverse("admin:notifications_channeldelivery_changelist") + query
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_ten_years_of_notifications_and_the_messenger_log(admin_client, make_user, django_assert_max_num_queries):
    make_user("hr_volume", roles=["hr"])
    call_command("seed_volume", employees=150, years=10, seed=5, today=TODAY, batch_size=500, stdout=io.StringIO())
    notifications = Notification.objects.all()
    assert notifications.count() >= 150 * 10 * 0.5
    years = {d.year for d in notifications.dates("created_at", "year")}
    assert years == set(range(2015, 2026))
    assert notifications.filter(read_at__isnull=True).exists() and notifications.filter(read_at__isnull=False).exists()

    deliveries = ChannelDelivery.objects.select_related("notification", "channel")
    assert deliveries.count() > 100
    # Approval notices (from the approval trails) and reminders (from notifications.volume) both went out.
    assert deliveries.filter(notification__kind="approval.step").exists()
    assert deliveries.filter(notification__kind="onboarding.probation_ending").exists()
    assert {DeliveryStatus.SENT, DeliveryStatus.FAILED} <= set(deliveries.values_list("status", flat=True))
    assert not MessengerChannel.objects.filter(enabled=True).exists()
    for delivery in deliveries.order_by("?")[:200]:
        assert delivery.created_at == delivery.notification.created_at >= delivery.channel.created_at
        assert (delivery.sent_at is not None) == (delivery.status == DeliveryStatus.SENT)
        assert bool(delivery.error) == (delivery.status in (DeliveryStatus.FAILED, DeliveryStatus.RETRYING))
    first = deliveries.order_by("created_at").first().created_at.date()
    assert datetime.date(2021, 6, 29) <= first <= datetime.date(2021, 12, 31)

    # The admin list (100 rows a page) reads the channel and the notification with the rows: the same number of
    # queries on the first page, a later page and a filtered one.
    baseline = _changelist_queries(admin_client)
    assert baseline <= 15
    assert _changelist_queries(admin_client, "?p=3") == baseline
    assert _changelist_queries(admin_client, f"?status={DeliveryStatus.FAILED}") <= baseline
    channel = MessengerChannel.objects.order_by("pk").first()
    with django_assert_max_num_queries(baseline):
        admin_client.get(
            reverse("admin:notifications_channeldelivery_changelist") + f"?channel__id__exact={channel.pk}"
        )


def test_the_delivery_log_admin_does_not_grow_in_queries_with_its_rows(admin_client, make_user):
    """A page of 2 rows and a page of 100 rows cost the same number of queries."""
    from core.crypto import encrypt
    from notifications.models import Provider
    from notifications.services import notify

    channel = MessengerChannel.objects.create(
        name="群", provider=Provider.WECOM_ROBOT, webhook_url_encrypted=encrypt("https://x.invalid/h")
    )
    user = make_user("zhang")

    def add(n):
        start = Notification.objects.count()
        for i in range(n):
            notification = notify(recipient=user, kind="approval.step", title=f"t{start + i}", email=False)
            ChannelDelivery.objects.create(channel=channel, notification=notification, status=DeliveryStatus.SENT)

    add(2)
    few = _changelist_queries(admin_client)
    add(120)
    assert _changelist_queries(admin_client) == few
