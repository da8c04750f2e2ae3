"""Stable codes on service errors.

Services raise `ValidationError(message, code="…")` (Django's own `code`) or `PolicyDenied(reason, code)`;
the message is for people and may be translated or reworded, the code is for programs and tests.
"""

from django.core.exceptions import ValidationError

from .policy import PolicyDenied


def error_codes(exc: Exception) -> set[str]:
    """Every code an error carries: `assert "probation_too_long" in error_codes(excinfo.value)`."""
    if isinstance(exc, PolicyDenied):
        return {exc.code}
    if isinstance(exc, ValidationError):
        return (
            {error.code for error in exc.error_list if error.code}
            if not hasattr(exc, "error_dict")
            else {error.code for errors in exc.error_dict.values() for error in errors if error.code}
        )
    return set()
