"""The registry of notification kinds: a short code and a label users see on their e-mail preferences page.

Apps register their kinds at import time of their ``reminders`` module (or anywhere imported at start-up):

    from notifications import kinds
    kinds.register("approval.pending", _("Approval step waiting for me"))
"""

from django.utils.translation import gettext_lazy as _

_registry: dict[str, str] = {}


def register(code: str, label) -> str:
    """Register (or relabel) a kind; returns the code so modules can keep it as a constant."""
    if not code or len(code) > 64:
        raise ValueError(f"notification kind code must be 1-64 characters: {code!r}")
    _registry[code] = label
    return code


def label_for(code: str) -> str:
    return _registry.get(code, code)


def registered() -> list[tuple[str, str]]:
    """(code, label) of every kind, with the apps' reminder modules loaded so none is missing."""
    from .reminders import autodiscover

    autodiscover()
    return sorted(_registry.items(), key=lambda item: item[0])


GENERAL = register("general", _("General announcements"))
