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
        # The trail outlives a candidate's anonymisation and cannot be changed: what it holds of the person is
        # masked fully, and the entries name the records by key (audit.privacy, the models' scrub_audit_entry).
        personal = {"mask_callable": "core.security.mask_fully"}
        auditlog.register(
            models.Candidate,
            mask_fields=list(models.Candidate.AUDIT_MASKED_FIELDS),
            exclude_fields=["resume"],
            **personal,
        )
        auditlog.register(models.Application, mask_fields=list(models.Application.AUDIT_MASKED_FIELDS), **personal)
        auditlog.register(
            models.Offer, mask_fields=["salary", "probation_salary", *models.Offer.AUDIT_MASKED_FIELDS], **personal
        )
        auditlog.register(models.PlanChannel)
        auditlog.register(models.Interview, m2m_fields={"interviewers"}, mask_fields=["notes"], **personal)
        auditlog.register(models.Evaluation, mask_fields=["comments", "gm_opinion"], **personal)
        auditlog.register(models.Event, mask_fields=["comment"], **personal)
