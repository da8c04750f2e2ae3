"""KPI values from a spreadsheet (the imports app's kind "kpi_values"): the actual values and manual scores of
sheets waiting for scoring, checked row by row in a dry run (line, column, what is wrong), written only when
every row is valid. The file is the cycle's export, filled in: cycle, employee_number, no, actual, score,
comment (other columns of the export are ignored). Writing fills the values; the head then submits the scoring
on the sheet, which computes the total."""

from decimal import Decimal, InvalidOperation

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from imports.files import read_spreadsheet
from imports.reports import ImportReport, RowProblem

from . import policies
from .exports import COLUMNS
from .models import ScoringRule, SheetItem, SheetStatus
from .selectors import sheets_visible_to

REQUIRED = ("cycle", "employee_number", "no")


def read(upload) -> tablib.Dataset:
    dataset = read_spreadsheet(upload)
    dataset.headers = [str(h or "").strip().lower() for h in dataset.headers]
    missing = [c for c in REQUIRED if c not in dataset.headers]
    if missing:
        raise ValidationError(
            _("Missing column(s): %(cols)s.") % {"cols": ", ".join(missing)}, code="import_missing_columns"
        )
    unknown = [h for h in dataset.headers if h and h not in COLUMNS]
    if unknown:
        raise ValidationError(
            _("Unknown column(s): %(cols)s. The columns are: %(known)s.")
            % {"cols": ", ".join(unknown), "known": ", ".join(COLUMNS)},
            code="import_unknown_columns",
        )
    return dataset


def _decimal(value):
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError from None


def run(*, dataset: tablib.Dataset, by, dry_run: bool, on_row=None) -> ImportReport:
    rows = list(dataset.dict)
    keys = set()
    for row in rows:
        try:
            keys.add((int(row.get("cycle")), str(row.get("employee_number") or "").strip()))
        except (TypeError, ValueError):
            continue
    cycles = {c for c, _n in keys}
    numbers = {n for _c, n in keys}
    # Every item of the sheets the file names, in the reader's scope: one query.
    items = {
        (item.sheet.cycle_id, item.sheet.employee.number, item.order): item
        for item in SheetItem.objects.filter(
            sheet__in=sheets_visible_to(by).filter(cycle_id__in=cycles, employee__number__in=numbers)
        ).select_related("sheet__employee", "sheet__department")
    }
    problems: list[RowProblem] = []
    changed: dict[int, SheetItem] = {}
    for line, row in enumerate(rows, start=2):
        found = []
        try:
            key = (int(row.get("cycle")), str(row.get("employee_number") or "").strip(), int(row.get("no")))
        except (TypeError, ValueError):
            problems.append(
                RowProblem(line=line, column="cycle / no", messages=[_("The cycle and the no. are numbers.")])
            )
            if on_row:
                on_row()
            continue
        item = items.get(key)
        if item is None:
            problems.append(
                RowProblem(
                    line=line, column="employee_number", messages=[_("No such KPI sheet row that you may fill in.")]
                )
            )
        elif item.sheet.status != SheetStatus.SCORING or not policies.can_score(by, item.sheet):
            problems.append(
                RowProblem(
                    line=line, column="employee_number", messages=[_("This sheet is not waiting for your scoring.")]
                )
            )
        else:
            try:
                actual = _decimal(row.get("actual"))
            except ValueError:
                found.append(RowProblem(line=line, column="actual", messages=[_("Not a number.")]))
                actual = None
            try:
                score = _decimal(row.get("score"))
            except ValueError:
                found.append(RowProblem(line=line, column="score", messages=[_("Not a number.")]))
                score = None
            if item.rule == ScoringRule.MANUAL:
                if score is None or not 0 <= score <= 100:
                    found.append(
                        RowProblem(
                            line=line, column="score", messages=[_("A manual indicator needs a score from 0 to 100.")]
                        )
                    )
            elif actual is None:
                found.append(RowProblem(line=line, column="actual", messages=[_("Enter the actual value.")]))
            comment = str(row.get("comment") or "")[:300]
            if not found:
                item.actual = actual
                if item.rule == ScoringRule.MANUAL:
                    item.score = score
                item.comment = comment
                changed[item.pk] = item
            problems.extend(found)
        if on_row:
            on_row()
    report = ImportReport(total=len(rows), valid=len(rows) - len({p.line for p in problems}), problems=problems)
    if dry_run or not report.ok:
        return report
    with transaction.atomic():
        SheetItem.objects.bulk_update(list(changed.values()), ["actual", "score", "comment"], batch_size=1000)
    report.written = True
    report.totals = {"update": len(changed)}
    return report


def may_start(user):
    return policies.can_import_scores(user)
