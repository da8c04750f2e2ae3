"""Daily sweep of the satisfaction survey (run by notifications' one reminder mechanism):

- those invited who have not answered are reminded `REMINDER_DAYS` days before the end (once: remind_once is
  keyed by survey and that day, so a rerun never sends twice; those who answered in between are skipped);
- open surveys whose end date has passed are closed (which coarsens and shuffles the answers, see models).
"""

import datetime

from django.conf import settings

from notifications.reminders import reminder

from . import kinds, services

REMINDER_DAYS = getattr(settings, "HRMS_SURVEY_REMINDER_DAYS", 3)


@reminder(kinds.REMINDER)
def survey_not_answered(today: datetime.date) -> int:
    closed = services.surveys_close_ended(today=today)
    return services.surveys_remind(today=today, days_before=REMINDER_DAYS) + closed
