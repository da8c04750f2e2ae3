from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "confidentiality.oversight"
    label = "confidentiality_oversight"
    verbose_name = _("Confidentiality oversight")

    def ready(self):
        from auditlog.registry import auditlog

        from . import dashboard, kinds, models  # noqa: F401  (they register cards and notification kinds)

        # A meeting's subject, minutes and relay scope are classified: the trail (read by auditors who may lack
        # the clearance) records that they changed, not what they say.
        auditlog.register(models.Meeting, mask_fields=["title", "minutes", "relay_scope", "discipline"])
        auditlog.register(models.Attendee)
        auditlog.register(models.VenueCheck)
        auditlog.register(models.Handout, mask_fields=["material"])
        auditlog.register(models.Incident, mask_fields=["what", "how", "investigation", "remedial_actions"])
        auditlog.register(models.Responsibility)
        auditlog.register(models.Reward)
        auditlog.register(models.Inspection)
        auditlog.register(models.CorrectiveAction)
        auditlog.register(models.Medium)
        auditlog.register(models.MediumLoan)
