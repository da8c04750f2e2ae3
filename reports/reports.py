"""The HR reports (spec 10): each a chart and a table built in a few aggregate queries over the reader's scope —
the whole company for company-wide roles, their departments for heads and managers. The same data is the page,
the xlsx export and the printed report (the chart drawn as SVG there)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.charts import Chart, Series
from core.seeding import add_months
from employees.labour_law import AGENCY_SHARE_LIMIT
from employees.models import Employee, EmployeeStatus, EmploymentType, LabourContract
from org.models import Department, Position
from org.selectors import scope_department_ids

MONTHS = 12


@dataclass
class ReportData:
    chart: Chart
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""

    def labelled_rows(self) -> list[list[tuple[str, object]]]:
        """Each row's cells with their column title (a phone shows each row as a card)."""
        return [list(zip(self.headers, row, strict=False)) for row in self.rows]


@dataclass(frozen=True)
class Report:
    code: str
    title: object  # lazy text
    build: Callable[..., ReportData]
    secret: bool = False  # contract data: readers cleared for secret HR data only


def _departments(user):
    ids = scope_department_ids(user)
    qs = Department.objects.filter(is_active=True).order_by("path")
    return qs if ids is None else qs.filter(pk__in=ids)


def _people(user):
    ids = scope_department_ids(user)
    qs = Employee.objects.all()
    return qs if ids is None else qs.filter(department_id__in=ids)


def _month_starts(today: datetime.date, count: int = MONTHS) -> list[datetime.date]:
    first = today.replace(day=1)
    return [add_months(first, -n) for n in range(count - 1, -1, -1)]


def _active_by_department(ids) -> dict[int, int]:
    """Current (not separated) employees per department id, in one grouped count of the employees (a count joined
    onto the departments and grouped by all their columns took 150–230 ms on 10,000 people)."""
    return dict(
        Employee.objects.filter(department_id__in=ids)
        .exclude(status=EmployeeStatus.SEPARATED)
        .order_by()
        .values("department")
        .annotate(n=Count("pk"))
        .values_list("department", "n")
    )


def headcount(user) -> ReportData:
    """Active employees against the authorised headcount (编制) of each department's active positions."""
    departments = list(_departments(user))
    ids = [d.pk for d in departments]
    active = _active_by_department(ids)
    authorised = dict(
        Position.objects.filter(department_id__in=ids, is_active=True)
        .order_by()
        .values("department")
        .annotate(n=Sum("authorised_headcount"))
        .values_list("department", "n")
    )
    for d in departments:
        d.active, d.authorised = active.get(d.pk, 0), authorised.get(d.pk) or 0
    rows = [[d.name, d.active, d.authorised, d.active - d.authorised] for d in departments]
    chart = Chart(
        kind="bar",
        labels=[d.name for d in departments],
        series=[
            Series(_("Headcount"), [d.active for d in departments]),
            Series(_("Authorised headcount"), [d.authorised for d in departments], kind="line"),
        ],
        unit=_("people"),
    )
    return ReportData(chart, [_("Department"), _("Headcount"), _("Authorised headcount"), _("Difference")], rows)


def turnover(user) -> ReportData:
    """Hires and separations per month of the last twelve, and the turnover: separations over the average of the
    headcount at the month's start and end (one aggregate query)."""
    today = timezone.localdate()
    starts = _month_starts(today)
    bounds = [(start, add_months(start, 1)) for start in starts]
    people = _people(user)
    counts = {}
    for n, (start, end) in enumerate(bounds):
        counts[f"h{n}"] = Count("pk", filter=Q(hire_date__gte=start, hire_date__lt=end))
        counts[f"s{n}"] = Count("pk", filter=Q(separated_on__gte=start, separated_on__lt=end))
        counts[f"a{n}"] = Count(
            "pk", filter=Q(hire_date__lt=start) & (Q(separated_on__isnull=True) | Q(separated_on__gte=start))
        )
        counts[f"b{n}"] = Count(
            "pk", filter=Q(hire_date__lt=end) & (Q(separated_on__isnull=True) | Q(separated_on__gte=end))
        )
    found = people.aggregate(**counts)
    labels, hires, separations, rates, rows = [], [], [], [], []
    for n, (start, _end) in enumerate(bounds):
        average = (found[f"a{n}"] + found[f"b{n}"]) / 2
        rate = round(found[f"s{n}"] * 100 / average, 1) if average else 0
        label = f"{start:%Y-%m}"
        labels.append(label)
        hires.append(found[f"h{n}"])
        separations.append(found[f"s{n}"])
        rates.append(rate)
        rows.append([label, found[f"h{n}"], found[f"s{n}"], found[f"b{n}"], rate])
    chart = Chart(
        kind="bar",
        labels=labels,
        series=[
            Series(_("Hires"), hires),
            Series(_("Separations"), separations),
            Series(_("Turnover (%)"), rates, kind="line"),
        ],
    )
    return ReportData(
        chart, [_("Month"), _("Hires"), _("Separations"), _("Headcount at month end"), _("Turnover (%)")], rows
    )


