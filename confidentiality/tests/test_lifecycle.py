"""Moves, departures, clearance changes, reminders."""

import datetime

import pytest
from django.utils import timezone

from confidentiality import reminders, services
from confidentiality.models import ConfidentialityEvent, EventKind, Grant
from core.security import SecrecyLevel
from employees import signals
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def _grant(company, document, user, days=10):
    return services.grant_create(
        document=document, user=user, until=timezone.localdate() + datetime.timedelta(days=days), by=company.keeper
    )


def test_a_move_lists_copies_for_return_and_ends_grants_outside_the_new_department(company, make_document):
    prod_doc = make_document()
    fin_doc = make_document(number="CW-1", title="财务报表", department=company.finance)
    services.copy_issue(copy=prod_doc.copies.first(), recipient=company.reader, by=company.keeper)
    _grant(company, prod_doc, company.reader)
    kept = _grant(company, fin_doc, company.reader)
    employee = company.reader.employee
    employee.department = company.finance

    signals.job_change_applied.send(sender=None, change=None, employee=employee, by=company.keeper)

    assert ConfidentialityEvent.objects.filter(kind=EventKind.RETURN_LISTED, person=company.reader).count() == 1
    assert Notification.objects.filter(recipient=company.keeper, kind="confidentiality.copies_to_return").exists()
    note = Notification.objects.get(recipient=company.reader, kind="confidentiality.copies_to_return")
    assert prod_doc.number in note.body
    grants = {g.document_id: g.ended_at for g in Grant.objects.filter(user=company.reader)}
    assert grants[prod_doc.pk] is not None and grants[fin_doc.pk] is None
    kept.refresh_from_db()


def test_separation_ends_every_grant(company, make_document):
    document = make_document()
    _grant(company, document, company.reader)

    signals.employee_separated.send(sender=None, employee=company.reader.employee, by=None, date=timezone.localdate())

    assert Grant.objects.get().ended_at is not None


def test_a_lower_clearance_ends_grants_above_it(company, make_document):
    secret = make_document()
    confidential = make_document(number="JM-2", level=SecrecyLevel.CONFIDENTIAL)
    _grant(company, secret, company.cleared)
    _grant(company, confidential, company.cleared)

    signals.clearance_changed.send(
        sender=None, user=company.cleared, old=SecrecyLevel.CONFIDENTIAL, new=SecrecyLevel.SECRET, by=None
    )

    ended = {g.document_id: g.ended_at is not None for g in Grant.objects.all()}
    assert ended == {secret.pk: False, confidential.pk: True}


def test_return_reminders_three_days_before_and_when_overdue(company, make_document):
    document = make_document()
    today = timezone.localdate()
    issue = services.copy_issue(
        copy=document.copies.first(),
        recipient=company.reader,
        by=company.keeper,
        return_due=today + datetime.timedelta(days=3),
    )

    assert reminders.copies_due(today) == 1
    assert reminders.copies_due(today) == 0  # once
    overdue_day = issue.return_due + datetime.timedelta(days=1)
    assert reminders.copies_overdue(overdue_day) >= 2  # the holder and the keepers
    note = Notification.objects.get(recipient=company.reader, kind="confidentiality.copy_overdue")
    assert document.number in note.title


def test_declassification_reminder_names_the_document_only_to_who_can_read_it(company, make_document):
    today = timezone.localdate()
    document = make_document(declassify_on=today + datetime.timedelta(days=30), level=SecrecyLevel.CONFIDENTIAL)
    # The production manager (owner) is cleared for confidential but not a keeper nor on the list.

    reminders.declassify_soon(today)

    owner_note = Notification.objects.get(recipient=company.prod_manager, kind="confidentiality.declassify_soon")
    keeper_note = Notification.objects.get(recipient=company.keeper, kind="confidentiality.declassify_soon")
    assert document.title not in owner_note.title and document.number not in owner_note.title
    assert document.title in keeper_note.title


def test_daily_sweep_expires_grants_declassifies_and_lists_for_destruction_in_march(company, make_document):
    today = timezone.localdate()
    document = make_document(declassify_on=today + datetime.timedelta(days=2))
    _grant(company, document, company.reader, days=1)
    march = datetime.date(today.year + 1, 3, 5)

    changed = reminders.daily_state_changes(march)

    assert changed == 3
    assert ConfidentialityEvent.objects.filter(kind=EventKind.EXPIRED).count() == 1
    assert reminders.destruction_due(march) == 2  # the records keeper and the confidentiality officer
