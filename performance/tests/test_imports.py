"""KPI values from a spreadsheet: the dry run lists row, column and what is wrong; nothing is written unless all
rows are valid; only the head's own sheets waiting for scoring."""

from decimal import Decimal

import pytest
import tablib

from performance import imports, services
from performance.models import SheetItem

from .conftest import sheet_of

pytestmark = pytest.mark.django_db


def _ready(co, employee):
    sheet = sheet_of(co, employee)
    services.sheet_agree_goals(sheet=sheet, by=co.prod_head)
    if employee.user_id:
        services.sheet_self_assess(sheet=sheet, by=employee.user, values={})
    return sheet


def _data(co, employee, rows):
    data = tablib.Dataset(headers=["cycle", "employee_number", "no", "actual", "score", "comment"])
    for no, actual, score in rows:
        data.append([co.cycle.pk, employee.number, no, actual, score, "导入"])
    return data


def test_dry_run_reports_each_problem_and_writes_nothing(opened):
    co = opened
    _ready(co, co.worker_employee)
    data = _data(co, co.worker_employee, [(1, "95", ""), (2, "abc", ""), (4, "", "150"), (9, "1", "")])
    report = imports.run(dataset=data, by=co.prod_head, dry_run=False)
    assert not report.ok and not report.written
    problems = {(p.line, p.column) for p in report.problems}
    assert problems == {(3, "actual"), (4, "score"), (5, "employee_number")}
    assert not SheetItem.objects.filter(actual__isnull=False).exists()


def test_valid_rows_are_written(opened):
    co = opened
    sheet = _ready(co, co.worker_employee)
    data = _data(co, co.worker_employee, [(1, "95", ""), (2, "2", ""), (3, "0", ""), (4, "", "80")])
    assert imports.run(dataset=data, by=co.prod_head, dry_run=True).ok
    assert not SheetItem.objects.filter(actual__isnull=False).exists()
    report = imports.run(dataset=data, by=co.prod_head, dry_run=False)
    assert report.written
    assert sheet.items.get(order=1).actual == Decimal("95")
    assert sheet.items.get(order=4).score == Decimal("80")


def test_another_departments_sheet_is_refused(opened):
    co = opened
    sheet = sheet_of(co, co.inspector)
    services.sheet_agree_goals(sheet=sheet, by=co.qa_head)
    sheet.refresh_from_db()
    sheet.status = "scoring"
    sheet.save()
    report = imports.run(dataset=_data(co, co.inspector, [(1, "95", "")]), by=co.prod_head, dry_run=True)
    assert not report.ok and report.problems[0].column == "employee_number"
