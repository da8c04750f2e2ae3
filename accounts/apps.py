from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from auditlog.registry import auditlog
        from django.contrib.auth.signals import user_logged_in

        from . import audit, middleware

        # The password hash and the login time are no audit values; role changes come from accounts.audit.
        auditlog.register(self.get_model("User"), exclude_fields=["password", "last_login"])
        audit.connect()
        user_logged_in.connect(middleware.start_session, dispatch_uid="accounts_start_session")
