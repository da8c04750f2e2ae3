"""The audit trail cannot be rewritten: the database refuses UPDATE and DELETE of its rows (PostgreSQL), and the
admin site offers no add, change or delete of log entries."""

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.urls import resolve, reverse

from audit.services import Access, access_log
from employees.models import Employee


def _entry(by):
    return access_log(by=by, access=Access.EXPORT, model=Employee, count=1, detail="number, id_number")


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_database_refuses_to_change_or_delete_a_log_entry(make_user):
    entry = _entry(make_user("hr", email="hr@example.com"))
    with pytest.raises(DatabaseError), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).update(object_repr="nothing to see")
    with pytest.raises(DatabaseError), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).delete()
    # Not even in plain SQL as the application's database user.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM auditlog_logentry")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE auditlog_logentry SET actor_id = NULL, actor_email = NULL")
    entry.refresh_from_db()
    assert entry.actor_email == "hr@example.com"
    assert entry.changes_dict == {Access.EXPORT: [None, "number, id_number"]}


@pytest.mark.postgres
@pytest.mark.django_db
def test_deleting_an_account_keeps_who_did_what_in_the_trail(make_user):
    """The one change let through: a deleted account's entries lose the link to it, never its e-mail."""
    user = make_user("leaver", email="leaver@example.com")
    entry = _entry(user)
    user.delete()
    entry.refresh_from_db()
    assert entry.actor_id is None and entry.actor_email == "leaver@example.com"

    anonymous = make_user("nomail", email="")
    entry = _entry(anonymous)
    with pytest.raises(DatabaseError), transaction.atomic():
        anonymous.delete()
    entry.refresh_from_db()
    assert entry.actor_id == anonymous.pk


def _admin_request(user, url):
    request = RequestFactory().get(url)
    request.user = user
    request.resolver_match = resolve(url)
    return request


@pytest.mark.django_db
def test_the_admin_offers_no_change_or_delete_of_log_entries(make_user, login):
    superuser = make_user("root", is_superuser=True, is_staff=True)
    entry = _entry(superuser)
    model_admin = admin.site._registry[LogEntry]
    # Neither on its own pages nor as a cascade from another admin page (django-auditlog allows the latter).
    for url in (
        reverse("admin:auditlog_logentry_changelist"),
        reverse("admin:auth_group_delete", args=[1]),
    ):
        request = _admin_request(superuser, url)
        assert not model_admin.has_delete_permission(request, entry)
        assert not model_admin.has_change_permission(request, entry)
        assert not model_admin.has_add_permission(request)

    client = login(superuser)
    assert client.get(reverse("admin:auditlog_logentry_delete", args=[entry.pk])).status_code == 403
    assert client.post(reverse("admin:auditlog_logentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    changelist = client.get(reverse("admin:auditlog_logentry_changelist"))
    assert changelist.status_code == 200 and "delete_selected" not in changelist.content.decode()
    assert LogEntry.objects.filter(pk=entry.pk).exists()