def requisitions(user) -> ReportData:
    """Open places per department (requisitions in approval, approved or recruiting) and the average days from
    approval to filled of the requisitions filled in the last twelve months."""
    from recruitment.models import Requisition
    from recruitment.selectors import requisitions_visible_to

    since = timezone.now() - datetime.timedelta(days=365)
    reqs = requisitions_visible_to(user)
    open_by_department = {
        row["department__name"]: row
        for row in reqs.filter(status__in=Requisition.OPEN_STATUSES)
        .order_by()
        .values("department__name")
        .annotate(n=Count("pk"), places=Sum("headcount") - Sum("filled_count"))
    }
    filled = reqs.filter(status=Requisition.Status.FILLED, closed_at__gte=since, approved_at__isnull=False).values_list(
        "department__name", "approved_at", "closed_at"
    )
    days: dict[str, list[int]] = {}
    for name, approved, closed in filled:
        days.setdefault(name, []).append((closed - approved).days)
    names = sorted(set(open_by_department) | set(days))
    rows = []
    for name in names:
        row = open_by_department.get(name, {"n": 0, "places": 0})
        spans = days.get(name, [])
        average = round(sum(spans) / len(spans), 1) if spans else None
        rows.append([name, row["n"], row["places"] or 0, len(spans), average if average is not None else ""])
    chart = Chart(
        kind="bar",
        labels=names,
        series=[
            Series(_("Open places"), [r[2] for r in rows]),
            Series(_("Average days to fill"), [r[4] or 0 for r in rows], kind="line"),
        ],
    )
    headers = [
        _("Department"),
        _("Open requisitions"),
        _("Open places"),
        _("Filled (12 months)"),
        _("Average days to fill"),
    ]
    return ReportData(chart, headers, rows)


def probation(user) -> ReportData:
    """How probations ended per department: converted, extended (at least once), terminated, regular by lapse."""
    from onboarding.models import OnboardingCase, ProbationExtension, ProbationStatus

    ids = scope_department_ids(user)
    cases = OnboardingCase.objects.exclude(probation_status=ProbationStatus.NONE)
    if ids is not None:
        cases = cases.filter(employee__department_id__in=ids)
    extended = Exists(ProbationExtension.objects.filter(case=OuterRef("pk")))
    found = list(
        cases.annotate(extended=extended)
        .order_by()
        .values("employee__department__name")
        .annotate(
            converted=Count("pk", filter=Q(probation_status=ProbationStatus.CONVERTED)),
            extended_n=Count("pk", filter=Q(extended=True)),
            terminated=Count("pk", filter=Q(probation_status=ProbationStatus.TERMINATED)),
            lapsed=Count("pk", filter=Q(probation_status=ProbationStatus.LAPSED)),
        )
        .order_by("employee__department__name")
    )
    keys = [
        ("converted", _("Converted")),
        ("extended_n", _("Extended")),
        ("terminated", _("Terminated in probation")),
        ("lapsed", _("Regular by lapse")),
    ]
    labels = [row["employee__department__name"] for row in found]
    chart = Chart(
        kind="bar", labels=labels, stacked=True, series=[Series(title, [r[key] for r in found]) for key, title in keys]
    )
    rows = [[r["employee__department__name"], *(r[key] for key, _t in keys)] for r in found]
    return ReportData(chart, [_("Department"), *(title for _k, title in keys)], rows)


