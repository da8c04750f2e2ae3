import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.errors import error_codes
from notifications import kinds, services
from notifications.models import EmailOptOut, Notification, ReminderDelivery
from notifications.services import ReminderItem, notify, remind_once

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 3, 10)


@pytest.fixture
def alice(make_user):
    return make_user("alice", email="alice@example.com")


def test_notify_creates_inbox_entry_and_emails_after_commit(alice, django_capture_on_commit_callbacks):
    """notify() puts the message in the inbox and e-mails it once the transaction commits, with the link."""
    with django_capture_on_commit_callbacks() as callbacks:
        n = notify(recipient=alice, kind=kinds.GENERAL, title="Hello", body="Body text", url="/people/me/")
        assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert Notification.objects.get() == n
    assert n.read_at is None and n.title == "Hello"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.com"]
    assert mail.outbox[0].subject == "Hello"
    assert "Body text" in mail.outbox[0].body and "/people/me/" in mail.outbox[0].body


def test_notify_respects_email_opt_out(alice, django_capture_on_commit_callbacks):
    """A user who opted out of a kind still gets it in the inbox but no e-mail."""
    EmailOptOut.objects.create(user=alice, kind=kinds.GENERAL)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=alice, kind=kinds.GENERAL, title="Hello")
    assert Notification.objects.filter(recipient=alice).count() == 1
    assert mail.outbox == []


def test_notify_other_kind_still_emailed_when_one_opted_out(alice, django_capture_on_commit_callbacks):
    """Opting out of one kind leaves the others on."""
    EmailOptOut.objects.create(user=alice, kind="something.else")
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=alice, kind=kinds.GENERAL, title="Hello")
    assert len(mail.outbox) == 1


def test_notify_without_address_or_with_email_false_sends_no_mail(alice, make_user, django_capture_on_commit_callbacks):
    """No e-mail for a user without an address, nor when the caller asks for in-app only."""
    bob = make_user("bob")
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=bob, kind=kinds.GENERAL, title="Hello")
        notify(recipient=alice, kind=kinds.GENERAL, title="In-app only", email=False)
    assert Notification.objects.count() == 2
    assert mail.outbox == []


