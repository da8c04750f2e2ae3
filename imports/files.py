"""Reading an uploaded spreadsheet within the limits every import path applies (settings HRMS_IMPORT_MAX_BYTES,
HRMS_IMPORT_MAX_ROWS): a file over a limit is refused in words, with a stable code, before any row is imported."""

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.spreadsheets import SafeCSV, SafeXLSX

FORMATS = {".csv": SafeCSV, ".xlsx": SafeXLSX}


def check_size(size: int) -> None:
    limit = settings.HRMS_IMPORT_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; an import takes at most %(limit)s. Split it into smaller files.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="import_file_too_large",
        )


def check_rows(rows: int) -> None:
    limit = settings.HRMS_IMPORT_MAX_ROWS
    if rows > limit:
        raise ValidationError(
            _("The file has %(rows)s rows; an import takes at most %(limit)s. Split it into smaller files.")
            % {"rows": rows, "limit": limit},
            code="import_too_many_rows",
        )


def extension(name: str) -> str:
    name = (name or "").lower()
    return "." + name.rsplit(".", 1)[-1] if "." in name else ""


def read_spreadsheet(upload) -> tablib.Dataset:
    """The rows of an .xlsx or .csv upload (formulas neutralised, GBK CSV read), within the size and row limits."""
    ext = extension(upload.name)
    if ext not in FORMATS:
        raise ValidationError(_("Upload an .xlsx or .csv file."), code="import_format")
    check_size(upload.size)
    upload.seek(0)
    dataset = FORMATS[ext]().create_dataset(upload.read())
    check_rows(len(dataset))
    dataset.headers = [str(h or "").strip() for h in dataset.headers]
    return dataset
