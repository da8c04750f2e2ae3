from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

AUDITED_USER_FIELDS = [
    "username",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "is_staff",
    "is_superuser",
    "clearance",
    "must_change_password",
    "language",
]


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from auditlog.registry import auditlog
        from django.contrib.auth.signals import user_logged_in

        # services registers the notification kind of access changes (the e-mail preferences list it).
        from . import audit, middleware, services  # noqa: F401

        # The login's own fields (no password hash, no login time, no reverse relations); role changes come from
        # accounts.audit.
        auditlog.register(self.get_model("User"), include_fields=AUDITED_USER_FIELDS)
        audit.connect()
        user_logged_in.connect(middleware.start_session, dispatch_uid="accounts_start_session")
