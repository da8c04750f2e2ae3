"""Candidate import: a dry run that lists every row's problems, and the real run, which writes nothing
unless every row is valid."""

from dataclasses import dataclass, field

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.spreadsheets import SafeCSV, SafeXLSX

from ..resources import COLUMNS, CandidateResource

IMPORT_FORMATS = {".csv": "csv", ".xlsx": "xlsx"}


@dataclass
class RowProblem:
    line: int  # the spreadsheet line (the header is line 1)
    column: str
    messages: list[str]


@dataclass
class ImportReport:
    total: int
    valid: int
    problems: list[RowProblem] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and self.total > 0


def dataset_from_upload(upload) -> tablib.Dataset:
    name = (upload.name or "").lower()
    ext = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if ext not in IMPORT_FORMATS:
        raise ValidationError(_("Upload an .xlsx or .csv file."), code="import_format")
    upload.seek(0)
    raw = upload.read()
    try:
        if ext == ".csv":
            dataset = SafeCSV().create_dataset(raw)
        else:
            dataset = SafeXLSX().create_dataset(raw)
    except ValidationError:
        raise
    except Exception:
        raise ValidationError(_("The file could not be read as %(ext)s.") % {"ext": ext}, code="import_unreadable")
    dataset.headers = [str(h or "").strip().lower() for h in (dataset.headers or [])]
    missing = [c for c in ("name", "source_channel", "consent") if c not in dataset.headers]
    if missing:
        raise ValidationError(
            _("Missing column(s): %(cols)s.") % {"cols": ", ".join(missing)}, code="import_missing_columns"
        )
    unknown = [h for h in dataset.headers if h and h not in COLUMNS]
    if unknown:
        raise ValidationError(
            _("Unknown column(s): %(cols)s.") % {"cols": ", ".join(unknown)}, code="import_unknown_columns"
        )
    return dataset


def candidates_import(*, dataset: tablib.Dataset, by, dry_run: bool = True) -> ImportReport:
    """Check (dry run) or import the rows. The real run rolls everything back if any row has a problem."""
    with transaction.atomic():
        result = CandidateResource(user=by).import_data(
            dataset, dry_run=True, use_transactions=True, raise_errors=False
        )
        report = _report(result, len(dataset))
        if dry_run or not report.ok:
            return report
    with transaction.atomic():
        result = CandidateResource(user=by).import_data(
            dataset, dry_run=False, use_transactions=True, raise_errors=False, rollback_on_validation_errors=True
        )
        report = _report(result, len(dataset))
        if not report.ok:
            transaction.set_rollback(True)
            return report
        report.written = True
        return report


def _report(result, total: int) -> ImportReport:
    problems: list[RowProblem] = []
    for invalid in result.invalid_rows:
        for column, messages in invalid.error_dict.items():
            label = "" if column == NON_FIELD_ERRORS else ("consent" if column == "privacy_notice_at" else column)
            problems.append(RowProblem(line=invalid.number + 1, column=label, messages=list(messages)))
    for number, errors in result.row_errors():
        problems.append(RowProblem(line=number + 1, column="", messages=[str(e.error) for e in errors]))
    for error in result.base_errors:
        problems.append(RowProblem(line=0, column="", messages=[str(error.error)]))
    problems.sort(key=lambda p: (p.line, p.column))
    invalid_lines = {p.line for p in problems}
    return ImportReport(total=total, valid=total - len(invalid_lines - {0}), problems=problems)
