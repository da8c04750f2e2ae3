import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications import kinds
from notifications.models import EmailOptOut, Notification
from notifications.services import notify
from notifications.views import PAGE_SIZE

pytestmark = pytest.mark.django_db
INBOX = reverse("notifications:inbox")


@pytest.fixture
def alice(make_user):
    return make_user("alice", email="alice@example.com")


@pytest.fixture
def bob(make_user):
    return make_user("bob", email="bob@example.com")


@pytest.fixture
def client_en(login, alice):
    client = login(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def note(user, title, url="", **kw) -> Notification:
    return notify(recipient=user, kind=kinds.GENERAL, title=title, url=url, email=False, **kw)


def test_inbox_shows_only_my_notifications_unread_first(client_en, alice, bob):
    """The inbox lists the user's own notifications, unread ones first, and never another user's."""
    read = note(alice, "Old and read")
    read.read_at = read.created_at
    read.save()
    note(alice, "Fresh unread")
    note(bob, "Bob's secret")
    response = client_en.get(INBOX)
    assert response.status_code == 200
    titles = [n.title for n in response.context["notifications"]]
    assert titles == ["Fresh unread", "Old and read"]
    assert "Bob&#x27;s secret" not in response.content.decode()
    assert 'id="nav-unread-count">1<' in response.content.decode()


def test_inbox_unread_filter(client_en, alice):
    """The Unread tab shows unread notifications only."""
    note(alice, "Unread")
    read = note(alice, "Read")
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    response = client_en.get(INBOX, {"filter": "unread"})
    assert [n.title for n in response.context["notifications"]] == ["Unread"]


def _inbox(client, params=None):
    client.get(INBOX, params)  # warm the session
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(INBOX, params)
    assert response.status_code == 200
    return response, len(ctx.captured_queries)


@pytest.mark.parametrize(
    "params",
    [{}, {"filter": "unread"}, {"page": 2}, {"filter": "unread", "page": 2}],
    ids=["all", "unread", "page-2", "unread-page-2"],
)
def test_inbox_query_count_same_for_5_and_50(client_en, alice, params, django_assert_max_num_queries):
    """The inbox (with the navbar badge) costs the same queries with 5 or 50 notifications, on every tab and page."""
    counts = []
    for start, stop in ((0, 5), (5, 50)):
        for i in range(start, stop):
            note(alice, f"n{i}", url="/")
        response, queries = _inbox(client_en, params)
        # 20 a page: 5 rows (page 2 shows page 1 again) or 20; each unread with its own "Mark read" form.
        rows = min(stop, PAGE_SIZE)
        assert len(response.context["notifications"]) == rows
        body = response.content.decode()
        assert body.count('data-unread="1"') == rows
        assert f'id="nav-unread-count">{stop}<' in body
        counts.append(queries)
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(12):
        client_en.get(INBOX, params)


def test_the_unread_tab_reuses_its_count_for_the_badge(client_en, alice):
    """On the Unread tab the paginator counts what the badge counts: one unread COUNT, not two."""
    for i in range(3):
        note(alice, f"n{i}")
    response, _queries = _inbox(client_en, {"filter": "unread"})
    with CaptureQueriesContext(connection) as ctx:
        client_en.get(INBOX, {"filter": "unread"})
    unread_counts = [q for q in ctx.captured_queries if "COUNT(" in q["sql"] and "read_at" in q["sql"]]
    assert len(unread_counts) == 1
    assert 'id="nav-unread-count">3<' in response.content.decode()


def test_mark_read_own_notification(client_en, alice):
    """POSTing mark-read marks the notification read; GET is not allowed."""
    n = note(alice, "Hi")
    url = reverse("notifications:mark_read", args=[n.pk])
    assert client_en.get(url).status_code == 405
    response = client_en.post(url)
    assert response.status_code == 302 and response["Location"] == INBOX
    n.refresh_from_db()
    assert n.read_at is not None


def test_mark_read_with_htmx_returns_the_row_and_the_badge(client_en, alice):
    """An htmx click swaps the row in place and updates the navbar badge out of band."""
    n = note(alice, "Hi")
    note(alice, "Another")
    response = client_en.post(reverse("notifications:mark_read", args=[n.pk]), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="notification-{n.pk}"' in body and 'data-unread="0"' in body
    assert 'id="nav-unread-count" hx-swap-oob="outerHTML">1<' in body


def test_marking_another_users_notification_is_404(client_en, bob):
    """A user cannot mark, open or even probe someone else's notification."""
    theirs = note(bob, "Bob's")
    assert client_en.post(reverse("notifications:mark_read", args=[theirs.pk])).status_code == 404
    assert client_en.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_only_mine(client_en, alice, bob):
    """Mark all read clears my unread count and leaves other users' notifications alone."""
    note(alice, "a1")
    note(alice, "a2")
    theirs = note(bob, "b")
    response = client_en.post(reverse("notifications:mark_all_read"), {"next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == INBOX
    assert not Notification.objects.filter(recipient=alice, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_open_marks_read_and_follows_a_local_link(client_en, alice):
    """Clicking a notification marks it read and takes the user to its page."""
    n = note(alice, "Go", url="/people/me/?tab=files")
    response = client_en.get(reverse("notifications:open", args=[n.pk]))
    assert response.status_code == 302 and response["Location"] == "/people/me/?tab=files"
    n.refresh_from_db()
    assert n.read_at is not None


@pytest.mark.parametrize(
    "url", ["https://evil.example/phish", "//evil.example/phish", "javascript:alert(1)", "http:///evil.example"]
)
def test_open_refuses_an_external_link(client_en, alice, url):
    """A notification link off this site is not followed (no open redirect); the inbox is shown instead."""
    n = note(alice, "Bad", url=url)
    response = client_en.get(reverse("notifications:open", args=[n.pk]))
    assert response.status_code == 302 and response["Location"] == INBOX


def test_email_preferences_page_lists_kinds_and_saves_opt_outs(client_en, alice, django_capture_on_commit_callbacks):
    """Every registered kind has a ticked checkbox; unticking one stops its e-mails but not its inbox entries."""
    response = client_en.get(reverse("notifications:preferences"))
    assert response.status_code == 200
    codes = [code for code, _label in response.context["form"].fields["email_kinds"].choices]
    assert kinds.GENERAL in codes
    assert f'value="{kinds.GENERAL}"' in response.content.decode()
    assert set(response.context["form"].initial["email_kinds"]) == set(codes)

    response = client_en.post(reverse("notifications:preferences"), {"email_kinds": []})
    assert response.status_code == 302
    assert EmailOptOut.objects.filter(user=alice, kind=kinds.GENERAL).exists()
    page = client_en.get(reverse("notifications:preferences"))
    assert kinds.GENERAL not in page.context["form"].initial["email_kinds"]

    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=alice, kind=kinds.GENERAL, title="Quiet")
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=alice, title="Quiet").exists()


def test_email_preferences_rejects_unknown_kind(client_en, alice):
    """A forged kind code is a form error, nothing saved."""
    response = client_en.post(reverse("notifications:preferences"), {"email_kinds": ["no.such.kind"]})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not EmailOptOut.objects.filter(user=alice).exists()


def test_pages_need_login(client):
    """Anonymous visitors are sent to the login page."""
    assert client.get(INBOX).status_code == 302
