from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.EmailOptOut)
        # The encrypted keys are left out of the trail altogether (a ciphertext tells nothing, and changes each save).
        auditlog.register(models.MessengerChannel, exclude_fields=["webhook_url_encrypted", "secret_encrypted"])
        auditlog.register(models.MessengerAccount)
        auditlog.register(models.ChannelDelivery)
