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
    """31************1234: the province and the last four characters kept, region and birth date hidden.

    With the birth date hidden too (mask_birth_date), the masked number leaves tens of thousands of candidates; the
    former first-four/last-four mask beside a full birth date left two digits to guess.
    """
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:2] + "*" * (len(value) - 6) + value[-4:]


def mask_birth_date(value) -> str:
    """1990-**-**: the year only (the age band a reader without clearance may need), never the day."""
    if not value:
        return ""
    return f"{value.year}-**-**"


def mask_fully(value) -> str:
    """The audit trail's mask for a person's data that must not stay in it at all (a candidate's name, contact,
    school): only that a value was set or changed, never any part of it."""
    text = "" if value is None else str(value)
    return MASK if text and text != "None" else ""


def mask_for_audit(value) -> str:
    """The audit trail's mask for secret fields (AUDITLOG_MASK_CALLABLE): an ID number masked as on the pages,
    any other secret value (a salary) fully."""
    text = "" if value is None else str(value)
    if len(text) in (15, 18) and text[:-1].isdigit():
        return mask_id_number(text)
    return MASK if text else text