def contracts(user) -> ReportData:
    """Labour contracts of current employees ending in the next three months (by month) and those not signed."""
    today = timezone.localdate()
    until = add_months(today, 3)
    current = LabourContract.objects.filter(employee__in=_people(user).active())
    ending = list(
        current.filter(end_date__gte=today, end_date__lt=until, not_renewed_on__isnull=True)
        .select_related("employee__department")
        .order_by("end_date")
    )
    unsigned = list(
        current.filter(signed_on__isnull=True).select_related("employee__department").order_by("start_date")
    )
    months = _month_starts(add_months(today, 2), 3)
    per_month = [sum(1 for c in ending if c.end_date.replace(day=1) == m) for m in months]
    chart = Chart(
        kind="bar",
        labels=[f"{m:%Y-%m}" for m in months],
        series=[Series(_("Contracts ending"), per_month)],
    )
    rows = [
        [c.employee.name, c.employee.number, c.employee.department.name, c.number, c.end_date, _("Ends")]
        for c in ending
    ] + [
        [c.employee.name, c.employee.number, c.employee.department.name, c.number, c.start_date, _("Not signed")]
        for c in unsigned
    ]
    headers = [_("Employee"), _("Employee number"), _("Department"), _("Contract number"), _("Date"), _("What")]
    note = _("%(ending)s ending in three months, %(unsigned)s not signed.") % {
        "ending": len(ending),
        "unsigned": len(unsigned),
    }
    return ReportData(chart, headers, rows, note)


def agency(user) -> ReportData:
    """Agency workers against the workforce (interns not counted, as employees.labour_law.agency_share) per
    department; LCL art. 66 caps the company's share."""
    from employees.labour_law import agency_share

    people = _people(user).active()
    found = list(
        people.order_by()
        .values("department__name", "department__path")
        .annotate(
            workforce=Count("pk", filter=~Q(employment_type=EmploymentType.INTERN)),
            agency=Count("pk", filter=Q(employment_type=EmploymentType.AGENCY)),
        )
        .order_by("department__path")
    )
    rows = [
        [
            r["department__name"],
            r["workforce"],
            r["agency"],
            round(r["agency"] * 100 / r["workforce"], 1) if r["workforce"] else 0,
        ]
        for r in found
    ]
    share = agency_share(people)
    chart = Chart(
        kind="bar",
        labels=[r[0] for r in rows],
        stacked=True,
        series=[
            Series(_("Direct employees"), [r[1] - r[2] for r in rows]),
            Series(_("Agency workers"), [r[2] for r in rows]),
        ],
    )
    note = _("Agency workers: %(agency)s of %(workforce)s (%(percent)s %%); the legal limit is %(limit)s %%.") % {
        "agency": share.agency,
        "workforce": share.workforce,
        "percent": share.percent,
        "limit": int(AGENCY_SHARE_LIMIT * 100),
    }
    return ReportData(chart, [_("Department"), _("Workforce"), _("Agency workers"), _("Agency share (%)")], rows, note)


def _year_start(year: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, 1, 1))


def _plan_note(user, today: datetime.date) -> str:
    """Completion of the published annual training plan of the year: items with a session held against the items
    planned (for a head, the items aimed at their departments or at the whole company)."""
    from training.models import PlanItem, PlanStatus, SessionStatus, TrainingPlan

    items = PlanItem.objects.filter(plan__year=today.year, plan__status=PlanStatus.PUBLISHED)
    ids = scope_department_ids(user)
    if ids is not None:
        departments = PlanItem.target_departments.through.objects.filter(planitem=OuterRef("pk"))
        positions = PlanItem.target_positions.through.objects.filter(planitem=OuterRef("pk"))
        items = items.filter(
            Exists(departments.filter(department_id__in=ids))
            | Exists(positions.filter(position__department_id__in=ids))
            | (~Exists(departments) & ~Exists(positions))
        )
    found = items.aggregate(
        planned=Count("pk", distinct=True),
        held=Count("pk", filter=Q(sessions__status=SessionStatus.HELD), distinct=True),
        due=Count("pk", filter=Q(month__lte=today.month), distinct=True),
    )
    if not found["planned"]:
        if TrainingPlan.objects.filter(year=today.year, status=PlanStatus.PUBLISHED).exists():
            return _("The annual training plan %(year)s has no items for these departments.") % {"year": today.year}
        return _("No annual training plan has been published for %(year)s.") % {"year": today.year}
    return _(
        "Annual training plan %(year)s: %(held)s of %(planned)s items held (%(percent)s %%); "
        "%(due)s planned up to this month."
    ) % {
        "year": today.year,
        "held": found["held"],
        "planned": found["planned"],
        "percent": round(found["held"] * 100 / found["planned"], 1),
        "due": found["due"],
    }


