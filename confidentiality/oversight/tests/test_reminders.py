"""The daily sweeps send each reminder once, however often they run."""

import datetime

import pytest
from django.utils import timezone

from confidentiality.oversight import reminders, services
from core.security import SecrecyLevel
from notifications.models import Notification

from .conftest import held_meeting_with_handouts

pytestmark = pytest.mark.django_db


def _kind(kind):
    return Notification.objects.filter(kind=kind)


def test_uncollected_handouts_are_reminded_once(people, meeting):
    held_meeting_with_handouts(people, meeting)
    today = timezone.localdate()
    first = reminders.handouts_uncollected(today)
    assert first == 3  # organiser, officer, records keeper
    assert reminders.handouts_uncollected(today) == 0
    assert reminders.handouts_uncollected(today + datetime.timedelta(days=1)) == 0
    assert _kind("oversight.handouts_uncollected").count() == 3


def test_nothing_to_remind_once_every_handout_is_back(people, meeting):
    for handout in held_meeting_with_handouts(people, meeting):
        services.handout_collect(handout=handout, by=people.keeper)
    assert reminders.handouts_uncollected(timezone.localdate()) == 0


def test_the_inspection_before_a_holiday_is_reminded_once_to_the_officers(people, settings):
    holiday = timezone.localdate() + datetime.timedelta(days=10)
    settings.HRMS_LONG_HOLIDAYS = [("national_day", holiday)]
    today = timezone.localdate()
    assert reminders.inspection_due(today) == 2  # officer and records keeper: none planned
    assert reminders.inspection_due(today) == 0
    planned = services.inspection_plan(
        by=people.officer,
        kind="holiday",
        holiday="national_day",
        planned_on=holiday - datetime.timedelta(days=3),
        departments=[people.department],
        inspectors=[people.manager],
    )
    # Now keyed on the planned inspection: its inspectors are told too, once.
    assert reminders.inspection_due(today) == 3
    assert reminders.inspection_due(today) == 0
    services.inspection_record(inspection=planned, by=people.officer, done_on=today, findings="")
    assert reminders.inspection_due(today) == 0
    # Long before the holiday, nothing.
    settings.HRMS_LONG_HOLIDAYS = [("spring_festival", today + datetime.timedelta(days=60))]
    assert reminders.inspection_due(today) == 0


def test_overdue_actions_and_media_are_reminded_once(people):
    today = timezone.localdate()
    inspection = services.inspection_plan(
        by=people.officer, kind="spot", holiday="", planned_on=today, departments=[people.department], inspectors=[]
    )
    services.inspection_record(inspection=inspection, by=people.officer, done_on=today, findings="f")
    services.action_add(
        inspection=inspection,
        by=people.officer,
        department=None,
        finding="f",
        action="整改",
        owner=people.manager,
        due_on=today - datetime.timedelta(days=1),
    )
    assert reminders.actions_overdue(today) == 3  # owner, officer, keeper
    assert reminders.actions_overdue(today) == 0
    medium = services.medium_register(
        by=people.keeper,
        serial="U-1",
        kind="usb",
        description="",
        level=SecrecyLevel.SECRET,
        department=people.department,
        custodian=people.keeper,
    )
    loan = services.medium_issue(medium=medium, by=people.keeper, holder=people.cleared, purpose="p", due_back=today)
    assert reminders.media_overdue(today) == 0
    loan.due_back = today - datetime.timedelta(days=2)
    loan.save()
    assert reminders.media_overdue(today) == 2
    assert reminders.media_overdue(today) == 0
