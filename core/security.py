"""Secrecy levels (spec 08) and the masking of secret HR data (spec 01)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SecrecyLevel(models.IntegerChoices):
    PUBLIC = 0, _("Public")
    INTERNAL = 1, _("Internal")
    SECRET = 2, _("Secret")
    CONFIDENTIAL = 3, _("Confidential")
    TOP_SECRET = 4, _("Top secret")


MASK = "***"


def mask_id_number(value: str) -> str:
    """3101**********1234: first four and last four characters kept."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]
