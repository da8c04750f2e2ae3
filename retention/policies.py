"""Who may do what with the retention table and its review (see core/policy.py)."""

from django.utils.translation import gettext as _

from core import roles
from core.policy import ALLOW, Verdict, deny, first_denial

from .models import RetentionPolicy


def can_review(user) -> Verdict:
    """HR managers review what is past its retention period and confirm it."""
    if not user.is_authenticated or not user.has_role(roles.HR_MANAGER):
        return deny("retention_hr_manager_only", _("Only an HR manager reviews records past their retention period."))
    return ALLOW


def can_confirm(user, policy: RetentionPolicy) -> Verdict:
    list_only = (
        deny(
            "retention_list_only",
            _("%(type)s are only listed for review: they are kept as audit evidence and never deleted here.")
            % {"type": policy},
        )
        if policy.is_list_only
        else ALLOW
    )
    return first_denial(can_review(user), list_only)


def can_edit_table(user) -> Verdict:
    """Administrators change the retention periods (Django admin)."""
    if not user.is_authenticated or not (user.is_superuser or user.has_role(roles.SYSADMIN)):
        return deny("retention_admin_only", _("Only an administrator changes the retention periods."))
    return ALLOW
