"""Import of assessment scores from a spreadsheet (imports app, kind "training_scores"): columns session (the
session number shown on its page), employee number, method, score. The dry run lists every problem by row and
column; the real run writes nothing unless every row is valid."""

from decimal import Decimal, InvalidOperation

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from imports.files import read_spreadsheet
from imports.reports import ImportReport, RowProblem

from . import services
from .models import AssessmentMethod, Participant
from .selectors import sessions_visible_to

COLUMNS = ("session", "employee", "method", "score")
# Accepted spellings of the assessment methods: the code or the Chinese label of the forms.
METHOD_NAMES = {
    **{value: value for value in AssessmentMethod.values},
    "理论考核": "written",
    "笔试": "written",
    "现场问答": "oral",
    "口试": "oral",
    "实践操作": "practical",
    "实操": "practical",
    "感悟分享": "sharing",
}


def read_scores(upload) -> tablib.Dataset:
    dataset = read_spreadsheet(upload)
    dataset.headers = [str(h or "").strip().lower() for h in (dataset.headers or [])]
    missing = [c for c in COLUMNS if c not in dataset.headers]
    if missing:
        raise ValidationError(
            _("Missing column(s): %(cols)s.") % {"cols": ", ".join(missing)}, code="import_missing_columns"
        )
    return dataset


def scores_import(*, dataset: tablib.Dataset, by, dry_run: bool = True, on_row=None) -> ImportReport:
    sessions = {s.pk: s for s in sessions_visible_to(by)}
    problems: list[RowProblem] = []
    rows = []
    for index, row in enumerate(dataset.dict, start=2):
        line_problems = []
        session_key = str(row.get("session") or "").strip()
        number = str(row.get("employee") or "").strip()
        method = METHOD_NAMES.get(str(row.get("method") or "").strip())
        session = sessions.get(int(session_key)) if session_key.isdigit() else None
        participant = None
        if session is None:
            line_problems.append(RowProblem(index, "session", [_("No such session.")]))
        else:
            participant = (
                Participant.objects.filter(session=session, employee__number=number).select_related("session").first()
            )
            if participant is None:
                line_problems.append(RowProblem(index, "employee", [_("Not a participant of this session.")]))
            elif not participant.attended:
                line_problems.append(RowProblem(index, "employee", [_("Did not attend: only attendees are assessed.")]))
        if method is None:
            line_problems.append(
                RowProblem(index, "method", [_("Unknown method; use 理论考核, 现场问答, 实践操作 or 感悟分享.")])
            )
        try:
            score = Decimal(str(row.get("score")).strip())
            if not Decimal(0) <= score <= Decimal(100):
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            score = None
            line_problems.append(RowProblem(index, "score", [_("A score between 0 and 100.")]))
        problems += line_problems
        if not line_problems:
            rows.append((participant, method, score))
        if on_row is not None:
            on_row()
    report = ImportReport(total=len(dataset), valid=len(rows), problems=problems)
    if dry_run or not report.ok:
        return report
    with transaction.atomic():
        for participant, method, score in rows:
            services.assessment_record(participant=participant, score=score, method=method, by=by)
    report.written = True
    report.totals = {"update": len(rows)}
    return report
