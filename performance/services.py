"""Writes of the KPI review. Each sheet step locks the sheet's row, asks its policy on the fresh state (two clicks
at once: the second finds the step done and is refused), writes the values and the step row (who, when, comment).
"""

import datetime
import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from employees.models import Employee

from . import policies
from .models import (
    OPEN_SHEET_STATUSES,
    Cycle,
    GradeBand,
    ImprovementPlan,
    Indicator,
    KpiTemplate,
    PeerFeedback,
    ScoringRule,
    Sheet,
    SheetItem,
    SheetStatus,
    SheetStep,
    StepKind,
    indicator_clean,
)
from .scoring import grade_for, indicator_score, weighted_total, weights_problem
from .selectors import grade_bands, plan_grades

# Sheets are written in batches this large (one INSERT each): 5,000 sheets are 3 inserts of items at most.
BATCH = 5000


# --- templates -------------------------------------------------------------------------------------------------


@dataclass
class IndicatorData:
    name: str
    weight: int
    rule: str = ScoringRule.LINEAR
    definition: str = ""
    unit: str = ""
    target: Decimal | None = None
    floor: Decimal | None = None


def _check_indicators(indicators: Sequence[IndicatorData]) -> None:
    problem = weights_problem([i.weight for i in indicators])
    if problem:
        raise ValidationError(problem, code="weights_not_100")
    for data in indicators:
        indicator_clean(data)


@transaction.atomic
def template_save(
    *,
    by,
    name: str,
    indicators: Sequence[IndicatorData],
    position=None,
    category: str = "",
    previous: KpiTemplate | None = None,
    note: str = "",
) -> KpiTemplate:
    """A new template, or (with `previous`) its next version: the old version stays for the sheets using it."""
    policies.can_manage_templates(by).enforce()
    _check_indicators(indicators)
    version = 1
    if previous is not None:
        previous = KpiTemplate.objects.select_for_update(of=("self",)).get(pk=previous.pk)
        if not previous.is_current:
            raise ValidationError(_("A newer version of this template exists; edit that one."), code="not_current")
        position, category, version = previous.position, previous.category, previous.version + 1
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    else:
        clash = KpiTemplate.objects.filter(is_current=True)
        clash = (
            clash.filter(position=position) if position is not None else clash.filter(position=None, category=category)
        )
        if clash.exists():
            raise ValidationError(
                _("This position or category has a template already: make a new version of it."),
                code="template_exists",
            )
    template = KpiTemplate(
        name=name,
        position=position,
        category=category if position is None else "",
        version=version,
        previous=previous,
        note=note,
        created_by=by,
    )
    template.full_clean()
    template.save()
    Indicator.objects.bulk_create(
        Indicator(template=template, order=n, **vars(data)) for n, data in enumerate(indicators, start=1)
    )
    return template


# --- cycles ----------------------------------------------------------------------------------------------------


def cycle_save(*, by, cycle: Cycle, departments=(), positions=()) -> Cycle:
    (policies.can_edit_cycle(by, cycle) if cycle.pk else policies.can_manage_cycles(by)).enforce()
    if cycle.pk is None:
        cycle.created_by = by
    cycle.full_clean()
    with transaction.atomic():
        cycle.save()
        cycle.departments.set(departments)
        cycle.positions.set(positions)
    return cycle


def cycle_employees(cycle: Cycle):
    """The employees in the cycle's scope who have not separated (departments include those below them)."""
    qs = Employee.objects.active()
    departments = list(cycle.departments.all())
    if departments:
        q = Q()
        for department in departments:
            q |= Q(department__path__startswith=department.path)
        qs = qs.filter(q)
    position_ids = list(cycle.positions.values_list("pk", flat=True))
    if position_ids:
        qs = qs.filter(position_id__in=position_ids)
    return qs


@dataclass
class OpenResult:
    created: int
    without_template: int