def training(user) -> ReportData:
    """Training hours of the current year per department: sessions attended (the session's hours) and external
    trainings completed, of the department's current employees, and the hours per head; the note gives the
    completion of the year's published training plan."""
    from training.models import ExternalStatus, ExternalTraining, Participant, SessionStatus

    today = timezone.localdate()
    start, end = _year_start(today.year), _year_start(today.year + 1)
    current = ~Q(employee__status=EmployeeStatus.SEPARATED)
    attended = (
        Participant.objects.filter(
            current,
            employee__department=OuterRef("pk"),
            attended=True,
            session__starts_at__gte=start,
            session__starts_at__lt=end,
        )
        .exclude(session__status=SessionStatus.CANCELLED)
        .order_by()
        .values("employee__department")
        .annotate(h=Sum("session__hours"))
        .values("h")
    )
    external = (
        ExternalTraining.objects.filter(
            current,
            employee__department=OuterRef("pk"),
            status=ExternalStatus.COMPLETED,
            starts_on__year=today.year,
        )
        .order_by()
        .values("employee__department")
        .annotate(h=Sum("hours"))
        .values("h")
    )
    hours = DecimalField(max_digits=12, decimal_places=1)
    departments = list(
        _departments(user).annotate(
            session_hours=Coalesce(Subquery(attended, output_field=hours), Value(Decimal(0)), output_field=hours),
            external_hours=Coalesce(Subquery(external, output_field=hours), Value(Decimal(0)), output_field=hours),
        )
    )
    active = _active_by_department([d.pk for d in departments])
    rows = []
    for d in departments:
        d.active = active.get(d.pk, 0)
        total = d.session_hours + d.external_hours
        per_head = round(float(total) / d.active, 1) if d.active else 0.0
        rows.append([d.name, d.active, float(d.session_hours), float(d.external_hours), float(total), per_head])
    chart = Chart(
        kind="bar",
        labels=[r[0] for r in rows],
        series=[Series(_("Training hours per head"), [r[5] for r in rows])],
        unit=_("hours"),
    )
    headcount = sum(r[1] for r in rows)
    total = sum(r[4] for r in rows)
    note = _("%(year)s: %(hours)s training hours, %(per_head)s per head.") % {
        "year": today.year,
        "hours": round(total, 1),
        "per_head": round(total / headcount, 1) if headcount else 0,
    }
    headers = [
        _("Department"),
        _("Headcount"),
        _("Training sessions (hours)"),
        _("External training (hours)"),
        _("Training hours"),
        _("Hours per head"),
    ]
    return ReportData(chart, headers, rows, f"{note} {_plan_note(user, today)}")


def kpi(user) -> ReportData:
    """KPI grades per department in the latest review cycle with locked results in the reader's departments,
    against the forced distribution of HR's grade table. Only sheets HR has calibrated and locked count: a locked
    result is final and visible to everyone who reads the department's sheets — the employee included — so a count
    never shows a grade its reader may not see (performance.policies.can_see_result). Counts per department only.
    Not a secret report: grades need no clearance there, heads read their departments' results."""
    from performance.models import Cycle, Sheet, SheetStatus
    from performance.selectors import forced_shares, grade_bands

    ids = scope_department_ids(user)
    sheets = Sheet.objects.exclude(status=SheetStatus.CLOSED)
    if ids is not None:
        sheets = sheets.filter(department_id__in=ids)
    locked = Exists(sheets.filter(cycle=OuterRef("pk"), status=SheetStatus.LOCKED))
    cycle = Cycle.objects.filter(locked).order_by("-end_date", "-pk").first()
    grades = [grade for grade, _minimum in sorted(grade_bands(), key=lambda band: band[1], reverse=True)]
    shares = forced_shares()
    found = (
        sheets.filter(cycle=cycle)
        .values("department_id", "department__name", "department__path", "calibrated_grade", "grade")
        .annotate(
            locked=Count("pk", filter=Q(status=SheetStatus.LOCKED)),
            other=Count("pk", filter=~Q(status=SheetStatus.LOCKED)),
        )
        .order_by("department__path")
        if cycle
        else []
    )
    departments: dict[int, dict] = {}
    for row in found:
        department = departments.setdefault(
            row["department_id"], {"name": row["department__name"], "counts": {}, "other": 0}
        )
        department["other"] += row["other"]
        grade = row["calibrated_grade"] or row["grade"]
        if row["locked"] and grade:
            if grade not in grades:
                grades.append(grade)
            department["counts"][grade] = department["counts"].get(grade, 0) + row["locked"]
    rows = []
    for department in departments.values():
        counts = [department["counts"].get(grade, 0) for grade in grades]
        graded = sum(counts)
        percents = [round(n * 100 / graded, 1) if graded else 0 for n in counts]
        rows.append([department["name"], graded, *counts, *percents, department["other"]])
    # The shares stacked per department, and the forced distribution as the last bar to hold them against.
    chart = Chart(
        kind="bar",
        labels=[r[0] for r in rows] + ([_("Forced distribution")] if rows else []),
        stacked=True,
        unit="%",
        series=[
            Series(grade, [r[2 + len(grades) + i] for r in rows] + ([shares.get(grade, 0)] if rows else []))
            for i, grade in enumerate(grades)
        ],
    )
    headers = [
        _("Department"),
        _("Locked sheets"),
        *grades,
        *(_("%(grade)s (%%)") % {"grade": grade} for grade in grades),
        _("Sheets not yet locked"),
    ]
    forced = ", ".join(f"{grade} {shares.get(grade, 0)} %" for grade in grades)
    if cycle is None:
        note = _("No review cycle has locked results yet. Forced distribution: %(forced)s.") % {"forced": forced}
    else:
        note = _(
            "Review cycle %(cycle)s (%(start)s – %(end)s): grades of the sheets HR has calibrated and locked. "
            "Forced distribution: %(forced)s."
        ) % {
            "cycle": cycle.name,
            "start": f"{cycle.start_date:%Y-%m-%d}",
            "end": f"{cycle.end_date:%Y-%m-%d}",
            "forced": forced,
        }
    return ReportData(chart, headers, rows, note)


