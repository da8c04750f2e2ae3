from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = _("Recruitment")

    def ready(self):
        from auditlog.registry import auditlog

        from . import dashboard, kinds, models  # noqa: F401  (they register cards and notification kinds)

        auditlog.register(models.Requisition)
        auditlog.register(models.RecruitmentPlan)
        auditlog.register(models.Candidate, mask_fields=["id_number", "expected_salary"], exclude_fields=["resume"])
        auditlog.register(models.Application)
        auditlog.register(models.Offer, mask_fields=["salary", "probation_salary"])
        auditlog.register(models.PlanChannel)
        auditlog.register(models.Interview, m2m_fields={"interviewers"})
        auditlog.register(models.Evaluation)
        auditlog.register(models.Event)
