"""Daily sweeps of offboarding (notifications' one reminder mechanism, daily at 08:00), each idempotent
(`remind_once` keyed by the milestone; `services.separate` leaves a separated case as it is):

- last day: confirmed cases whose last working day has come are separated (status, login, certificate,
  `employee_separated`); HR is told;
- handover incomplete: 5 days before the last day, HR and the head hear of open mandatory items;
- file transfer: the personnel file and social insurance within 15 days (art. 50): HR on the 10th day and on
  the due day;
- non-compete ending: HR 30 days before an enforced non-compete ends.
"""

import datetime

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from employees.selectors import HeadFinder, hr_users
from notifications.reminders import reminder
from notifications.services import ReminderItem, remind_once

from . import kinds
from .models import CaseStatus, HandoverItem, SeparationCase
from .services import separations_due

HANDOVER_NOTICE_DAYS = 5
NONCOMPETE_NOTICE_DAYS = 30


@reminder(kinds.SEPARATED)
def last_day_passed(today: datetime.date) -> int:
    separated = separations_due(today)
    if not separated:
        return 0
    hr = hr_users()
    items = [
        ReminderItem(
            recipient=user,
            obj=case,
            due_date=case.day,
            title=_("%(name)s has left (last day %(day)s): certificate issued, file transfer due by %(due)s")
            % {"name": case.employee.name, "day": f"{case.day:%Y-%m-%d}", "due": f"{case.file_transfer_due:%Y-%m-%d}"},
            url=case.get_absolute_url(),
        )
        for case in SeparationCase.objects.filter(pk__in=[c.pk for c in separated]).select_related("employee")
        for user in hr
    ]
    return remind_once(kind=kinds.SEPARATED, items=items)


@reminder(kinds.HANDOVER_INCOMPLETE)
def handover_incomplete(today: datetime.date) -> int:
    open_items = HandoverItem.objects.filter(case=OuterRef("pk"), mandatory=True, done_at__isnull=True)
    cases = list(
        SeparationCase.objects.filter(
            status=CaseStatus.CONFIRMED,
            last_day__gte=today,
            last_day__lte=today + datetime.timedelta(days=HANDOVER_NOTICE_DAYS),
        )
        .filter(Exists(open_items))
        .select_related("employee")
    )
    if not cases:
        return 0
    heads, hr = HeadFinder(), hr_users()
    items = []
    for case in cases:
        people = list(hr)
        head = heads.head_user(case.employee.department_id)
        if head is not None and all(u.pk != head.pk for u in people):
            people.append(head)
        for user in people:
            items.append(
                ReminderItem(
                    recipient=user,
                    obj=case,
                    due_date=case.last_day - datetime.timedelta(days=HANDOVER_NOTICE_DAYS),
                    title=_("Handover of %(name)s not complete; last day %(day)s")
                    % {"name": case.employee.name, "day": f"{case.last_day:%Y-%m-%d}"},
                    url=case.get_absolute_url(),
                )
            )
    return remind_once(kind=kinds.HANDOVER_INCOMPLETE, items=items)


@reminder(kinds.FILE_TRANSFER_DUE)
def file_transfer_due(today: datetime.date) -> int:
    cases = list(
        SeparationCase.objects.filter(
            file_transferred_on__isnull=True,
            file_transfer_due__isnull=False,
            file_transfer_due__lte=today + datetime.timedelta(days=5),
            file_transfer_due__gte=today - datetime.timedelta(days=14),
        ).select_related("employee")
    )
    if not cases:
        return 0
    hr = hr_users()
    items = []
    for case in cases:
        due = (
            case.file_transfer_due
            if today >= case.file_transfer_due
            else case.file_transfer_due - datetime.timedelta(days=5)
        )
        for user in hr:
            items.append(
                ReminderItem(
                    recipient=user,
                    obj=case,
                    due_date=due,
                    title=_("Transfer the personnel file and social insurance of %(name)s by %(day)s (art. 50)")
                    % {"name": case.employee.name, "day": f"{case.file_transfer_due:%Y-%m-%d}"},
                    url=case.get_absolute_url(),
                )
            )
    return remind_once(kind=kinds.FILE_TRANSFER_DUE, items=items)


@reminder(kinds.NONCOMPETE_ENDING)
def noncompete_ending(today: datetime.date) -> int:
    cases = list(
        SeparationCase.objects.filter(
            noncompete_decision="enforce",
            noncompete_end__gte=today,
            noncompete_end__lte=today + datetime.timedelta(days=NONCOMPETE_NOTICE_DAYS),
        ).select_related("employee")
    )
    hr = hr_users()
    items = [
        ReminderItem(
            recipient=user,
            obj=case,
            due_date=case.noncompete_end - datetime.timedelta(days=NONCOMPETE_NOTICE_DAYS),
            title=_("The non-compete of %(name)s ends on %(day)s: stop the monthly compensation")
            % {"name": case.employee.name, "day": f"{case.noncompete_end:%Y-%m-%d}"},
            url=case.get_absolute_url(),
        )
        for case in cases
        for user in hr
    ]
    return remind_once(kind=kinds.NONCOMPETE_ENDING, items=items) if items else 0
