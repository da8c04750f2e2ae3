from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConfidentialityConfig(AppConfig):
    name = "confidentiality"
    label = "confidentiality"
    verbose_name = _("Confidentiality")

    def ready(self):
        from auditlog.registry import auditlog

        from . import kinds, models, receivers  # noqa: F401  (notification kinds, lifecycle receivers)

        for model in (
            models.Policy,
            models.Document,
            models.Copy,
            models.Issue,
            models.AccessRequest,
            models.Grant,
            models.ReproductionRequest,
            models.Disclosure,
            models.Destruction,
            models.Handover,
            models.ConfidentialityEvent,
        ):
            auditlog.register(model)
