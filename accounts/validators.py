"""Password rules beyond Django's own (AUTH_PASSWORD_VALIDATORS): character classes and no reuse.

Django calls `validate` from every form that sets a password (the password-change page, the admin, our login
pages) and `password_changed` whenever a user with a new password is saved, so the history is kept whichever
path set it.
"""

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _classes(password: str) -> int:
    return sum(
        (
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )


class CharacterClassesValidator:
    """At least `min_classes` of: lower-case letters, upper-case letters, digits, other characters."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if _classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return _(
            "Your password must mix at least %(n)d of: lower-case letters, upper-case letters, digits, "
            "other characters."
        ) % {"n": self.min_classes}


class PasswordHistoryValidator:
    """The current password and the last `history` ones cannot be chosen again."""

    def __init__(self, history: int = 5):
        self.history = history

    def _recent_hashes(self, user) -> list[str]:
        from .models import PasswordHistory

        return list(PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[: self.history])

    def validate(self, password, user=None):
        if user is None or user.pk is None or self.history <= 0:
            return
        # The stored hash too: a password set before the history was kept (e.g. the demo's) counts.
        from django.contrib.auth import get_user_model

        current = get_user_model().objects.filter(pk=user.pk).values_list("password", flat=True).first()
        # Each check costs a full hash (about half a second in production): the current one only once.
        for encoded in dict.fromkeys([current, *self._recent_hashes(user)]):
            if encoded and check_password(password, encoded):
                raise ValidationError(
                    ngettext(
                        "You cannot reuse your last password.",
                        "You cannot reuse any of your last %(n)d passwords.",
                        self.history,
                    )
                    % {"n": self.history},
                    code="password_reused",
                )

    def password_changed(self, password, user=None):
        if user is None or user.pk is None or self.history <= 0:
            return
        from .models import PasswordHistory

        PasswordHistory.objects.create(user=user, password=user.password)
        stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[self.history :]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()

    def get_help_text(self):
        return ngettext(
            "Your password cannot be your last password.",
            "Your password cannot be any of your last %(n)d passwords.",
            self.history,
        ) % {"n": self.history}
