"""Daily sweeps of training (run by notifications' one reminder mechanism):

- session soon: each invited participant 3 days and 1 day before the session;
- plan items overdue: items of a published plan whose month has passed without a held session, to HR (once per
  item and month end);
- application at work: 3 months after a held session, the head of each attendee's department evaluates how it is
  applied (spec 05, default 3 months).

Each sweep reads its rows in a constant number of queries and sends through `remind_once`, keyed by the due
date: a rerun or a missed day never sends twice.
"""

import calendar
import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from employees.selectors import HeadFinder, hr_users
from notifications.reminders import reminder
from notifications.services import ReminderItem, remind_once

from . import kinds
from .models import Participant, PlanItem, PlanStatus, SessionStatus

SESSION_NOTICE_DAYS = (3, 1)
APPLICATION_AFTER_DAYS = getattr(settings, "HRMS_TRAINING_APPLICATION_DAYS", 91)
CATCH_UP_DAYS = 14


@reminder(kinds.SESSION_SOON)
def session_soon(today: datetime.date) -> int:
    days = {today + datetime.timedelta(days=d): d for d in SESSION_NOTICE_DAYS}
    participants = Participant.objects.filter(
        session__status=SessionStatus.SCHEDULED,
        session__starts_at__date__in=list(days),
        employee__user__isnull=False,
        employee__user__is_active=True,
    ).select_related("session", "employee__user")
    items = []
    for p in participants:
        start = timezone.localtime(p.session.starts_at)
        if start.date() not in days:
            continue
        items.append(
            ReminderItem(
                recipient=p.employee.user,
                obj=p.session,
                due_date=today,
                title=_("Training %(course)s on %(when)s at %(place)s")
                % {"course": p.session.course, "when": f"{start:%Y-%m-%d %H:%M}", "place": p.session.place},
                url=p.session.get_absolute_url(),
            )
        )
    return remind_once(kind=kinds.SESSION_SOON, items=items)


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


@reminder(kinds.PLAN_ITEM_OVERDUE)
def plan_items_overdue(today: datetime.date) -> int:
    items = (
        PlanItem.objects.filter(plan__status=PlanStatus.PUBLISHED, plan__year__lte=today.year)
        .exclude(sessions__status=SessionStatus.HELD)
        .select_related("plan")
    )
    overdue = [i for i in items if _month_end(i.plan.year, i.month) < today]
    if not overdue:
        return 0
    hr = hr_users()
    reminders = [
        ReminderItem(
            recipient=user,
            obj=item,
            due_date=_month_end(item.plan.year, item.month),
            title=_("Planned course not held: %(course)s (%(year)s-%(month)02d)")
            % {"course": item.course, "year": item.plan.year, "month": item.month},
            url=item.plan.get_absolute_url(),
        )
        for item in overdue
        for user in hr
    ]
    return remind_once(kind=kinds.PLAN_ITEM_OVERDUE, items=reminders)


@reminder(kinds.APPLICATION_DUE)
def application_due(today: datetime.date) -> int:
    """The head evaluates application at work once the session is 3 months past (within the catch-up window)."""
    latest = today - datetime.timedelta(days=APPLICATION_AFTER_DAYS)
    earliest = latest - datetime.timedelta(days=CATCH_UP_DAYS)
    participants = Participant.objects.filter(
        attended=True,
        application_rating__isnull=True,
        session__status=SessionStatus.HELD,
        session__ends_at__date__gte=earliest,
        session__ends_at__date__lte=latest,
    ).select_related("session", "employee")
    heads = HeadFinder()
    items = []
    for p in participants:
        head = heads.head_user(p.employee.department_id)
        if head is None or head.pk == p.employee.user_id:
            continue
        due = timezone.localtime(p.session.ends_at).date() + datetime.timedelta(days=APPLICATION_AFTER_DAYS)
        items.append(
            ReminderItem(
                recipient=head,
                obj=p,
                due_date=due,
                title=_("Evaluate how %(name)s applies %(course)s at work")
                % {"name": p.employee.name, "course": p.session.course},
                url=p.session.get_absolute_url(),
            )
        )
    return remind_once(kind=kinds.APPLICATION_DUE, items=items)


CERTIFICATE_NOTICE_DAYS = (60, 30)


@reminder(kinds.CERTIFICATE_EXPIRING)
def certificates_expiring(today: datetime.date) -> int:
    """60 and 30 days before a certificate expires: the employee, the head of their department and HR."""
    from .models import Certificate

    milestones = {today + datetime.timedelta(days=d) for d in CERTIFICATE_NOTICE_DAYS}
    certificates = list(
        Certificate.objects.filter(expires_on__in=list(milestones))
        .exclude(employee__status="separated")
        .select_related("employee__user", "type")
    )
    if not certificates:
        return 0
    heads, hr = HeadFinder(), hr_users()
    items = []
    for certificate in certificates:
        employee = certificate.employee
        people = {u.pk: u for u in hr}
        head = heads.head_user(employee.department_id)
        if head is not None:
            people[head.pk] = head
        if employee.user is not None and employee.user.is_active:
            people[employee.user.pk] = employee.user
        title = _("%(type)s of %(name)s expires on %(day)s") % {
            "type": certificate.type.name,
            "name": employee.name,
            "day": f"{certificate.expires_on:%Y-%m-%d}",
        }
        due = today
        for user in people.values():
            items.append(
                ReminderItem(
                    recipient=user, obj=certificate, due_date=due, title=title, url="/training/certificates/?expiring=1"
                )
            )
    return remind_once(kind=kinds.CERTIFICATE_EXPIRING, items=items)
