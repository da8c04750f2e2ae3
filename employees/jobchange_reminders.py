"""The daily step of job changes (run by notifications' one reminder mechanism, daily at 08:00; registered through
employees/reminders.py): approved changes whose effective date has come take effect, and HR and the employee are
told once per change (keyed by the effective date: a rerun or a missed day neither applies nor tells twice)."""

import datetime

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import roles
from notifications import kinds
from notifications.reminders import reminder
from notifications.services import ReminderItem, remind_once

from .jobchange_services import job_changes_apply_due

JOB_CHANGE_EFFECTIVE = kinds.register(
    "employees.job_change_effective", gettext_lazy("An approved job change took effect on its effective date")
)


@reminder(JOB_CHANGE_EFFECTIVE)
def job_changes_take_effect(today: datetime.date) -> int:
    applied = job_changes_apply_due(today=today)
    if not applied:
        return 0
    hr = list(
        get_user_model().objects.filter(groups__name__in=roles.HR_ROLES, is_active=True).distinct().order_by("pk")
    )
    items = []
    for change in applied:
        employee = change.employee
        title = _("%(name)s: %(kind)s in effect from %(day)s — %(department)s / %(position)s") % {
            "name": employee.name,
            "kind": change.get_kind_display(),
            "day": f"{change.effective_date:%Y-%m-%d}",
            "department": change.to_department.name,
            "position": change.to_position.title,
        }
        recipients = list(hr)
        if employee.user_id and all(user.pk != employee.user_id for user in recipients):
            recipients.append(employee.user)
        items += [
            ReminderItem(
                recipient=user, obj=change, due_date=change.effective_date, title=title, url=change.get_absolute_url()
            )
            for user in recipients
        ]
    return remind_once(kind=JOB_CHANGE_EFFECTIVE, items=items)
