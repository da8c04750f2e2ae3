from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "confidentiality.oversight"
    label = "confidentiality_oversight"
    verbose_name = _("Confidentiality oversight")
