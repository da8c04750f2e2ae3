"""Volume data for the KPI review: a semi-annual cycle for every half-year of the simulated history, each with a
locked KPI sheet (four indicators, scored, graded, calibrated) for every employee in post for the whole half;
the D grades of the last two years carry their improvement plan. The current half-year is open with sheets
waiting at goal setting. Uses ctx.made["employees.employees"] and ["org.positions"]; bulk inserts only.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from core.seeding import VolumeContext
from org.models import PositionCategory

from .models import (
    Cycle,
    ImprovementPlan,
    Indicator,
    KpiTemplate,
    PeriodType,
    ScoringRule,
    Sheet,
    SheetItem,
    SheetStatus,
    SheetStep,
    StepKind,
)
from .scoring import DEFAULT_BANDS, grade_for, weighted_total

D = Decimal
# (name, weight, rule, unit, target, floor) per indicator, the same four for every category in volume data.
ROWS = [
    ("任务/产量达成率", 40, ScoringRule.LINEAR, "%", D(100), D(70)),
    ("质量指标", 30, ScoringRule.LINEAR, "%", D(1), D(5)),
    ("安全与合规", 10, ScoringRule.PASS_FAIL, "次", D(0), D(1)),
    ("综合表现", 20, ScoringRule.MANUAL, "", None, None),
]


def _templates(ctx: VolumeContext) -> dict[str, KpiTemplate]:
    found = {t.category: t for t in KpiTemplate.objects.filter(position=None, is_current=True)}
    for category, label in PositionCategory.choices:
        if category in found:
            continue
        template = KpiTemplate.objects.create(name=f"{label} KPI", category=category)
        Indicator.objects.bulk_create(
            Indicator(template=template, order=n, name=name, weight=w, rule=rule, unit=unit, target=t, floor=f)
            for n, (name, w, rule, unit, t, f) in enumerate(ROWS, start=1)
        )
        found[category] = template
    return found


def _halves(ctx: VolumeContext) -> list[tuple[datetime.date, datetime.date]]:
    out = []
    for year in range(ctx.start.year, ctx.today.year + 1):
        for first, last in (
            (datetime.date(year, 1, 1), datetime.date(year, 6, 30)),
            (datetime.date(year, 7, 1), datetime.date(year, 12, 31)),
        ):
            if first >= ctx.start:
                out.append((first, last))
    return out


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def generate(ctx: VolumeContext) -> None:
    rng = ctx.rng_for("performance")
    employees = ctx.made.get("employees.employees") or []
    if not employees:
        return
    categories = {p.pk: p.category for p in ctx.made.get("org.positions", [])}
    heads = ctx.made.get("employees.heads", {})
    templates = _templates(ctx)
    items_of = {t.pk: list(t.indicators.all()) for t in templates.values()}
    plan_from = ctx.today - datetime.timedelta(days=730)
    sheets_made = 0
    for first, last in _halves(ctx):
        current = last >= ctx.today
        cycle = Cycle.objects.create(
            name=f"{first.year}年{'上' if first.month == 1 else '下'}半年",
            period_type=PeriodType.SEMI_ANNUAL,
            start_date=first,
            end_date=last,
            self_assessment=False,
            scoring_deadline=last + datetime.timedelta(days=20),
            status=Cycle.Status.OPEN if current else Cycle.Status.CLOSED,
            opened_at=_aware(first),
        )
        people = [
            e
            for e in employees
            if e.hire_date <= first and (e.separated_on is None or e.separated_on > (ctx.today if current else last))
        ]
        sheets, scored = [], []
        for e in people:
            template = templates.get(categories.get(e.position_id, PositionCategory.FRONTLINE))
            if template is None:
                continue
            sheet = Sheet(
                cycle=cycle,
                employee_id=e.pk,
                department_id=e.department_id,
                position_id=e.position_id,
                template=template,
                status=SheetStatus.GOALS if current else SheetStatus.LOCKED,
                released=not current,
            )
            scores = []
            if not current:
                level = min(max(rng.gauss(0.8, 0.15), 0), 1)
                for indicator in items_of[template.pk]:
                    if indicator.rule == ScoringRule.MANUAL:
                        scores.append(D(str(round(60 + 40 * level))))
                    elif indicator.rule == ScoringRule.PASS_FAIL:
                        scores.append(D(100) if rng.random() < 0.9 else D(0))
                    else:
                        scores.append(D(str(round(100 * min(max(level + rng.uniform(-0.1, 0.1), 0), 1), 1))))
                sheet.total = weighted_total((i.weight, s) for i, s in zip(items_of[template.pk], scores, strict=True))
                sheet.grade = grade_for(sheet.total, DEFAULT_BANDS)
            sheets.append(sheet)
            scored.append(scores)
        sheets = ctx.bulk_create(Sheet, sheets)
        sheets_made += len(sheets)
        items, steps, plans = [], [], []
        for sheet, scores in zip(sheets, scored, strict=True):
            for n, indicator in enumerate(items_of[sheet.template_id]):
                score = scores[n] if scores else None
                actual = None
                if score is not None and indicator.rule != ScoringRule.MANUAL and indicator.target is not None:
                    if indicator.rule == ScoringRule.PASS_FAIL:
                        actual = indicator.target if score else indicator.floor
                    else:
                        actual = (indicator.floor + (indicator.target - indicator.floor) * score / 100).quantize(
                            D("0.01")
                        )
                items.append(
                    SheetItem(
                        sheet=sheet,
                        order=indicator.order,
                        name=indicator.name,
                        unit=indicator.unit,
                        target=indicator.target,
                        floor=indicator.floor,
                        weight=indicator.weight,
                        rule=indicator.rule,
                        actual=actual,
                        score=score,
                    )
                )
            if not current:
                steps.append(
                    SheetStep(sheet=sheet, kind=StepKind.SCORING, at=_aware(last + datetime.timedelta(days=10)))
                )
                steps.append(
                    SheetStep(sheet=sheet, kind=StepKind.CALIBRATION, at=_aware(last + datetime.timedelta(days=25)))
                )
                head = heads.get(sheet.department_id)
                if sheet.grade == "D" and last >= plan_from and head is not None and head.user_id:
                    plans.append(
                        ImprovementPlan(
                            sheet=sheet,
                            gap="主要指标未达目标",
                            actions="制定月度改进目标，主管每月跟进",
                            owner_id=head.user_id,
                            due_date=last + datetime.timedelta(days=90),
                            follow_up="已按月跟进" if last + datetime.timedelta(days=90) < ctx.today else "",
                            status=ImprovementPlan.Status.DONE
                            if last + datetime.timedelta(days=90) < ctx.today
                            else ImprovementPlan.Status.OPEN,
                        )
                    )
        ctx.bulk_create(SheetItem, items)
        ctx.bulk_create(SheetStep, steps)
        ctx.bulk_create(ImprovementPlan, plans)
    ctx.log(f"performance: {sheets_made} KPI sheets")
