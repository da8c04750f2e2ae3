from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "performance"
    label = "performance"
    verbose_name = _("Performance reviews")

    def ready(self):
        from auditlog.registry import auditlog

        from . import dashboard, kinds, models, receivers  # noqa: F401  (cards, notification kinds, signal receivers)

        auditlog.register(models.KpiTemplate)
        auditlog.register(models.Indicator)
        auditlog.register(models.GradeBand)
        auditlog.register(models.Cycle, m2m_fields={"departments", "positions"})
        auditlog.register(models.Sheet)
        auditlog.register(models.SheetItem)
        auditlog.register(models.SheetStep)
        # Who gave which peer feedback is never shown; the log keeps only that a row changed.
        auditlog.register(models.PeerFeedback, mask_fields=["rating", "strengths", "improvements"])
        auditlog.register(models.ImprovementPlan)
