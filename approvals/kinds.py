"""Notification kinds the approval engine sends (registered so users can choose e-mail per kind)."""

from django.utils.translation import gettext_lazy as _

from notifications import kinds

STEP_WAITING = kinds.register("approval.step", _("An approval step is waiting for me"))
DECIDED = kinds.register("approval.decided", _("My approval request was decided or returned"))
WITHDRAWN = kinds.register("approval.withdrawn", _("A request I was to approve was withdrawn"))
PENDING_REMINDER = kinds.register("approval.pending", _("Reminder: an approval step is overdue"))
ESCALATION = kinds.register("approval.escalated", _("Escalation: an approval step in my department is overdue"))
