from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "integrations"
    label = "integrations"
    verbose_name = _("Messenger notices and webhooks")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models, receivers

        receivers.connect()
        # The encrypted secret is left out of the trail (a ciphertext tells nothing and changes on each save).
        auditlog.register(models.WebhookEndpoint, exclude_fields=["secret_encrypted"])
        auditlog.register(models.WebhookDelivery, exclude_fields=["payload"])
