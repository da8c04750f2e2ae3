"""The results of a cycle as .xlsx: one row per indicator of every sheet the reader sees (the same columns the
KPI import reads back: cycle, employee_number, no, actual, score, comment)."""

import tablib

from core.spreadsheets import SafeXLSX

from .models import SheetItem, SheetStatus
from .selectors import sheets_visible_to

COLUMNS = [
    "cycle",
    "employee_number",
    "employee",
    "department",
    "status",
    "no",
    "indicator",
    "unit",
    "weight",
    "rule",
    "target",
    "actual",
    "score",
    "comment",
    "total",
    "grade",
]


def results_xlsx(cycle, user) -> tuple[bytes, int]:
    """The spreadsheet and the number of sheets in it; rows read in one query, streamed by iterator."""
    sheets = sheets_visible_to(user).filter(cycle=cycle).exclude(status=SheetStatus.CLOSED)
    rows = (
        SheetItem.objects.filter(sheet__in=sheets)
        .order_by("sheet__employee__number", "order")
        .values_list(
            "sheet_id",
            "sheet__employee__number",
            "sheet__employee__name",
            "sheet__department__name",
            "sheet__status",
            "order",
            "name",
            "unit",
            "weight",
            "rule",
            "target",
            "actual",
            "score",
            "comment",
            "sheet__total",
            "sheet__calibrated_grade",
            "sheet__grade",
        )
    )
    data = tablib.Dataset(headers=COLUMNS, title="KPI")
    labels = dict(SheetStatus.choices)
    seen = set()
    for (
        sheet_id,
        number,
        name,
        dept,
        status,
        no,
        indicator,
        unit,
        weight,
        rule,
        target,
        actual,
        score,
        comment,
        total,
        calibrated,
        grade,
    ) in rows.iterator(chunk_size=2000):
        seen.add(sheet_id)
        data.append(
            [
                cycle.pk,
                number,
                name,
                dept,
                str(labels.get(status, status)),
                no,
                indicator,
                unit,
                weight,
                rule,
                target,
                actual,
                score,
                comment,
                total,
                calibrated or grade,
            ]
        )
    return SafeXLSX().export_data(data), len(seen)
