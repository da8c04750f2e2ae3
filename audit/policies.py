"""Who reads the audit trail: the HR manager and the auditor (审计员), not HR staff whose own changes it records."""

from django.utils.translation import gettext_lazy as _

from core import roles
from core.policy import ALLOW, Verdict, deny


def can_view_trail(user) -> Verdict:
    if user.is_authenticated and user.has_role(roles.HR_MANAGER, roles.AUDITOR):
        return ALLOW
    return deny("audit_trail_forbidden", _("Only the HR manager and auditors read the audit trail."))


def can_export_trail(user) -> Verdict:
    """Whoever reads the trail may export what they filtered; the export is itself an entry."""
    return can_view_trail(user)
