import pytest
from django.urls import reverse

from notifications import kinds
from notifications.models import EmailOptOut
from notifications.services import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(login, make_user):
    return login(make_user("root", is_staff=True, is_superuser=True))


def test_notification_admin_is_a_read_only_filtered_list(admin_client_, make_user):
    """Administrators can list and filter notifications but not add or edit them."""
    alice = make_user("alice")
    n = notify(recipient=alice, kind=kinds.GENERAL, title="Hello", email=False)
    changelist = reverse("admin:notifications_notification_changelist")
    assert admin_client_.get(changelist, {"kind": kinds.GENERAL, "read_at__isnull": "True"}).status_code == 200
    assert admin_client_.get(reverse("admin:notifications_notification_add")).status_code == 403
    response = admin_client_.post(reverse("admin:notifications_notification_change", args=[n.pk]), {"title": "X"})
    assert response.status_code == 403
    n.refresh_from_db()
    assert n.title == "Hello"


def test_reminder_and_preference_admins_load(admin_client_, make_user):
    """The reminder deliveries and the e-mail opt-outs are listed in the admin."""
    EmailOptOut.objects.create(user=make_user("alice"), kind=kinds.GENERAL)
    assert admin_client_.get(reverse("admin:notifications_reminderdelivery_changelist")).status_code == 200
    assert admin_client_.get(reverse("admin:notifications_emailoptout_changelist")).status_code == 200
    assert admin_client_.get(reverse("admin:django_celery_beat_periodictask_changelist")).status_code == 200
