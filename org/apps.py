from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "org"
    verbose_name = _("Organisation")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        for model in (models.Company, models.Department, models.Position, models.JobDescription):
            auditlog.register(model)
