"""Candidate import: a dry run that lists every row's problems, and the real run, which writes nothing
unless every row is valid."""

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from imports.files import read_spreadsheet
from imports.reports import ImportReport, RowProblem, count_rows, report_from_result

from ..resources import COLUMNS, CandidateResource

__all__ = ["ImportReport", "RowProblem", "candidates_import", "dataset_from_upload"]


def dataset_from_upload(upload) -> tablib.Dataset:
    from imports.labels import dataset_from_labels

    from ..models import Candidate

    # Titles and choices as the candidate pages name them (姓名, 性别 男, 学历 本科 …) read as the keys and codes.
    dataset = dataset_from_labels(Candidate, read_spreadsheet(upload))  # format, size and row limits
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


def candidates_import(*, dataset: tablib.Dataset, by, dry_run: bool = True, on_row=None) -> ImportReport:
    """Check (dry run) or import the rows. The real run rolls everything back if any row has a problem.
    `on_row` is called after each row of the run that decides (the dry run, or the writing run)."""
    with transaction.atomic():
        result = _resource(by, on_row if dry_run else None).import_data(
            dataset, dry_run=True, use_transactions=True, raise_errors=False
        )
        report = _report(result, len(dataset))
        if dry_run or not report.ok:
            return report
    with transaction.atomic():
        result = _resource(by, on_row).import_data(
            dataset, dry_run=False, use_transactions=True, raise_errors=False, rollback_on_validation_errors=True
        )
        report = _report(result, len(dataset))
        if not report.ok:
            transaction.set_rollback(True)
            return report
        report.written = True
        return report


def _resource(by, on_row) -> CandidateResource:
    resource = CandidateResource(user=by)
    count_rows(resource, on_row)
    return resource


def _report(result, total: int) -> ImportReport:
    return report_from_result(result, total, column_labels={"privacy_notice_at": "consent"})
