"""Who may manage logins (spec 01, MLPS 2.0 level 2). Views, templates, services and the admin all ask here.

HR managers and superusers manage logins. Nobody changes their own roles, clearance or account state; an HR
manager cannot grant a clearance above their own, the administrator role or superuser status, and cannot
touch an account that outranks them (a superuser, or a clearance above their own) — resetting such an
account's password would hand them its access.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core import roles
from core.policy import ALLOW, Verdict, deny, first_denial

# Roles asked for a second factor when settings.HRMS_REQUIRE_2FA is on (superusers too).
TWO_FACTOR_ROLES = frozenset({roles.SYSADMIN, roles.HR, roles.HR_MANAGER, roles.GM})
# Roles only a superuser may grant.
SUPERUSER_GRANTED_ROLES = frozenset({roles.SYSADMIN})


def can_manage_logins(user) -> Verdict:
    if user.is_authenticated and (user.is_superuser or roles.HR_MANAGER in user.role_names):
        return ALLOW
    return deny("not_login_manager", _("Only the HR manager and administrators manage logins."))


def can_grant(user, *, clearance: int, role_names=(), superuser: bool = False) -> Verdict:
    """May `user` give someone this clearance, these roles and (if asked) superuser status?"""
    if user.is_superuser:
        return ALLOW
    if clearance > user.clearance:
        return deny("clearance_above_own", _("You cannot grant a clearance above your own."))
    if superuser or SUPERUSER_GRANTED_ROLES.intersection(role_names):
        return deny("superuser_only", _("Only a superuser can make someone an administrator."))
    return ALLOW


def _may_touch(user, target) -> Verdict:
    if target.pk == user.pk:
        return deny("own_account", _("Nobody changes their own login's roles, clearance or state."))
    if not user.is_superuser and target.is_superuser:
        return deny("superuser_only", _("Only a superuser can change an administrator's login."))
    if not user.is_superuser and target.clearance > user.clearance:
        return deny("target_above_own", _("This login's clearance is above your own."))
    return ALLOW


def can_create_login(user, employee) -> Verdict:
    verdict = can_manage_logins(user)
    if not verdict:
        return verdict
    if employee.user_id is not None:
        return deny("login_exists", _("This employee already has a login."))
    if employee.is_separated:
        return deny("employee_separated", _("A separated employee gets no login."))
    return ALLOW


def can_change_access(user, target, *, clearance=None, role_names=(), superuser=None) -> Verdict:
    """Roles, clearance, superuser status; without the new values: whether the access form is offered."""
    verdicts = [can_manage_logins(user), _may_touch(user, target)]
    if clearance is not None:
        verdicts.append(can_grant(user, clearance=clearance, role_names=role_names, superuser=bool(superuser)))
    return first_denial(*verdicts)


def can_set_active(user, target) -> Verdict:
    return first_denial(can_manage_logins(user), _may_touch(user, target))


def can_reset_password(user, target) -> Verdict:
    return first_denial(can_manage_logins(user), _may_touch(user, target))


def can_reset_two_factor(user, target) -> Verdict:
    return first_denial(can_manage_logins(user), _may_touch(user, target))


def can_lift_lockouts(user) -> Verdict:
    return can_manage_logins(user)


def two_factor_required(user) -> bool:
    """Whether this user must use a second factor by the company's setting (enrolled users always do)."""
    if not settings.HRMS_REQUIRE_2FA or not user.is_authenticated:
        return False
    return user.is_superuser or bool(user.role_names & TWO_FACTOR_ROLES)


def may_use_two_factor(user) -> bool:
    """Who sees the enrolment page: the roles it is meant for, and anyone who already enrolled."""
    return user.is_superuser or bool(user.role_names & TWO_FACTOR_ROLES)
