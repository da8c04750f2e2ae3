"""Notification kinds of training (users choose e-mail per kind on their preferences page)."""

from django.utils.translation import gettext_lazy as _

from notifications import kinds

INVITED = kinds.register("training.invited", _("I am invited to a training session"))
CANCELLED = kinds.register("training.cancelled", _("A training session I am invited to is cancelled"))
SESSION_SOON = kinds.register("training.session_soon", _("Reminder: a training session in 3 days or tomorrow"))
PLAN_ITEM_OVERDUE = kinds.register("training.plan_item_overdue", _("A planned course is past its month and not held"))
APPLICATION_DUE = kinds.register(
    "training.application_due", _("Evaluate how a training is applied at work (3 months after)")
)
CERTIFICATE_EXPIRING = kinds.register("training.certificate_expiring", _("A post certificate expires soon"))