def cycle_open(*, cycle: Cycle, by) -> OpenResult:
    """Open the cycle: a KPI sheet for every employee in scope, with the indicators of the current template of
    their position (else of their position's category). A constant number of queries whatever the headcount;
    safe to run twice (one sheet per employee and cycle: the unique constraint, conflicts ignored)."""
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update(of=("self",)).get(pk=cycle.pk)
        policies.can_open_cycle(by, cycle).enforce()
        templates = {}
        for template in KpiTemplate.objects.filter(is_current=True).prefetch_related("indicators"):
            key = ("p", template.position_id) if template.position_id else ("c", template.category)
            templates[key] = template
        employees = list(cycle_employees(cycle).values_list("pk", "department_id", "position_id", "position__category"))
        first_status = SheetStatus.GOALS
        sheets, missing = [], 0
        for pk, department_id, position_id, category in employees:
            template = templates.get(("p", position_id)) or templates.get(("c", category))
            if template is None:
                missing += 1
                continue
            sheets.append(
                Sheet(
                    cycle=cycle,
                    employee_id=pk,
                    department_id=department_id,
                    position_id=position_id,
                    template=template,
                    status=first_status,
                )
            )
        before = cycle.sheets.count()
        existing = set(cycle.sheets.values_list("employee_id", flat=True))
        # A rerun skips those who have their sheet; a concurrent one is kept out by the cycle's row lock and, at
        # worst, by the unique constraint (conflicts ignored).
        Sheet.objects.bulk_create(
            [sheet for sheet in sheets if sheet.employee_id not in existing], batch_size=BATCH, ignore_conflicts=True
        )
        _copy_indicators(cycle)
        if cycle.status == Cycle.Status.DRAFT:
            cycle.status = Cycle.Status.OPEN
            cycle.opened_at = timezone.now()
            cycle.opened_by = by
            cycle.save(update_fields=["status", "opened_at", "opened_by"])
        created = cycle.sheets.count() - before
    return OpenResult(created=created, without_template=missing)


