"""Notification kinds of confidentiality oversight (users choose e-mail per kind on their preferences page)."""

from django.utils.translation import gettext_lazy as _

from notifications import kinds

MEETING_INVITED = kinds.register("oversight.meeting_invited", _("I am invited to a classified meeting"))
HANDOUTS_UNCOLLECTED = kinds.register(
    "oversight.handouts_uncollected", _("Handouts of a classified meeting are not collected back")
)
INCIDENT_REPORTED = kinds.register("oversight.incident_reported", _("A suspected leak was reported"))
INCIDENT_DECIDED = kinds.register("oversight.incident_decided", _("A leak I reported has been dealt with"))
INSPECTION_DUE = kinds.register(
    "oversight.inspection_due", _("Reminder: the confidentiality inspection before a long holiday")
)
ACTION_ASSIGNED = kinds.register("oversight.action_assigned", _("A corrective action from an inspection is mine"))
ACTION_OVERDUE = kinds.register("oversight.action_overdue", _("A corrective action from an inspection is overdue"))
MEDIUM_OVERDUE = kinds.register("oversight.medium_overdue", _("A classified storage medium is not returned on time"))
