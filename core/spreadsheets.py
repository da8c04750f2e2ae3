"""Spreadsheets in and out, safely: the formats every import and export uses (settings.IMPORT_EXPORT_FORMATS).

- No live formulas: a cell that a spreadsheet program would run (=, +, -, @, tab, CR at the start) is written
  with a leading apostrophe on export and stored so on import — an exported `=HYPERLINK(…)` can no longer send
  another row's data to an outside address (CSV/formula injection, OWASP).
- Chinese Excel saves CSV as GBK/GB18030: a CSV that is not UTF-8 is read as GB18030.
- An empty or unreadable file is answered in words, never a 500.
"""

import re

import tablib
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export.formats.base_formats import CSV, XLSX

# A text cell that a spreadsheet program would evaluate. A leading + or - followed by a digit is a phone
# number or an amount (+86 138…, -5), which no program runs as a formula in a text cell.
_FORMULA = re.compile(r"^(?:[=@\t\r]|[+-](?![\d\s.]|$))")


def neutralise(value):
    """The cell as inert text: `=1+1` → `'=1+1`; anything else unchanged."""
    if isinstance(value, str) and _FORMULA.match(value):
        return "'" + value
    return value


def neutralised(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy of the dataset with every formula-like text cell neutralised."""
    clean = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        clean.append([neutralise(cell) for cell in row])
    return clean


def decode_csv(raw: bytes | str) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM), else GB18030 (a superset of GBK, Chinese Excel's default)."""
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            raise ValidationError(
                _("The file is neither UTF-8 nor GBK text; save it again as CSV (UTF-8) or .xlsx."),
                code="file_encoding",
            ) from None


def _checked(dataset: tablib.Dataset) -> tablib.Dataset:
    if not dataset.headers or not any(str(header or "").strip() for header in dataset.headers):
        raise ValidationError(_("The file is empty: the first row must hold the column titles."), code="file_empty")
    return neutralised(dataset)


class SafeCSV(CSV):
    # Read the upload as bytes: the encoding is found here (UTF-8 or GB18030), not assumed by the caller.
    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        text = decode_csv(in_stream)
        if not text.strip():
            raise ValidationError(_("The file is empty: the first row must hold the column titles."), code="file_empty")
        try:
            dataset = tablib.import_set(text, format="csv", **kwargs)
        except Exception:
            raise ValidationError(_("The file could not be read as CSV."), code="file_unreadable") from None
        return _checked(dataset)

    def export_data(self, dataset, **kwargs):
        return super().export_data(neutralised(dataset), **kwargs)


class SafeXLSX(XLSX):
    def create_dataset(self, in_stream):
        if not in_stream:
            raise ValidationError(_("The file is empty: the first row must hold the column titles."), code="file_empty")
        try:
            dataset = super().create_dataset(in_stream)
        except StopIteration:
            raise ValidationError(
                _("The file is empty: the first row must hold the column titles."), code="file_empty"
            ) from None
        except Exception:
            raise ValidationError(_("The file could not be read as .xlsx."), code="file_unreadable") from None
        return _checked(dataset)

    def export_data(self, dataset, **kwargs):
        return super().export_data(neutralised(dataset), **kwargs)


FORMATS = [SafeCSV, SafeXLSX]


class SpreadsheetAdminMixin:
    """For ImportExportModelAdmin: a file that cannot be read is answered in our words, not an exception name."""

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ValidationError):
            form.add_error("import_file", e.messages)
        else:
            form.add_error("import_file", _("The file could not be read; save it as .xlsx or CSV and try again."))


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_download(request, dataset: tablib.Dataset, *, filename: str, model, detail: str = ""):
    """Every export from a page: the rows as a safe .xlsx attachment (Chinese filename kept, never cached), logged in
    the audit trail as an export of `model` (who, how many rows, `detail`: the columns or filters) before it leaves.

    `filename` without the extension; the date of the export is added."""
    from audit.services import Access, access_log
    from printing.render import content_disposition

    access_log(by=request.user, access=Access.EXPORT, model=model, count=len(dataset), detail=detail)
    response = HttpResponse(SafeXLSX().export_data(dataset), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(
        f"{filename}-{timezone.localdate():%Y%m%d}.xlsx", inline=False
    )
    response["Cache-Control"] = "private, no-store"
    return response
