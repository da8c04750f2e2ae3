"""Reads of the satisfaction survey: the surveys a user sees, and the results by department and question.

Results come only from closed surveys, whose stored groups are already coarsened (models' docstring); the
grouping is applied again on read (`reporting_groups`), so a group under 5 is never shown and never derivable
whatever is stored. A constant number of queries, whatever the number of responses.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from core.charts import Chart, Series
from org.models import Department
from org.selectors import scope_department_ids

from . import policies
from .models import Answer, Invitation, QuestionKind, Response, Survey, SurveyStatus
from .services import reporting_groups

OTHER = "other"
COMPANY = "company"


def surveys_visible_to(user) -> QuerySet[Survey]:
    """HR and company-wide readers: every survey (drafts only for HR); a head: closed ones; anyone: the
    published ones and the open ones they are invited to."""
    qs = Survey.objects.all()
    if user.is_hr:
        return qs
    if policies.sees_all_results(user):
        return qs.exclude(status=SurveyStatus.DRAFT)
    visible = Q(status=SurveyStatus.PUBLISHED) | Q(status=SurveyStatus.OPEN, invitations__employee__user=user)
    if scope_department_ids(user):
        visible |= Q(status=SurveyStatus.CLOSED)
    return qs.filter(visible).distinct()


def invitation_for(user, survey: Survey) -> Invitation | None:
    if not user.is_authenticated:
        return None
    return Invitation.objects.filter(survey=survey, employee__user=user).first()


def open_invitations(user) -> QuerySet[Invitation]:
    """The open surveys this user has still to answer (for the home card and the list)."""
    return Invitation.objects.filter(
        employee__user=user, answered=False, survey__status=SurveyStatus.OPEN
    ).select_related("survey")


@dataclass
class Column:
    key: object  # COMPANY, OTHER or a department id
    label: str
    n: int


@dataclass
class QuestionRow:
    number: int
    question: object
    cells: list  # (column label, average or None) per column
    distribution: list = field(default_factory=list)  # company-wide count per score 1..5


@dataclass
class Results:
    survey: Survey
    mode: str  # "all", "departments" or "company"
    visible: bool
    total: int = 0
    columns: list[Column] = field(default_factory=list)
    sections: list[tuple[str, list[QuestionRow]]] = field(default_factory=list)
    open_answers: list = field(default_factory=list)  # (question, [(group label, [(text, how many)])])
    hidden: list[str] = field(default_factory=list)  # departments of the user's scope not shown on their own
    chart_questions: Chart | None = None
    chart_groups: Chart | None = None


def _mode(user) -> tuple[str, list[int] | None]:
    if policies.sees_all_results(user):
        return "all", None
    ids = scope_department_ids(user)
    if ids:
        return "departments", ids
    return "company", []


def results_for(user, survey: Survey) -> Results:
    """What this user may see of a closed survey's results (the policy has said they may see some)."""
    mode, scope = _mode(user)
    counts = dict(
        Response.objects.filter(survey=survey).values_list("department_id").annotate(n=Count("id")).order_by()
    )
    grouping = reporting_groups(counts)
    results = Results(survey=survey, mode=mode, visible=grouping.visible, total=grouping.total)
    invited = set(
        Invitation.objects.filter(survey=survey, department__isnull=False).values_list("department_id", flat=True)
    )
    names = dict(Department.objects.filter(pk__in=invited | set(grouping.shown)).values_list("pk", "name"))
    in_scope = (lambda d: True) if mode == "all" else (lambda d: mode == "departments" and d in scope)
    results.hidden = sorted(names[d] for d in invited if in_scope(d) and d not in grouping.shown and d in names)
    if not grouping.visible:
        return results

    columns = [Column(COMPANY, _("Whole company"), grouping.total)]
    shown = sorted((d for d in grouping.shown if in_scope(d)), key=lambda d: names.get(d, ""))
    columns += [Column(d, names.get(d, "?"), grouping.shown[d]) for d in shown]
    if mode == "all" and grouping.other:
        columns.append(Column(OTHER, _("Other departments"), grouping.other))
    results.columns = columns

    def key_of(department_id):
        return department_id if department_id in grouping.shown else OTHER

    answers = Answer.objects.filter(response__survey=survey)
    stats: dict = {}
    for question_id, department_id, total, n in (
        answers.filter(score__isnull=False)
        .values_list("question_id", "response__department_id")
        .annotate(total=Sum("score"), n=Count("id"))
        .order_by()
    ):
        for key in (COMPANY, key_of(department_id)):
            acc = stats.setdefault((question_id, key), [0, 0])
            acc[0] += total
            acc[1] += n
    distribution: dict = {}
    for question_id, score, n in (
        answers.filter(score__isnull=False).values_list("question_id", "score").annotate(n=Count("id")).order_by()
    ):
        distribution.setdefault(question_id, {})[score] = n

    def avg(acc):
        return round(acc[0] / acc[1], 2) if acc and acc[1] else None

    questions = list(survey.questions.all())
    number, sections, scale_rows = 0, {}, []
    for question in questions:
        number += 1
        if question.kind != QuestionKind.SCALE:
            continue
        row = QuestionRow(
            number=number,
            question=question,
            cells=[(c.label, avg(stats.get((question.pk, c.key)))) for c in columns],
            distribution=[distribution.get(question.pk, {}).get(s, 0) for s in range(1, 6)],
        )
        sections.setdefault(question.section, []).append(row)
        scale_rows.append(row)
    results.sections = list(sections.items())

    group_columns = [c for c in columns if c.key != COMPANY]
    if mode != "company" and group_columns:
        texts: dict = {}
        for question_id, department_id, text in (
            answers.filter(question__kind=QuestionKind.OPEN)
            .exclude(text="")
            .values_list("question_id", "response__department_id", "text")
            .order_by("text")
        ):
            group = texts.setdefault((question_id, key_of(department_id)), {})
            group[text] = group.get(text, 0) + 1
        for question in questions:
            if question.kind == QuestionKind.OPEN:
                results.open_answers.append(
                    (
                        question,
                        [(c.label, sorted(texts.get((question.pk, c.key), {}).items())) for c in group_columns],
                    )
                )

    # Numbered like the table below; the company, and for a head their own departments beside it.
    series_columns = columns[:1] if mode == "all" else columns[:4]
    results.chart_questions = Chart(
        kind="bar",
        title=_("Average score by question (1–5)"),
        labels=[str(r.number) for r in scale_rows],
        series=[Series(c.label, [r.cells[i][1] or 0 for r in scale_rows]) for i, c in enumerate(series_columns)],
    )
    if group_columns:
        overall = []
        for column in group_columns:
            accs = [stats.get((r.question.pk, column.key)) for r in scale_rows]
            total = sum(a[0] for a in accs if a)
            n = sum(a[1] for a in accs if a)
            overall.append(round(total / n, 2) if n else 0)
        results.chart_groups = Chart(
            kind="bar",
            title=_("Average score by department (1–5)"),
            labels=[c.label for c in group_columns],
            series=[Series(_("Average score"), overall)],
        )
    return results
