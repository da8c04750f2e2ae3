from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "retention"
    verbose_name = _("Record retention")

    def ready(self):
        from auditlog.registry import auditlog

        from . import kinds, models  # noqa: F401  (kinds registers the notification kind)

        auditlog.register(models.RetentionPolicy)
        auditlog.register(models.RetentionConfirmation)
