"""Daily sweeps of oversight (notifications' one reminder mechanism), each idempotent through `remind_once`:

- handouts not collected back after a meeting: the organiser and the officers cleared for the meeting's level,
  once per meeting (keyed by the meeting's day); the text names the meeting's number, never its subject;
- the inspection before a long holiday (制度6 第十六条): NOTICE_DAYS before the holiday the officers, and the
  inspectors of a planned one, are reminded — once per holiday;
- corrective actions past their due date: the owner and the officers, once per action;
- removable media not returned on time: the holder and the custodian, once per issue.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.reminders import reminder
from notifications.services import ReminderItem, remind_once

from . import kinds
from .holidays import NOTICE_DAYS, WINDOW_DAYS, long_holidays
from .models import CorrectiveAction, Holiday, Inspection, MediumLoan, Meeting
from .selectors import officers


@reminder(kinds.HANDOUTS_UNCOLLECTED)
def handouts_uncollected(today: datetime.date) -> int:
    now = timezone.now()
    meetings = list(
        Meeting.objects.filter(handouts__collected_at__isnull=True, starts_at__lt=now)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("organiser")
        .distinct()
        .order_by("pk")
    )
    if not meetings:
        return 0
    staff = officers()
    items = []
    for meeting in meetings:
        day = timezone.localtime(meeting.starts_at).date()
        people = {meeting.organiser.pk: meeting.organiser}
        people.update({u.pk: u for u in staff if u.clearance >= meeting.level})
        for user in people.values():
            if user.clearance < meeting.level or not user.is_active:
                continue
            items.append(
                ReminderItem(
                    recipient=user,
                    obj=meeting,
                    due_date=day,
                    title=_("Handouts of classified meeting %(number)s are not all back") % {"number": meeting.number},
                    body=_("Collect every numbered handout and check it in."),
                    url=meeting.get_absolute_url(),
                )
            )
    return remind_once(kind=kinds.HANDOUTS_UNCOLLECTED, items=items)


@reminder(kinds.INSPECTION_DUE)
def inspection_due(today: datetime.date) -> int:
    due = [(code, day) for code, day in long_holidays() if day - datetime.timedelta(days=NOTICE_DAYS) <= today < day]
    if not due:
        return 0
    staff = officers()
    items = []
    labels = dict(Holiday.choices)
    for code, day in due:
        window = Inspection.objects.filter(
            kind=Inspection.Kind.HOLIDAY,
            holiday=code,
            planned_on__gte=day - datetime.timedelta(days=WINDOW_DAYS),
            planned_on__lte=day,
        )
        if window.exclude(status=Inspection.Status.PLANNED).exists():
            continue
        planned = window.order_by("planned_on").prefetch_related("inspectors").first()
        holiday = labels.get(code, code)
        title = _("Confidentiality inspection before %(holiday)s (%(day)s)") % {
            "holiday": holiday,
            "day": f"{day:%Y-%m-%d}",
        }
        if planned is not None:
            people = {u.pk: u for u in [*staff, *planned.inspectors.all()]}
            body = _("Planned for %(day)s.") % {"day": f"{planned.planned_on:%Y-%m-%d}"}
            for user in people.values():
                items.append(
                    ReminderItem(
                        recipient=user,
                        obj=planned,
                        due_date=day,
                        title=title,
                        body=body,
                        url=planned.get_absolute_url(),
                    )
                )
        else:
            # No inspection to hang the reminder on yet: keyed on the officer (one per holiday and officer).
            for user in staff:
                items.append(
                    ReminderItem(
                        recipient=user,
                        obj=user,
                        due_date=day,
                        title=title,
                        body=_("No inspection is planned yet: plan it now."),
                        url=reverse("confidentiality_oversight:inspection_create"),
                    )
                )
    return remind_once(kind=kinds.INSPECTION_DUE, items=items)


@reminder(kinds.ACTION_OVERDUE)
def actions_overdue(today: datetime.date) -> int:
    actions = list(
        CorrectiveAction.objects.filter(closed_on__isnull=True, due_on__lt=today)
        .select_related("owner", "inspection")
        .order_by("pk")
    )
    if not actions:
        return 0
    staff = officers()
    items = []
    for action in actions:
        people = {action.owner.pk: action.owner, **{u.pk: u for u in staff}}
        for user in people.values():
            items.append(
                ReminderItem(
                    recipient=user,
                    obj=action,
                    due_date=action.due_on,
                    title=_("Corrective action overdue since %(day)s") % {"day": f"{action.due_on:%Y-%m-%d}"},
                    body=action.action,
                    url=action.inspection.get_absolute_url(),
                )
            )
    return remind_once(kind=kinds.ACTION_OVERDUE, items=items)


@reminder(kinds.MEDIUM_OVERDUE)
def media_overdue(today: datetime.date) -> int:
    loans = list(
        MediumLoan.objects.filter(returned_at__isnull=True, due_back__lt=today)
        .select_related("medium__custodian", "holder")
        .order_by("pk")
    )
    items = []
    for loan in loans:
        for user in {loan.holder.pk: loan.holder, loan.medium.custodian.pk: loan.medium.custodian}.values():
            items.append(
                ReminderItem(
                    recipient=user,
                    obj=loan,
                    due_date=loan.due_back,
                    title=_("Storage medium %(serial)s was due back on %(day)s")
                    % {"serial": loan.medium.serial, "day": f"{loan.due_back:%Y-%m-%d}"},
                    url=loan.medium.get_absolute_url(),
                )
            )
    return remind_once(kind=kinds.MEDIUM_OVERDUE, items=items)
