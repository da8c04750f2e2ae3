"""Daily sweep of retention (run by notifications' reminder mechanism, daily at 08:00): records past their
retention period are LISTED for HR — each HR manager is told, per record type, how many wait on the retention
review page. Nothing is anonymised or deleted here; HR confirms on that page (retention.services).

Told once a week per record type (keyed by the week's Monday), so a backlog HR has not confirmed yet does not
fill the inbox every day. List-only types (the append-only audit trail, training records and KPI sheets kept as
audit evidence) have nothing to confirm: they are announced too, in the same weekly reminder, as records to review
of which nothing is deleted.
"""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from core import roles
from notifications.reminders import reminder
from notifications.services import ReminderItem, remind_once

from . import kinds
from .selectors import due_overview


def _title(row) -> str:
    values = {"type": row.policy.name, "n": row.count}
    if row.policy.is_list_only:
        return _("%(type)s: %(n)s records past the retention period to review (list only, nothing is deleted)") % values
    return _("%(type)s: %(n)s records past the retention period wait for your confirmation") % values


@reminder(kinds.RECORDS_DUE)
def records_due(today: datetime.date) -> int:
    due = [row for row in due_overview(today) if row.count]
    if not due:
        return 0
    week = today - datetime.timedelta(days=today.weekday())
    managers = list(get_user_model().objects.filter(groups__name=roles.HR_MANAGER, is_active=True).distinct())
    items = [
        ReminderItem(
            recipient=user,
            obj=row.policy,
            due_date=week,
            title=_title(row),
            body=row.why,
            url=reverse("retention:review", args=[row.policy.record_type]),
        )
        for row in due
        for user in managers
    ]
    return remind_once(kind=kinds.RECORDS_DUE, items=items)
