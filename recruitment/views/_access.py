"""Access checks shared by the recruitment views. Out-of-scope objects are 404 through the scoped querysets;
these guard whole pages and HR-only actions."""

from django.http import Http404

from core import roles
from org.selectors import scope_department_ids

from ..selectors import sees_all_recruitment


def uses_recruitment(user) -> bool:
    """HR, company-wide roles, production management, and heads/managers of a department."""
    if not user.is_authenticated:
        return False
    if sees_all_recruitment(user) or user.has_role(roles.PRODUCTION_MGMT):
        return True
    return bool(scope_department_ids(user))


def require_recruitment_user(user) -> None:
    if not uses_recruitment(user):
        raise Http404


def is_htmx(request) -> bool:
    return bool(getattr(request, "htmx", False))
