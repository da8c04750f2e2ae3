from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffboardingConfig(AppConfig):
    name = "offboarding"
    label = "offboarding"
    verbose_name = _("Offboarding")

    def ready(self):
        from auditlog.registry import auditlog

        from . import dashboard, kinds, models  # noqa: F401  (they register cards and notification kinds)

        auditlog.register(
            models.SeparationCase, mask_fields=["monthly_wage", "compensation_amount", "compensation_months"]
        )
        auditlog.register(models.HandoverItem)
        auditlog.register(models.HandoverTemplateItem)
        auditlog.register(models.ExitInterview)
        auditlog.register(models.CaseEvent)
        auditlog.register(models.PostEmploymentTerms, mask_fields=["noncompete_monthly_compensation"])
