from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import roles
from core.security import SecrecyLevel


class User(AbstractUser):
    """A login. Roles are groups; clearance is the highest secrecy level the user may be granted."""

    clearance = models.PositiveSmallIntegerField(
        _("clearance"), choices=SecrecyLevel.choices, default=SecrecyLevel.INTERNAL
    )
    language = models.CharField(_("interface language"), max_length=10, choices=settings.LANGUAGES, blank=True)
    # Set when HR gives out a temporary password: the user must choose their own before anything else.
    must_change_password = models.BooleanField(_("must change password at next login"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        """Chinese names surname first without a space (谢强成); Latin names as "Anna Smith"."""
        if (self.first_name + self.last_name).isascii():
            return f"{self.first_name} {self.last_name}".strip()
        return f"{self.last_name}{self.first_name}".strip()

    @cached_property
    def role_names(self) -> frozenset[str]:
        """The user's roles, read once per request."""
        if not self.is_authenticated or not self.is_active:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *names: str) -> bool:
        return self.is_superuser or bool(self.role_names.intersection(names))

    @property
    def is_hr(self) -> bool:
        return self.has_role(*roles.HR_ROLES)

    @property
    def sees_all_departments(self) -> bool:
        return self.has_role(*roles.COMPANY_WIDE_ROLES)

    @property
    def sees_secret_hr_data(self) -> bool:
        """ID numbers, contracts and salary (secret, spec 01/08): secret clearance and an HR/GM role."""
        if self.is_superuser:
            return True
        return self.clearance >= SecrecyLevel.SECRET and bool(self.role_names & roles.SECRET_DATA_ROLES)


class PasswordHistory(models.Model):
    """A password hash the user had: the last `HRMS_PASSWORD_HISTORY` ones may not be chosen again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="password_history"
    )
    password = models.CharField(_("password hash"), max_length=128)
    created_at = models.DateTimeField(_("set at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("previous password")
        verbose_name_plural = _("previous passwords")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.user} · {self.created_at:%Y-%m-%d %H:%M}"
