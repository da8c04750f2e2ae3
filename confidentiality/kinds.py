"""Notification kinds of the confidentiality register (users choose e-mail per kind on their preferences page)."""

from django.utils.translation import gettext_lazy as _

from notifications import kinds

COPY_ISSUED = kinds.register("confidentiality.copy_issued", _("A classified copy was issued to me"))
COPY_DUE = kinds.register("confidentiality.copy_due", _("Reminder: a classified copy is due for return"))
COPY_OVERDUE = kinds.register("confidentiality.copy_overdue", _("A classified copy is overdue for return"))
COPIES_TO_RETURN = kinds.register(
    "confidentiality.copies_to_return", _("Classified copies to return after a move or departure")
)
GRANT_ENDED = kinds.register("confidentiality.grant_ended", _("An access grant to a classified document ended"))
DECLASSIFY_SOON = kinds.register(
    "confidentiality.declassify_soon", _("Reminder: a classified document's period ends in 30 days")
)
DESTRUCTION_DUE = kinds.register(
    "confidentiality.destruction_due", _("Expired classified documents are due for destruction (March)")
)
HANDOVER = kinds.register("confidentiality.handover", _("A custody handover of the register waits for my signature"))
