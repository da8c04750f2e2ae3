import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone, translation

from notifications.models import Notification
from notifications.reminders import registered_sweeps, run_all
from retention import kinds
from retention.reminders import records_due

from .helpers import age_candidate, rejected_long_ago

pytestmark = pytest.mark.django_db


def test_the_daily_sweep_lists_candidates_for_hr_and_anonymises_nobody(company, approved_requisition, make_candidate):
    """Past the retention period a candidate is listed and the HR managers are told; the data stays until HR
    confirms on the review page."""
    candidate = rejected_long_ago(company, approved_requisition, make_candidate())
    assert kinds.RECORDS_DUE in registered_sweeps()
    run_all(timezone.localdate())
    candidate.refresh_from_db()
    assert not candidate.is_anonymised and candidate.phone
    notice = Notification.objects.get(kind=kinds.RECORDS_DUE, recipient=company.hr_manager)
    assert notice.url == reverse("retention:review", args=["candidates"])
    assert "1" in notice.title and "未录用候选人" in notice.title
    assert not Notification.objects.filter(kind=kinds.RECORDS_DUE, recipient=company.hr).exists()


def test_hr_is_told_once_a_week_not_every_day(company, make_candidate):
    age_candidate(make_candidate(), 400)
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    assert records_due(monday) == 1
    assert records_due(monday + datetime.timedelta(days=1)) == 0
    assert records_due(monday + datetime.timedelta(days=7)) == 1


def test_access_logs_past_their_period_are_announced_to_review_not_to_confirm(company):
    """The audit trail is append-only: nothing for HR to confirm, but HR is told the old entries are there to review
    (list only, nothing is deleted), in the same weekly reminder."""
    # created already old: the append-only trail refuses to age an entry with an UPDATE
    LogEntry.objects.log_create(
        company.hr,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        changes={},
        timestamp=timezone.now() - datetime.timedelta(days=4 * 365),
    )
    with translation.override("en"):
        assert records_due(timezone.localdate()) == 1
    notice = Notification.objects.get(kind=kinds.RECORDS_DUE, recipient=company.hr_manager)
    assert "to review (list only, nothing is deleted)" in notice.title
    assert "wait for your confirmation" not in notice.title
    assert notice.url == reverse("retention:review", args=["access_logs"])
    assert records_due(timezone.localdate()) == 0  # once a week
