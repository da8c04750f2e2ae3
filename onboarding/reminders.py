"""Daily sweeps of onboarding (run by notifications' one reminder mechanism, daily at 08:00):

- probation ending: the department head and HR, 7 days before the end and on the last day;
- probation lapsed: a probation whose end date passed without a decision makes the person regular by law
  from the day after; the change is recorded and HR is told (there is no "overdue probation"). The same
  daily step completes the onboarding of cases whose labour contract has since been signed, and applies the
  conversions approved for a date that has now come (regular on the new salary from that date).

Each sweep uses a constant number of queries (the heads of all departments are read once) and sends
through `remind_once`, keyed by the milestone date: a rerun, a retry or a missed day never sends twice.
"""

import datetime

from django.conf import settings
from django.utils.translation import gettext as _

from employees.selectors import HeadFinder, hr_users
from notifications.reminders import reminder
from notifications.services import ReminderItem, remind_once

from . import kinds
from .models import OPEN_PROBATION, OnboardingCase
from .services import cases_complete_signed, conversions_apply, probations_lapse

# Days before the end of a probation the first reminder goes out (spec 09 default: 7); a setting can change it.
PROBATION_NOTICE_DAYS = getattr(settings, "HRMS_PROBATION_NOTICE_DAYS", 7)
# A milestone missed for longer than this (e.g. the system was installed late) is not reminded any more.
CATCH_UP_DAYS = 14


def _recipients(case: OnboardingCase, heads: HeadFinder, hr: list) -> list:
    head = heads.head_user(case.employee.department_id)
    people = list(hr)
    if head is not None and all(u.pk != head.pk for u in people):
        people.append(head)
    return people


def _milestones(today: datetime.date, milestones: list[datetime.date]) -> datetime.date | None:
    """The latest milestone reached today (within the catch-up window), or None."""
    reached = [m for m in milestones if m <= today and (today - m).days <= CATCH_UP_DAYS]
    return max(reached) if reached else None


@reminder(kinds.PROBATION_ENDING)
def probation_ending(today: datetime.date) -> int:
    cases = list(
        OnboardingCase.objects.filter(
            probation_status__in=OPEN_PROBATION,
            probation_end__gte=today,
            probation_end__lte=today + datetime.timedelta(days=PROBATION_NOTICE_DAYS),
        ).select_related("employee")
    )
    if not cases:
        return 0
    heads, hr = HeadFinder(), hr_users()
    items = []
    for case in cases:
        end = case.probation_end
        due = _milestones(today, [end - datetime.timedelta(days=PROBATION_NOTICE_DAYS), end])
        if due is None:
            continue
        name = case.employee.name
        if due == end:
            title = _("Last day of probation today: %(name)s — decide now") % {"name": name}
        else:
            title = _("Probation of %(name)s ends on %(end)s") % {"name": name, "end": f"{end:%Y-%m-%d}"}
        body = _(
            "Review, convert, extend by agreement or terminate before the end date; after it the employee "
            "is regular by law."
        )
        for user in _recipients(case, heads, hr):
            items.append(
                ReminderItem(
                    recipient=user, obj=case, due_date=due, title=title, body=body, url=case.get_absolute_url()
                )
            )
    return remind_once(kind=kinds.PROBATION_ENDING, items=items)


@reminder(kinds.PROBATION_LAPSED)
def probation_lapsed(today: datetime.date) -> int:
    """Make lapsed probations regular and tell HR once per case; complete cases whose contract is now signed;
    apply approved conversions whose effective date has come (before the lapse, so they are not lapsed)."""
    cases_complete_signed()
    conversions_apply(today=today)
    lapsed = probations_lapse(today=today)
    if not lapsed:
        return 0
    hr = hr_users()
    items = [
        ReminderItem(
            recipient=user,
            obj=case,
            due_date=case.regular_from,
            title=_("%(name)s is regular by lapse of probation from %(day)s")
            % {"name": case.employee.name, "day": f"{case.regular_from:%Y-%m-%d}"},
            body=_("The probation ended on %(end)s without a decision (Labour Contract Law art. 19).")
            % {"end": f"{case.probation_end:%Y-%m-%d}"},
            url=case.get_absolute_url(),
        )
        for case in lapsed
        for user in hr
    ]
    return remind_once(kind=kinds.PROBATION_LAPSED, items=items)
