from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = _("Onboarding and probation")

    def ready(self):
        from auditlog.registry import auditlog

        from . import dashboard, kinds, models  # noqa: F401  (they register cards and notification kinds)

        auditlog.register(models.OnboardingCase)
        auditlog.register(models.Conversion)
        auditlog.register(models.ProbationTermination)