def gaps(user) -> ReportData:
    """Competence gaps per department: current employees whose newest rating on a skill their post requires is
    below the required level (or missing), the number of such gaps and those at level 1 — the person cannot do
    that work alone: training or a change of post (training.selectors.Gap)."""
    from training.selectors import compute_gaps, current_levels, standards_by_position

    people = _people(user).active().filter(position__isnull=False)
    employees = list(people.only("pk", "position_id", "department_id"))
    standards = standards_by_position(people.values("position_id"))
    levels = current_levels(people.values("pk"))
    per_department: dict[int, dict] = {}
    for employee in employees:
        per_department.setdefault(employee.department_id, {"people": 0, "gapped": set(), "gaps": 0, "critical": 0})
        per_department[employee.department_id]["people"] += 1
    for gap in compute_gaps(employees, standards, levels):
        found = per_department[gap.employee.department_id]
        found["gapped"].add(gap.employee.pk)
        found["gaps"] += 1
        found["critical"] += gap.training_or_change_of_post
    rows = []
    for department in _departments(user).only("pk", "name"):
        found = per_department.get(department.pk, {"people": 0, "gapped": set(), "gaps": 0, "critical": 0})
        rows.append([department.name, found["people"], len(found["gapped"]), found["gaps"], found["critical"]])
    chart = Chart(
        kind="bar",
        labels=[r[0] for r in rows],
        series=[
            Series(_("Employees with a gap"), [r[2] for r in rows]),
            Series(_("Gaps"), [r[3] for r in rows]),
            Series(_("Level 1 gaps"), [r[4] for r in rows]),
        ],
    )
    headers = [
        _("Department"),
        _("Employees"),
        _("Employees with a gap"),
        _("Gaps"),
        _("Level 1 gaps (critical)"),
    ]
    note = _(
        "A gap is a skill the post requires whose newest rating is below the required level or missing; at level 1 "
        "the employee cannot do that work alone (training or a change of post)."
    )
    return ReportData(chart, headers, rows, note)


REPORTS: dict[str, Report] = {
    report.code: report
    for report in (
        Report("headcount", gettext_lazy("Headcount against authorised headcount"), headcount),
        Report("turnover", gettext_lazy("Hires, separations and turnover by month"), turnover),
        Report("requisitions", gettext_lazy("Open requisitions and time to fill"), requisitions),
        Report("probation", gettext_lazy("Probation outcomes"), probation),
        Report("contracts", gettext_lazy("Contracts ending and not signed"), contracts, secret=True),
        Report("agency", gettext_lazy("Agency share (劳务派遣用工比例)"), agency),
        Report("training", gettext_lazy("Training hours per employee and plan completion"), training),
        Report("kpi", gettext_lazy("KPI grade distribution"), kpi),
        Report("gaps", gettext_lazy("Competence gaps"), gaps),
    )
}
