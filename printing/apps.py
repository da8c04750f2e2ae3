from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrintingConfig(AppConfig):
    name = "printing"
    verbose_name = _("Printed forms")

    def ready(self):
        from . import checks  # noqa: F401  (registers the CJK font check)
