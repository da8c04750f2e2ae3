from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    label = "training"
    verbose_name = _("Training and competence")

    def ready(self):
        from auditlog.registry import auditlog

        from employees.signals import job_change_applied

        from . import kinds, models, receivers  # noqa: F401  (notification kinds)

        job_change_applied.connect(receivers.on_job_change_applied, dispatch_uid="training_post_training_need")
        for model in (
            models.Skill,
            models.CompetenceStandard,
            models.SkillRating,
            models.TrainingNeed,
            models.DevelopmentPlan,
            models.TrainingPlan,
            models.PlanItem,
            models.Session,
            models.Participant,
            models.SessionFile,
            models.CertificateType,
            models.Certificate,
            models.Mentoring,
            models.ExternalTraining,
            models.AwarenessCheck,
            models.CompetenceReview,
        ):
            auditlog.register(model)
