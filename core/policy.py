"""Who may do what, in which state: the one shape every app's `policies.py` answers in.

Each stateful model has one policy function per action, e.g. `requisitions.policies.can_submit(user,
requisition) -> Verdict`, and views (403 on denial), templates (show the button or not), services (refuse)
and the admin (read-only or not) all ask that function. Scope is not a policy question: a row outside the
user's scope is never found (the app's selectors → 404); a policy only decides for rows in scope.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied


class PolicyDenied(PermissionDenied):
    """A policy said no: a 403 in views, with the reason in plain words and a stable code for tests."""

    def __init__(self, reason: str, code: str):
        super().__init__(reason)
        self.reason = reason
        self.code = code


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    code: str = ""
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed

    def enforce(self) -> None:
        """Raise PolicyDenied unless allowed (services and views call this; templates read `allowed`)."""
        if not self.allowed:
            raise PolicyDenied(self.reason, self.code)


ALLOW = Verdict(True)


def deny(code: str, reason: str) -> Verdict:
    return Verdict(False, code, str(reason))


def first_denial(*verdicts: Verdict) -> Verdict:
    """The first verdict that says no, else ALLOW (checks in order: role, then state)."""
    for verdict in verdicts:
        if not verdict:
            return verdict
    return ALLOW
