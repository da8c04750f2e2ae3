"""Daily sweeps of the KPI review (notifications' one reminder mechanism): 3 days before each deadline and
the day after it when overdue — the self-assessment to the employee, the scoring to the head of the sheet's
department. Constant queries per sweep; `remind_once`, keyed by the milestone date, never sends twice.
"""

import datetime

from django.utils.translation import gettext as _

from employees.selectors import HeadFinder
from notifications.reminders import reminder
from notifications.services import ReminderItem, remind_once

from . import kinds
from .models import Cycle, Sheet, SheetStatus

NOTICE_DAYS = 3
# A milestone missed for longer than this (the system installed late) is not reminded any more.
CATCH_UP_DAYS = 14


def milestone(today: datetime.date, deadline: datetime.date | None) -> datetime.date | None:
    """The latest milestone reached today: 3 days before the deadline, or the day after it (overdue)."""
    if deadline is None:
        return None
    points = [deadline - datetime.timedelta(days=NOTICE_DAYS), deadline + datetime.timedelta(days=1)]
    reached = [p for p in points if p <= today and (today - p).days <= CATCH_UP_DAYS]
    return max(reached) if reached else None


def _overdue(due: datetime.date, deadline: datetime.date) -> bool:
    return due > deadline


@reminder(kinds.SELF_DUE)
def self_assessment_due(today: datetime.date) -> int:
    sheets = Sheet.objects.filter(
        cycle__status=Cycle.Status.OPEN,
        status__in=[SheetStatus.GOALS, SheetStatus.SELF],
        cycle__self_assessment=True,
        cycle__self_deadline__gte=today - datetime.timedelta(days=CATCH_UP_DAYS + 1),
        cycle__self_deadline__lte=today + datetime.timedelta(days=NOTICE_DAYS),
        employee__user__isnull=False,
        employee__user__is_active=True,
    ).select_related("cycle", "employee__user")
    items = []
    for sheet in sheets:
        deadline = sheet.cycle.self_deadline
        due = milestone(today, deadline)
        if due is None:
            continue
        if _overdue(due, deadline):
            title = _("Your KPI self-assessment for %(cycle)s is overdue (due %(day)s)")
        else:
            title = _("Your KPI self-assessment for %(cycle)s is due on %(day)s")
        items.append(
            ReminderItem(
                recipient=sheet.employee.user,
                obj=sheet,
                due_date=due,
                title=title % {"cycle": sheet.cycle.name, "day": f"{deadline:%Y-%m-%d}"},
                url=sheet.get_absolute_url(),
            )
        )
    return remind_once(kind=kinds.SELF_DUE, items=items)


@reminder(kinds.SCORING_DUE)
def scoring_due(today: datetime.date) -> int:
    sheets = list(
        Sheet.objects.filter(
            cycle__status=Cycle.Status.OPEN,
            status__in=[SheetStatus.GOALS, SheetStatus.SCORING],
            cycle__scoring_deadline__gte=today - datetime.timedelta(days=CATCH_UP_DAYS + 1),
            cycle__scoring_deadline__lte=today + datetime.timedelta(days=NOTICE_DAYS),
        ).select_related("cycle", "employee")
    )
    if not sheets:
        return 0
    heads = HeadFinder()
    items = []
    for sheet in sheets:
        deadline = sheet.cycle.scoring_deadline
        due = milestone(today, deadline)
        head = heads.head_user(sheet.department_id)
        if due is None or head is None or head.pk == sheet.employee.user_id:
            continue
        if _overdue(due, deadline):
            title = _("KPI scoring of %(name)s (%(cycle)s) is overdue (due %(day)s)")
        else:
            title = _("KPI scoring of %(name)s (%(cycle)s) is due on %(day)s")
        items.append(
            ReminderItem(
                recipient=head,
                obj=sheet,
                due_date=due,
                title=title % {"name": sheet.employee.name, "cycle": sheet.cycle.name, "day": f"{deadline:%Y-%m-%d}"},
                url=sheet.get_absolute_url(),
            )
        )
    return remind_once(kind=kinds.SCORING_DUE, items=items)