def _copy_indicators(cycle: Cycle) -> None:
    """The rows of the cycle's new sheets (those without rows yet), copied from their template version's
    indicators in one INSERT … SELECT inside the database: 25,000 rows in one statement, no Python objects."""
    qn = connection.ops.quote_name
    item, indicator, sheet = SheetItem._meta, Indicator._meta, Sheet._meta
    copied = ["order", "name", "definition", "unit", "target", "floor", "weight", "rule"]
    blank = ["self_comment", "comment"]

    def col(meta, name):
        return qn(meta.get_field(name).column)

    columns = [col(item, "sheet"), *(col(item, f) for f in copied), *(col(item, f) for f in blank)]
    values = ["s." + qn("id"), *("i." + col(indicator, f) for f in copied), *("''" for _f in blank)]
    # Only quoted identifiers from the models' metadata go into the text; the cycle is a parameter.
    sql = (
        f"INSERT INTO {qn(item.db_table)} ({', '.join(columns)}) "  # noqa: S608
        f"SELECT {', '.join(values)} FROM {qn(sheet.db_table)} s "
        f"INNER JOIN {qn(indicator.db_table)} i ON i.{col(indicator, 'template')} = s.{col(sheet, 'template')} "
        f"WHERE s.{col(sheet, 'cycle')} = %s AND NOT EXISTS ("
        f"SELECT 1 FROM {qn(item.db_table)} x WHERE x.{col(item, 'sheet')} = s.{qn('id')})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [cycle.pk])


def cycle_close(*, cycle: Cycle, by) -> Cycle:
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update(of=("self",)).get(pk=cycle.pk)
        policies.can_close_cycle(by, cycle).enforce()
        cycle.status = Cycle.Status.CLOSED
        cycle.save(update_fields=["status"])
    return cycle


# --- the sheet's steps -----------------------------------------------------------------------------------------


def _locked(sheet: Sheet) -> Sheet:
    return (
        Sheet.objects.select_for_update(of=("self",)).select_related("employee", "cycle", "department").get(pk=sheet.pk)
    )


def _step(sheet: Sheet, kind: str, by, comment: str = "") -> SheetStep:
    return SheetStep.objects.create(sheet=sheet, kind=kind, by=by, at=timezone.now(), comment=comment)


def _move(sheet: Sheet, status: str, *fields: str) -> None:
    sheet.status = status
    sheet.save(update_fields=["status", "updated_at", *fields])


def sheet_agree_goals(
    *, sheet: Sheet, by, targets: dict[int, Decimal | None] | None = None, comment: str = ""
) -> Sheet:
    """Goals agreed with the employee (targets may be adjusted here): on to self-assessment or scoring."""
    with transaction.atomic():
        sheet = _locked(sheet)
        policies.can_agree_goals(by, sheet).enforce()
        if targets:
            items = list(sheet.items.filter(pk__in=targets))
            for item in items:
                item.target = targets[item.pk]
                indicator_clean(item)
            SheetItem.objects.bulk_update(items, ["target"])
        _step(sheet, StepKind.GOALS, by, comment)
        _move(sheet, SheetStatus.SELF if sheet.cycle.self_assessment else SheetStatus.SCORING)
    return sheet


def sheet_self_assess(*, sheet: Sheet, by, values: dict[int, tuple[Decimal | None, str]], comment: str = "") -> Sheet:
    with transaction.atomic():
        sheet = _locked(sheet)
        policies.can_self_assess(by, sheet).enforce()
        items = list(sheet.items.all())
        for item in items:
            if item.pk in values:
                item.self_actual, item.self_comment = values[item.pk]
        SheetItem.objects.bulk_update(items, ["self_actual", "self_comment"])
        _step(sheet, StepKind.SELF, by, comment)
        _move(sheet, SheetStatus.SCORING)
    return sheet


def _apply_values(items: list[SheetItem], values: dict[int, tuple]) -> None:
    """Set actual/score/comment from `values` (item pk → (actual, manual score, comment)) and score each row by
    its rule. Every row needs its score."""
    errors = []
    for item in items:
        if item.pk in values:
            actual, manual, comment = values[item.pk]
            item.actual, item.comment = actual, comment
            if item.rule == ScoringRule.MANUAL:
                item.score = manual
        item.score = indicator_score(
            rule=item.rule,
            actual=item.actual,
            target=item.target,
            floor=item.floor,
            manual=item.score if item.rule == ScoringRule.MANUAL else None,
        )
        if item.score is None:
            errors.append(item.name)
    if errors:
        raise ValidationError(
            _("Enter the actual value or score of: %(names)s.") % {"names": "、".join(errors)}, code="score_missing"
        )


def _grade(sheet: Sheet, items: list[SheetItem]) -> None:
    sheet.total = weighted_total((item.weight, item.score) for item in items)
    sheet.grade = grade_for(sheet.total, grade_bands())


def sheet_score(*, sheet: Sheet, by, values: dict[int, tuple], comment: str = "") -> Sheet:
    with transaction.atomic():
        sheet = _locked(sheet)
        policies.can_score(by, sheet).enforce()
        items = list(sheet.items.all())
        _apply_values(items, values)
        SheetItem.objects.bulk_update(items, ["actual", "score", "comment"])
        _grade(sheet, items)
        _step(sheet, StepKind.SCORING, by, comment)
        _move(sheet, SheetStatus.INTERVIEW, "total", "grade")
    return sheet


def sheet_record_interview(*, sheet: Sheet, by, notes: str) -> Sheet:
    if not notes.strip():
        raise ValidationError({"notes": ValidationError(_("Write down what was discussed."), code="notes_required")})
    with transaction.atomic():
        sheet = _locked(sheet)
        policies.can_record_interview(by, sheet).enforce()
        sheet.interview_notes = notes
        _step(sheet, StepKind.INTERVIEW, by, notes)
        _move(sheet, SheetStatus.ACKNOWLEDGEMENT, "interview_notes")
    return sheet


def sheet_acknowledge(*, sheet: Sheet, by, comment: str = "") -> Sheet:
    with transaction.atomic():
        sheet = _locked(sheet)
        policies.can_acknowledge(by, sheet).enforce()
        _step(sheet, StepKind.ACKNOWLEDGEMENT, by, comment)
        _move(sheet, SheetStatus.CALIBRATION)
    return sheet


def sheet_calibrate(*, sheet: Sheet, by, grade: str = "", comment: str = "") -> Sheet:
    """HR calibration: the grade may be changed (with a comment saying why); the sheet is then locked."""
    with transaction.atomic():
        sheet = _locked(sheet)
        policies.can_calibrate(by, sheet).enforce()
        grades = {g for g, _m in grade_bands()}
        if grade and grade not in grades:
            raise ValidationError({"grade": ValidationError(_("Unknown grade."), code="unknown_grade")})
        if grade and grade != sheet.grade and not comment.strip():
            raise ValidationError(
                {"comment": ValidationError(_("Say why the grade is calibrated."), code="calibration_reason")}
            )
        sheet.calibrated_grade = grade if grade != sheet.grade else ""
        _step(sheet, StepKind.CALIBRATION, by, comment)
        _move(sheet, SheetStatus.LOCKED, "calibrated_grade")
    return sheet


def sheet_release(*, sheet: Sheet, by) -> Sheet:
    with transaction.atomic():
        sheet = _locked(sheet)
        policies.can_release(by, sheet).enforce()
        sheet.released = True
        sheet.save(update_fields=["released", "updated_at"])
        _step(sheet, StepKind.RELEASED, by)
    return sheet


def sheet_amend(*, sheet: Sheet, by, values: dict[int, tuple], reason: str) -> Sheet:
    """A locked sheet changed by HR: only with a reason, recorded as a step and in the audit log."""
    if not reason.strip():
        raise ValidationError(
            {"reason": ValidationError(_("A locked sheet changes only with a reason."), code="reason_required")}
        )
    with transaction.atomic():
        sheet = _locked(sheet)
        policies.can_amend_locked(by, sheet).enforce()
        items = list(sheet.items.all())
        before = sheet.total
        _apply_values(items, values)
        for item in items:  # one save per row: the audit log keeps each changed value
            item.save(update_fields=["actual", "score", "comment"])
        _grade(sheet, items)
        if sheet.calibrated_grade == sheet.grade:
            sheet.calibrated_grade = ""
        sheet.save(update_fields=["total", "grade", "calibrated_grade", "updated_at"])
        _step(
            sheet,
            StepKind.AMENDED,
            by,
            _("%(reason)s (total %(old)s → %(new)s)") % {"reason": reason, "old": before, "new": sheet.total},
        )
    return sheet


def sheet_record_consequences(*, sheet: Sheet, by, **fields) -> Sheet:
    allowed = {"bonus", "salary_change", "job_change", "training", "consequence_note"}
    with transaction.atomic():
        sheet = _locked(sheet)
        policies.can_record_consequences(by, sheet).enforce()
        for name, value in fields.items():
            if name not in allowed:
                raise ValueError(name)
            setattr(sheet, name, value)
        for name in ("salary_change", "job_change"):
            record = getattr(sheet, name)
            if record is not None and record.employee_id != sheet.employee_id:
                raise ValidationError(
                    {name: ValidationError(_("That record is another employee's."), code="other_employee")}
                )
        sheet.save(update_fields=[*fields, "updated_at"])
        _step(sheet, StepKind.CONSEQUENCES, by)
    return sheet


def sheets_close_for(*, employee: Employee, by=None, date: datetime.date | None = None) -> int:
    """The separated employee's open sheets are closed (recorded as a step). Idempotent."""
    with transaction.atomic():
        sheets = list(
            Sheet.objects.select_for_update(of=("self",)).filter(employee=employee, status__in=OPEN_SHEET_STATUSES)
        )
        now = timezone.now()
        comment = _("Separated on %(date)s.") % {"date": f"{date or timezone.localdate():%Y-%m-%d}"}
        for sheet in sheets:
            sheet.status = SheetStatus.CLOSED
        Sheet.objects.bulk_update(sheets, ["status"])
        SheetStep.objects.bulk_create(
            SheetStep(sheet=sheet, kind=StepKind.CLOSED, by=by, at=now, comment=comment) for sheet in sheets
        )
    return len(sheets)


# --- peers -----------------------------------------------------------------------------------------------------


def peers_request(*, sheet: Sheet, by, reviewers: Iterable[Employee]) -> int:
    with transaction.atomic():
        sheet = _locked(sheet)
        policies.can_request_peers(by, sheet).enforce()
        reviewers = [r for r in reviewers if r.pk != sheet.employee_id]
        if any(r.user_id is None for r in reviewers):
            raise ValidationError(
                {"reviewers": ValidationError(_("Choose colleagues who have a login."), code="reviewer_without_login")}
            )
        existing = set(sheet.peers.values_list("reviewer_id", flat=True))
        new = [PeerFeedback(sheet=sheet, reviewer=r, requested_by=by) for r in reviewers if r.pk not in existing]
        PeerFeedback.objects.bulk_create(new, ignore_conflicts=True)
        if new:
            _step(
                sheet,
                StepKind.PEERS,
                by,
                ngettext("%(n)s colleague asked.", "%(n)s colleagues asked.", len(new)) % {"n": len(new)},
            )
    return len(new)


def peer_answer(*, peer: PeerFeedback, by, rating: int, strengths: str = "", improvements: str = "") -> PeerFeedback:
    with transaction.atomic():
        peer = PeerFeedback.objects.select_for_update(of=("self",)).select_related("sheet", "reviewer").get(pk=peer.pk)
        policies.can_answer_peer(by, peer).enforce()
        peer.rating, peer.strengths, peer.improvements = rating, strengths, improvements
        peer.answered_at = timezone.now()
        peer.full_clean()
        peer.save()
    return peer


# --- grades and plans ------------------------------------------------------------------------------------------


@transaction.atomic
def grade_table_save(*, by, bands: Sequence[tuple[str, Decimal, int, bool]]) -> None:
    policies.can_edit_grades(by).enforce()
    if not bands:
        raise ValidationError(_("Keep at least one grade."), code="grades_empty")
    if len({b[1] for b in bands}) != len(bands) or len({b[0] for b in bands}) != len(bands):
        raise ValidationError(_("Each grade and each lowest score once."), code="grades_duplicate")
    if min(b[1] for b in bands) != 0:
        raise ValidationError(_("The lowest grade must start at 0."), code="grades_no_floor")
    if sum(b[2] for b in bands) != 100:
        raise ValidationError(_("The forced distribution must add up to 100%."), code="forced_not_100")
    GradeBand.objects.all().delete()
    GradeBand.objects.bulk_create(GradeBand(grade=g, min_score=m, forced_share=s, needs_plan=p) for g, m, s, p in bands)


def plan_create(*, sheet: Sheet, by, gap: str, actions: str, owner, due_date: datetime.date) -> ImprovementPlan:
    with transaction.atomic():
        sheet = _locked(sheet)
        policies.can_create_plan(by, sheet, low_grades=plan_grades()).enforce()
        plan = ImprovementPlan(sheet=sheet, gap=gap, actions=actions, owner=owner, due_date=due_date, created_by=by)
        plan.full_clean()
        plan.save()
    return plan


def plan_update(*, plan: ImprovementPlan, by, complete: bool = False, **fields) -> ImprovementPlan:
    with transaction.atomic():
        plan = ImprovementPlan.objects.select_for_update(of=("self",)).select_related("sheet__employee").get(pk=plan.pk)
        policies.can_edit_plan(by, plan).enforce()
        for name, value in fields.items():
            setattr(plan, name, value)
        if complete:
            if not plan.follow_up.strip():
                raise ValidationError(
                    {
                        "follow_up": ValidationError(
                            _("Record the follow-up before completing."), code="follow_up_required"
                        )
                    }
                )
            plan.status = ImprovementPlan.Status.DONE
        plan.full_clean()
        plan.save()
    return plan


def training_need_raiser():
    """training.services.raise_need when the training app offers it, else None (imported lazily: this app does
    not depend on the training app's models)."""
    try:
        training_services = importlib.import_module("training.services")
    except ImportError:
        return None
    return getattr(training_services, "raise_need", None)


def plan_to_training_need(plan: ImprovementPlan, by) -> int:
    """The plan's gap becomes a training need (spec 05) in one click, through training.services.raise_need.
    Returns the need's id."""
    raise_need = training_need_raiser()
    if raise_need is None:
        raise ValidationError(_("The training app does not take training needs yet."), code="training_unavailable")
    with transaction.atomic():
        plan = (
            ImprovementPlan.objects.select_for_update(of=("self",))
            .select_related("sheet__employee", "sheet__cycle")
            .get(pk=plan.pk)
        )
        policies.can_plan_training(by, plan).enforce()
        need = raise_need(
            employee=plan.sheet.employee,
            topic=plan.gap[:200],
            source="kpi",
            by=by,
            reason=_("KPI %(cycle)s, grade %(grade)s: %(actions)s")
            % {"cycle": plan.sheet.cycle, "grade": plan.sheet.final_grade, "actions": plan.actions[:200]},
        )
        plan.training_need_id = need.pk
        plan.save(update_fields=["training_need_id", "updated_at"])
    return need.pk
