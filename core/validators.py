"""Validators shared by every form: PRC resident ID numbers, uploaded files."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_number_check_digit(first17: str) -> str:
    """GB 11643 check character (ISO 7064 MOD 11-2) for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def validate_id_number(value: str) -> None:
    """A valid 18-character 居民身份证号: digits, a real birth date and the right check character."""
    value = (value or "").strip().upper()
    if len(value) != 18 or not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise ValidationError(_("An ID number has 18 characters: 17 digits and a digit or X."), code="format")
    try:
        datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise ValidationError(_("The birth date inside the ID number is not a real date."), code="birth_date")
    if id_number_check_digit(value[:17]) != value[17]:
        raise ValidationError(
            _("The ID number's check character is wrong; please check it for typing errors."), code="checksum"
        )


def id_number_birth_date(value: str) -> datetime.date:
    return datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


# Allowed upload types: extension → leading bytes of a real file of that type.
_SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}


def validate_upload(upload, *, signatures: dict[str, tuple[bytes, ...]], type_message) -> str:
    """An upload whose extension is allowed, whose leading bytes match that type and whose size is within the
    limit; returns the (lower-case) extension. The one check behind every upload of the application."""
    name = (upload.name or "").lower()
    ext = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if ext not in signatures:
        raise ValidationError(type_message, code="type")
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB."),
            params={"size": round(upload.size / 1048576, 1), "limit": round(limit / 1048576, 1)},
            code="size",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in signatures[ext]):
        raise ValidationError(
            _("The file's content does not match its type %(ext)s."), params={"ext": ext}, code="content"
        )
    return ext


def validate_document_upload(upload) -> None:
    """PDF, JPG or PNG, checked by content (not only name), and no larger than the size limit."""
    validate_upload(upload, signatures=_SIGNATURES, type_message=_("Only PDF, JPG or PNG files can be uploaded."))


def build_id_number(region: str, birth: datetime.date, sequence: int) -> str:
    """A well-formed ID number (region code, birth date, 3-digit sequence, check character)."""
    first17 = f"{region}{birth:%Y%m%d}{sequence % 1000:03d}"
    return first17 + id_number_check_digit(first17)
