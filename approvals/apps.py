from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class ApprovalsConfig(AppConfig):
    name = "approvals"
    verbose_name = _("Approvals")

    def ready(self):
        # Each app declares its approval processes in <app>/approval_processes.py, as it does admin.py.
        autodiscover_modules("approval_processes")

        from auditlog.registry import auditlog

        from . import models

        for model in (models.Flow, models.Step, models.Delegation, models.Request, models.RequestStep, models.Decision):
            auditlog.register(model)
