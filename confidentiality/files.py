"""Electronic classified files: encrypted at rest (Fernet, key from HRMS_CONFIDENTIAL_FILE_KEY) and served as a
PDF with the reader's watermark on every page (WeasyPrint draws the overlay, pypdf lays it over each page)."""

import io

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter, Transformation

from core import crypto
from core.validators import validate_upload

_PDF = {".pdf": (b"%PDF-",)}


def fernet() -> Fernet:
    """The classified files' own key (core.crypto, one Fernet helper); production refuses to start without it
    (hrms/settings/production.py), and a production-like settings module without it fails here too."""
    if not getattr(settings, "HRMS_CONFIDENTIAL_FILE_KEY", "") and getattr(
        settings, "HRMS_REQUIRE_CONFIDENTIAL_FILE_KEY", False
    ):
        raise ImproperlyConfigured("HRMS_CONFIDENTIAL_FILE_KEY must be set in production.")
    return crypto.fernet("HRMS_CONFIDENTIAL_FILE_KEY", purpose="hrms-confidential-files")


def validate_pdf(upload) -> int:
    """A PDF (by content), within the size limit, that opens: returns its page count."""
    validate_upload(
        upload, signatures=_PDF, type_message=_("Only PDF files can be stored as electronic classified files.")
    )
    upload.seek(0)
    try:
        pages = len(PdfReader(io.BytesIO(upload.read())).pages)
    except Exception as exc:
        raise ValidationError(_("The PDF file could not be read; it may be damaged."), code="pdf_unreadable") from exc
    finally:
        upload.seek(0)
    return pages


def encrypt(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt(data: bytes) -> bytes:
    try:
        return fernet().decrypt(data)
    except InvalidToken as exc:
        raise ImproperlyConfigured("The classified file cannot be decrypted with the configured key.") from exc


def _overlay(text_lines: list[str], width_pt: float, height_pt: float) -> PdfReader:
    from weasyprint import HTML

    from printing.fonts import font_config, font_family_css

    html = render_to_string(
        "confidentiality/pdf/watermark.html",
        {"lines": text_lines, "width": width_pt, "height": height_pt, "font_css": font_family_css(), "rows": range(4)},
    )
    from printing.render import _render_lock

    with _render_lock:
        pdf = HTML(string=html).write_pdf(font_config=font_config())
    return PdfReader(io.BytesIO(pdf))


def watermark(pdf: bytes, text_lines: list[str]) -> bytes:
    """The PDF with the watermark text over every page (an overlay rendered once per page size)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    overlays: dict[tuple[float, float], object] = {}
    for page in writer.pages:
        box = page.mediabox
        size = (round(float(box.width), 1), round(float(box.height), 1))
        if size not in overlays:
            overlays[size] = _overlay(text_lines, *size).pages[0]
        page.merge_transformed_page(
            overlays[size], Transformation().translate(float(box.left), float(box.bottom)), over=True
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
