"""Daily sweeps of recruitment (run by notifications' reminder mechanism, daily at 08:00):

- interview tomorrow: each interviewer of a scheduled interview is reminded the day before (once per
  interview and day, however often the sweep runs; an interview of today is still reminded if the sweep
  did not run yesterday).

Candidates not hired past the retention period are listed for HR by the retention app's sweep and anonymised
only once HR confirms them there (PIPL: nothing is removed silently).
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.reminders import reminder
from notifications.services import ReminderItem, remind_once

from . import kinds
from .selectors import interviews_due_between


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@reminder(kinds.INTERVIEW_TOMORROW)
def interviews_tomorrow(today: datetime.date) -> int:
    """Two queries whatever the number of interviews: the interviews with their interviewers, then the sends."""
    start = max(_day_start(today), timezone.now()) if today == timezone.localdate() else _day_start(today)
    interviews = interviews_due_between(start, _day_start(today + datetime.timedelta(days=2)))
    items = []
    for interview in interviews:
        when = timezone.localtime(interview.scheduled_at)
        candidate = interview.application.candidate
        title = _("Interview tomorrow: %(name)s, %(when)s") % {"name": candidate.name, "when": f"{when:%m-%d %H:%M}"}
        if when.date() == today:
            title = _("Interview today: %(name)s, %(when)s") % {"name": candidate.name, "when": f"{when:%H:%M}"}
        body = _("%(round)s for %(position)s at %(where)s.") % {
            "round": interview.get_round_display(),
            "position": interview.application.requisition.position.title,
            "where": interview.place or interview.remote_link,
        }
        for user in interview.interviewers.all():
            items.append(
                ReminderItem(
                    recipient=user,
                    obj=interview,
                    due_date=when.date(),
                    title=title,
                    body=body,
                    url=interview.get_absolute_url(),
                )
            )
    return remind_once(kind=kinds.INTERVIEW_TOMORROW, items=items)
