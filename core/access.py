"""The role checks views share (raise PermissionDenied → 403). Object scope is checked by the apps' selectors."""

from django.core.exceptions import PermissionDenied

from org.selectors import scope_department_ids


def require_hr(user, *, secret: bool = False) -> None:
    """HR staff; with `secret`, only those cleared for secret HR data (ID numbers, contracts, salaries)."""
    if not user.is_hr or (secret and not user.sees_secret_hr_data):
        raise PermissionDenied


def require_department_scope(user) -> None:
    """Company-wide roles and heads/managers of a department; an employee has only their own pages."""
    ids = scope_department_ids(user)
    if ids is not None and not ids:
        raise PermissionDenied
