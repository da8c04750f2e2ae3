"""The notification kind of the imports app (notifications' registry; users may opt out of its e-mail)."""

from django.utils.translation import gettext_lazy as _

from notifications import kinds

STALLED = kinds.register("imports.stalled", _("An import stopped without finishing"))
