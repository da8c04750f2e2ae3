import datetime

import pytest
from django.utils import timezone

from notifications.models import Notification
from notifications.reminders import registered_sweeps
from recruitment import kinds, services
from recruitment.models import Stage
from recruitment.reminders import interviews_tomorrow

pytestmark = pytest.mark.django_db


def _interview_at(company, requisition, candidate, when, interviewers):
    application = services.application_create(by=company.hr, candidate=candidate, requisition=requisition)
    services.application_advance(application=application, by=company.hr)
    return services.interview_schedule(
        application=application,
        by=company.hr,
        round=Stage.FIRST_INTERVIEW,
        scheduled_at=when,
        interviewers=interviewers,
        place="会议室",
    )


def test_sweeps_are_registered():
    sweeps = registered_sweeps()
    assert kinds.INTERVIEW_TOMORROW in sweeps


def test_interviewers_are_reminded_the_day_before_once(company, approved_requisition, make_candidate):
    """Tomorrow's interview reminds each interviewer once; running the sweep again sends nothing new."""
    today = timezone.localdate()
    tomorrow = timezone.make_aware(datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(10)))
    later = tomorrow + datetime.timedelta(days=5)
    _interview_at(company, approved_requisition, make_candidate(), tomorrow, [company.hr, company.prod_head])
    _interview_at(company, approved_requisition, make_candidate(), later, [company.hr])
    assert interviews_tomorrow(today) == 2
    assert interviews_tomorrow(today) == 0
    reminded = Notification.objects.filter(kind=kinds.INTERVIEW_TOMORROW)
    assert sorted(reminded.values_list("recipient__username", flat=True)) == ["hr", "prod_head"]


def test_reminder_sweep_uses_a_constant_number_of_queries(
    company, approved_requisition, make_candidate, django_assert_max_num_queries
):
    today = timezone.localdate()
    tomorrow = timezone.make_aware(datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(9)))
    for _ in range(6):
        _interview_at(company, approved_requisition, make_candidate(), tomorrow, [company.hr, company.prod_head])
    with django_assert_max_num_queries(12):
        assert interviews_tomorrow(today) == 12


def test_cancelled_interviews_are_not_reminded(company, approved_requisition, make_candidate):
    today = timezone.localdate()
    tomorrow = timezone.make_aware(datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(9)))
    interview = _interview_at(company, approved_requisition, make_candidate(), tomorrow, [company.hr])
    services.interview_cancel(interview=interview, by=company.hr, reason="候选人改期")
    assert interviews_tomorrow(today) == 0
