"""An uncleared user (and a cleared one without need-to-know) finds no classified title, number or count in any
list, search, picker, count, export, admin page, file URL or notification."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from confidentiality import services
from confidentiality.tests.conftest import pdf_upload
from core.security import SecrecyLevel
from notifications.models import Notification

pytestmark = pytest.mark.django_db

TITLE = "绝密投标报价方案"
NUMBER = "JM-2026-777"


@pytest.fixture
def secret_world(company, make_document):
    """A top-secret and a secret document with files, copies out, a grant and an access request in flight."""
    top = make_document(level=SecrecyLevel.TOP_SECRET, number=NUMBER, title=TITLE)
    secret = make_document(number="MJ-LEAK-1", title="秘密工资方案")
    services.document_attach_file(document=secret, upload=pdf_upload(1), by=company.keeper)
    services.copy_issue(copy=top.copies.first(), recipient=company.top, by=company.keeper)
    services.copy_issue(copy=secret.copies.first(), recipient=company.reader, by=company.keeper)
    services.access_request_submit(
        number=secret.number, by=company.cleared, reason="核对", until=timezone.localdate() + datetime.timedelta(5)
    )
    return top, secret


def _no_secret_in(text: str, *documents) -> None:
    for document in documents:
        assert document.title not in text
        assert document.number not in text


@pytest.mark.parametrize("who", ["uncleared", "cleared", "officer"])
def test_pages_search_and_picker_show_nothing_beyond_reach(company, login, secret_world, who):
    top, secret = secret_world
    user = getattr(company, who)
    hidden = [top] if who == "officer" else [top, secret]
    # The cleared user asked for the secret document by its number (they were told it): their own request shows
    # the number they typed, never the title.
    if who == "cleared":
        secret.number = "(typed by the user)"
    client = login(user)
    pages = [
        client.get(reverse("confidentiality:document_list")),
        client.get(reverse("confidentiality:document_list"), {"q": TITLE}),
        client.get(reverse("confidentiality:document_list"), {"q": "方案"}),
        client.get(reverse("confidentiality:document_list"), {"q": NUMBER}),
        client.get(reverse("confidentiality:my_copies")),
        client.get(reverse("confidentiality:access_request_list")),
        client.get(reverse("home")),
    ]
    for response in pages:
        assert response.status_code == 200
        # The search box echoes what was typed: that is the user's own text, not the register's.
        body = response.content.decode().replace(f'value="{TITLE}"', "").replace(f'value="{NUMBER}"', "")
        body = body.replace(f"q={NUMBER}", "")
        _no_secret_in(body, *hidden)
    for query in ("方案", NUMBER, "JM", "MJ"):
        results = client.get(reverse("confidentiality:pick_documents"), {"q": query}).json()["results"]
        _no_secret_in(" ".join(row["text"] for row in results), *hidden)


def test_counts_and_totals_do_not_count_unreachable_documents(company, login, secret_world):
    client = login(company.cleared)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("confidentiality:document_list")).content.decode()
    assert "0 documents" in body


@pytest.mark.parametrize(
    "name",
    [
        "document_detail",
        "document_file",
        "document_edit",
        "distribution_register_pdf",
        "reproduction_create",
        "disclosure_create",
        "document_upload",
        "document_extend",
    ],
)
def test_urls_of_an_unreachable_document_answer_404(company, login, secret_world, name):
    top, secret = secret_world
    client = login(company.uncleared)
    for document in (top, secret):
        url = reverse(f"confidentiality:{name}", args=[document.pk])
        response = client.post(url) if name in ("document_upload", "document_extend") else client.get(url)
        assert response.status_code == 404


def test_a_missing_document_and_an_unreachable_one_answer_the_same(company, login, secret_world):
    top, _ = secret_world
    client = login(company.cleared)
    assert client.get(reverse("confidentiality:document_detail", args=[top.pk])).status_code == 404
    assert client.get(reverse("confidentiality:document_detail", args=[99999])).status_code == 404


def test_exports_and_log_are_refused_to_non_keepers(company, login, secret_world):
    client = login(company.uncleared)
    assert client.get(reverse("confidentiality:access_log_export")).status_code == 403
    assert client.get(reverse("confidentiality:access_log")).status_code == 403
    assert client.get(reverse("confidentiality:issue_list")).status_code == 403


def test_admin_changelist_and_change_url_hide_documents_above_clearance(company, client, make_user, secret_world):
    top, secret = secret_world
    admin = make_user("root", clearance=SecrecyLevel.SECRET, is_staff=True, is_superuser=True)
    client.force_login(admin)
    changelist = client.get(reverse("admin:confidentiality_document_changelist"), {"q": "方案"}).content.decode()
    _no_secret_in(changelist, top)
    assert secret.number in changelist  # what the rule lets in is there
    missing = client.get(reverse("admin:confidentiality_document_change", args=[99999]), follow=True)
    hidden = client.get(reverse("admin:confidentiality_document_change", args=[top.pk]), follow=True)
    assert hidden.redirect_chain[-1][0] == missing.redirect_chain[-1][0]
    _no_secret_in(hidden.content.decode(), top)
    for model in ("copy", "issue", "grant", "accessrequest", "confidentialityevent"):
        page = client.get(reverse(f"admin:confidentiality_{model}_changelist")).content.decode()
        _no_secret_in(page, top)


def test_admin_shows_a_document_only_as_a_neutral_name_to_the_audit_trail(company, secret_world):
    from auditlog.models import LogEntry

    top, _ = secret_world
    for entry in LogEntry.objects.all():
        assert TITLE not in (entry.object_repr or "")


def test_no_notification_carries_a_title_its_recipient_cannot_read(company, secret_world):
    from confidentiality.selectors import documents_visible_to

    top, secret = secret_world
    for notification in Notification.objects.select_related("recipient"):
        reachable = set(documents_visible_to(notification.recipient).values_list("pk", flat=True))
        for document in (top, secret):
            if document.pk not in reachable:
                assert document.title not in notification.title + notification.body, notification.recipient
                assert document.number not in notification.title + notification.body, notification.recipient