def test_mail_server_failure_keeps_the_notification(alice, settings, django_capture_on_commit_callbacks):
    """A broken mail server is logged; the inbox entry stays and the caller does not fail."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=alice, kind=kinds.GENERAL, title="Hello")
    assert Notification.objects.count() == 1


def test_remind_once_sends_each_reminder_once(alice, django_capture_on_commit_callbacks):
    """The same reminder twice (a rerun or a retried task) gives one notification and one e-mail."""
    item = ReminderItem(recipient=alice, obj=alice, due_date=DAY, title="Due soon", url="/x/")
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_once(kind="test.kind", items=[item]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_once(kind="test.kind", items=[item]) == 0
    assert Notification.objects.filter(recipient=alice).count() == 1
    assert len(mail.outbox) == 1
    delivery = ReminderDelivery.objects.get()
    assert delivery.notification == Notification.objects.get()
    assert (delivery.kind, delivery.object_id, delivery.due_date) == ("test.kind", str(alice.pk), DAY)


def test_remind_once_keys_by_due_date_kind_and_object(alice, make_user, django_capture_on_commit_callbacks):
    """Another due date, kind or object is another reminder; duplicates inside one call count once."""
    other = make_user("other")
    base = ReminderItem(recipient=alice, obj=alice, due_date=DAY, title="t")
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_once(kind="k1", items=[base, base]) == 1
        assert remind_once(kind="k1", items=[ReminderItem(alice, alice, DAY + datetime.timedelta(days=1), "t")]) == 1
        assert remind_once(kind="k2", items=[base]) == 1
        assert remind_once(kind="k1", items=[ReminderItem(alice, other, DAY, "t")]) == 1
        assert remind_once(kind="k1", items=[]) == 0
    assert Notification.objects.count() == 4
    assert len(mail.outbox) == 4


def test_remind_once_bulk_respects_opt_outs(make_user, django_capture_on_commit_callbacks):
    """In one call every recipient gets the inbox entry; only those who did not opt out get e-mail."""
    users = [make_user(f"u{i}", email=f"u{i}@example.com") for i in range(3)]
    EmailOptOut.objects.create(user=users[1], kind="test.kind")
    with django_capture_on_commit_callbacks(execute=True):
        count = remind_once(kind="test.kind", items=[ReminderItem(u, u, DAY, f"Hi {u.username}") for u in users])
    assert count == 3
    assert sorted(m.to[0] for m in mail.outbox) == ["u0@example.com", "u2@example.com"]
    assert set(Notification.objects.values_list("title", flat=True)) == {"Hi u0", "Hi u1", "Hi u2"}


def _queries_for_remind_once(users, day):
    items = [ReminderItem(u, u, day, "t") for u in users]
    with CaptureQueriesContext(connection) as ctx:
        remind_once(kind="test.kind", items=items)
    return len(ctx.captured_queries)


def test_remind_once_query_count_does_not_grow_with_items(make_user, django_capture_on_commit_callbacks):
    """3 or 30 reminders cost the same number of queries (opt-outs fetched once, inserts in bulk)."""
    users = [make_user(f"u{i}", email=f"u{i}@example.com") for i in range(30)]
    _queries_for_remind_once(users[:1], DAY - datetime.timedelta(days=1))  # warm the content-type cache
    few = _queries_for_remind_once(users[:3], DAY)
    many = _queries_for_remind_once(users, DAY + datetime.timedelta(days=1))
    assert few == many
    assert few <= 8


def test_mark_read_and_mark_all_read_touch_only_the_users_notifications(alice, make_user):
    """Marking all read leaves other users' notifications unread; a read time is never moved."""
    bob = make_user("bob")
    mine = [notify(recipient=alice, kind="k", title=str(i), email=False) for i in range(2)]
    theirs = notify(recipient=bob, kind="k", title="b", email=False)
    services.notification_mark_read(notification=mine[0])
    first_read = Notification.objects.get(pk=mine[0].pk).read_at
    assert first_read is not None
    assert services.notifications_mark_all_read(user=alice) == 1
    assert Notification.objects.get(pk=mine[0].pk).read_at == first_read
    assert not Notification.objects.filter(recipient=alice, read_at__isnull=True).exists()
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_email_preferences_set_stores_opt_outs_for_unticked_kinds(alice, monkeypatch):
    """Unticked registered kinds become opt-outs; ticking one again removes its opt-out."""
    monkeypatch.setattr(kinds, "_registry", dict(kinds._registry))
    kinds.register("test.pref", "Test preference")
    services.email_preferences_set(user=alice, email_kinds=[kinds.GENERAL])
    opted_out = set(EmailOptOut.objects.filter(user=alice).values_list("kind", flat=True))
    assert "test.pref" in opted_out and kinds.GENERAL not in opted_out
    services.email_preferences_set(user=alice, email_kinds=[kinds.GENERAL, "test.pref"])
    assert not EmailOptOut.objects.filter(user=alice, kind__in=[kinds.GENERAL, "test.pref"]).exists()


def test_a_name_with_a_line_break_does_not_stop_the_reminder_batch(make_user, django_capture_on_commit_callbacks):
    """Probe: a candidate named "张三\\r\\nBcc: x" in one reminder made Django refuse the header and the whole batch
    of e-mails was lost. Now every recipient gets their mail, with a one-line subject."""
    users = [make_user(f"b{i}", email=f"b{i}@example.com") for i in range(3)]
    items = [ReminderItem(u, u, DAY, f"Interview with 张三\r\nBcc: evil@example.com ({u.username})") for u in users]
    with django_capture_on_commit_callbacks(execute=True):
        remind_once(kind="test.kind", items=items)
    assert sorted(m.to[0] for m in mail.outbox) == ["b0@example.com", "b1@example.com", "b2@example.com"]
    assert all("\n" not in m.subject and "\r" not in m.subject for m in mail.outbox)
    assert all(m.message()["Bcc"] is None for m in mail.outbox)


def test_email_preferences_refuse_an_unknown_kind(alice):
    """A kind nobody registered is refused (with its code), not silently dropped."""
    with pytest.raises(ValidationError) as excinfo:
        services.email_preferences_set(user=alice, email_kinds=[kinds.GENERAL, "no.such.kind"])
    assert "unknown_notification_kind" in error_codes(excinfo.value)
    assert not EmailOptOut.objects.filter(user=alice).exists()


def test_remind_once_refuses_an_unsaved_object(alice):
    item = ReminderItem(recipient=alice, obj=Notification(recipient=alice), due_date=DAY, title="Due")
    with pytest.raises(ValidationError) as excinfo:
        remind_once(kind=kinds.GENERAL, items=[item])
    assert "reminder_object_unsaved" in error_codes(excinfo.value)
    assert not ReminderDelivery.objects.exists()
