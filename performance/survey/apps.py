from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveyConfig(AppConfig):
    name = "performance.survey"
    label = "survey"
    verbose_name = _("Satisfaction survey")

    def ready(self):
        from auditlog.registry import auditlog

        from . import dashboard, kinds, models  # noqa: F401  (they register cards and notification kinds)

        auditlog.register(models.SurveyTemplate)
        auditlog.register(models.TemplateQuestion)
        auditlog.register(models.Survey)
        auditlog.register(models.SurveyQuestion)
        # The flip of `answered` is not logged: its log row would carry who answered and when (see models).
        auditlog.register(models.Invitation, exclude_fields=["answered"])
        # Response and Answer are NOT registered: auditlog stores the actor of every change, which would name
        # the person behind each anonymous answer (exempt in audit/tests/test_registrations.py).
