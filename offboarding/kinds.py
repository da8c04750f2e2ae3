"""Notification kinds of offboarding (users choose e-mail per kind on their preferences page)."""

from django.utils.translation import gettext_lazy as _

from notifications import kinds

HANDOVER_INCOMPLETE = kinds.register(
    "offboarding.handover_incomplete", _("Reminder: a leaving employee's handover is not complete")
)
SEPARATED = kinds.register("offboarding.separated", _("An employee's last working day has passed"))
FILE_TRANSFER_DUE = kinds.register(
    "offboarding.file_transfer_due", _("Reminder: transfer a personnel file and social insurance within 15 days")
)
NONCOMPETE_ENDING = kinds.register("offboarding.noncompete_ending", _("Reminder: a non-compete ends soon"))
