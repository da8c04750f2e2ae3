"""Daily sweeps for overdue approval steps (spec 02/09): remind the approver after N days, escalate to the
approver's department manager (or the general manager) after M days. Each sweep runs a constant number of
queries however many steps are pending, and each reminder is sent once (notifications.remind_once)."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles
from notifications.reminders import reminder
from notifications.services import ReminderItem, remind_once

from . import kinds
from .models import RequestStatus, RequestStep, RequestStepStatus


def remind_after_days() -> int:
    return int(getattr(settings, "HRMS_APPROVAL_REMIND_AFTER_DAYS", 2))


def escalate_after_days() -> int:
    return int(getattr(settings, "HRMS_APPROVAL_ESCALATE_AFTER_DAYS", 5))


def _overdue_steps(today: datetime.date, days: int):
    """Pending steps activated `days` or more days before `today` (local dates)."""
    cutoff = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=days - 1), datetime.time()))
    return (
        RequestStep.objects.filter(
            status=RequestStepStatus.PENDING,
            request__status=RequestStatus.PENDING,
            activated_at__lt=cutoff,
            assigned_to__isnull=False,
        )
        .select_related("request__flow", "assigned_to")
        .order_by("pk")
    )


def _waiting_since(step: RequestStep) -> datetime.date:
    return timezone.localdate(step.activated_at)


@reminder(kinds.PENDING_REMINDER)
def remind_pending_steps(today: datetime.date) -> int:
    days = remind_after_days()
    items = [
        ReminderItem(
            recipient=step.assigned_to,
            obj=step,
            due_date=_waiting_since(step) + datetime.timedelta(days=days),
            title=_("Reminder: waiting for your approval since %(date)s: %(subject)s")
            % {"date": _waiting_since(step).isoformat(), "subject": step.request.subject_label},
            body=_("Step “%(step)s” of %(flow)s.")
            % {"step": step.display_name, "flow": step.request.flow.display_name},
            url=step.get_absolute_url(),
        )
        for step in _overdue_steps(today, days)
    ]
    return remind_once(kind=kinds.PENDING_REMINDER, items=items)


@reminder(kinds.ESCALATION)
def escalate_overdue_steps(today: datetime.date) -> int:
    """To the manager of the approver's department; to the general manager when that is the approver or no one."""
    days = escalate_after_days()
    steps = list(_overdue_steps(today, days).select_related("assigned_to__employee__department__manager__user"))
    if not steps:
        return 0
    gm = get_user_model().objects.filter(groups__name=roles.GM, is_active=True).order_by("pk").first()
    items = []
    for step in steps:
        approver = step.assigned_to
        employee = getattr(approver, "employee", None)
        department = employee.department if employee is not None else None
        manager = department.manager if department is not None else None
        target = manager.user if manager is not None and manager.user is not None else None
        if target is None or target.pk == approver.pk or not target.is_active:
            target = gm
        if target is None or target.pk == approver.pk:
            continue
        since = _waiting_since(step)
        items.append(
            ReminderItem(
                recipient=target,
                obj=step,
                due_date=since + datetime.timedelta(days=days),
                title=_("Overdue approval: %(approver)s has not decided “%(subject)s” since %(date)s")
                % {"approver": approver, "subject": step.request.subject_label, "date": since.isoformat()},
                body=_("Step “%(step)s” of %(flow)s.")
                % {"step": step.display_name, "flow": step.request.flow.display_name},
            )
        )
    return remind_once(kind=kinds.ESCALATION, items=items)
