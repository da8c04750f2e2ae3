from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = _("Onboarding and probation")

    def ready(self):
        from auditlog.registry import auditlog

        from . import dashboard, kinds, models  # noqa: F401  (they register cards and notification kinds)

        auditlog.register(models.OnboardingCase, mask_fields=["agreed_salary", "probation_salary"])
        auditlog.register(models.Conversion, mask_fields=["old_salary", "new_salary"])
        auditlog.register(models.TaskTemplate)
        auditlog.register(models.OnboardingTask)
        auditlog.register(models.ProbationReview, mask_fields=["proposed_salary"])
        auditlog.register(models.SelfReport)
        auditlog.register(models.ProbationExtension)
        auditlog.register(models.CaseEvent)
        auditlog.register(models.SafetyEducation)
        # The token hash opens nothing by itself but is left out; the form's data is on the employee record's trail.
        auditlog.register(models.RegistrationLink, exclude_fields=["token_hash", "data"])
