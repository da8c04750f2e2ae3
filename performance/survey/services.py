"""Writes of the satisfaction survey: templates, a run's life (open, answer, close, publish) and the report.

The anonymity design is in models' docstring; `survey_answer` and `survey_close` are where it is kept.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from employees.models import Employee
from notifications.services import ReminderItem, remind_once
from org.models import Department

from . import kinds, policies
from .models import (
    MIN_GROUP,
    SCALE,
    Answer,
    Invitation,
    Response,
    Survey,
    SurveyQuestion,
    SurveyStatus,
    SurveyTemplate,
)

OPEN_ANSWER_MAX = 2000


@dataclass
class Grouping:
    """Which departments are reported on their own and which are merged into "other departments"."""

    shown: dict[int, int] = field(default_factory=dict)  # department id → responses (each ≥ MIN_GROUP)
    merged: set = field(default_factory=set)  # department ids folded into "other departments"
    other: int = 0  # responses in "other departments" (0 or ≥ MIN_GROUP when anything is shown)
    total: int = 0

    @property
    def visible(self) -> bool:
        """Anything (even the company total) may be shown: at least MIN_GROUP responses in all."""
        return self.total >= MIN_GROUP


def reporting_groups(counts: dict, k: int = MIN_GROUP) -> Grouping:
    """Group response counts per department (key None: already "other departments") so that no group under k
    is shown and none can be derived by subtraction from the company total.

    Departments under k go to "other departments"; while that group is non-empty but under k, the smallest
    shown department joins it too. Either every shown group and "other" have ≥ k, or (total < k) nothing is
    shown at all.
    """
    grouping = Grouping(total=sum(counts.values()))
    for dept, n in counts.items():
        if dept is not None and n >= k:
            grouping.shown[dept] = n
        else:
            grouping.other += n
            if dept is not None:
                grouping.merged.add(dept)
    while 0 < grouping.other < k and grouping.shown:
        smallest = min(grouping.shown, key=lambda d: (grouping.shown[d], d))
        grouping.other += grouping.shown.pop(smallest)
        grouping.merged.add(smallest)
    return grouping


# --- templates ---------------------------------------------------------------------------------------------


@transaction.atomic
def template_save(*, by, form, formset) -> SurveyTemplate:
    """Save a template and its questions (form and formset already valid); an edit makes a new version."""
    policies.can_manage_templates(by).enforce()
    template = form.save(commit=False)
    if template.pk is not None and (form.has_changed() or formset.has_changed()):
        template.version = F("version") + 1
    template.save()
    template.refresh_from_db(fields=["version"])
    formset.instance = template
    formset.save()
    if not template.questions.exists():
        raise ValidationError(_("A questionnaire needs at least one question."), code="no_questions")
    return template


# --- a run -------------------------------------------------------------------------------------------------


def population(survey: Survey):
    """The employees a survey asks: every active employee with a login, or those of its departments (and
    the departments below them)."""
    people = Employee.objects.active().filter(user__isnull=False, user__is_active=True)
    if not survey.all_employees:
        people = people.filter(department__in=Department.objects.subtree_of(list(survey.departments.all())))
    return people


@transaction.atomic
def survey_open(*, survey: Survey, by) -> int:
    """Copy the template's questions into the survey, invite the population and notify them. Returns how many
    were invited. Safe to run twice (the second call finds the survey open and refuses)."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    policies.can_open(by, survey).enforce()
    template = survey.template
    questions = list(template.questions.all())
    if not questions:
        raise ValidationError(_("The template has no questions."), code="no_questions")
    if not survey.all_employees and not survey.departments.exists():
        raise ValidationError(_("Choose departments or all active employees."), code="no_population")
    SurveyQuestion.objects.bulk_create(
        [SurveyQuestion(survey=survey, section=q.section, order=q.order, text=q.text, kind=q.kind) for q in questions]
    )
    people = list(population(survey).select_related("user").order_by("pk"))
    if not people:
        raise ValidationError(_("Nobody is in the chosen population."), code="no_population")
    Invitation.objects.bulk_create(
        [Invitation(survey=survey, employee=e, department_id=e.department_id) for e in people],
        ignore_conflicts=True,
    )
    survey.status = SurveyStatus.OPEN
    survey.template_version = template.version
    survey.save(update_fields=["status", "template_version"])
    title = _("Anonymous satisfaction survey: %(title)s, open until %(end)s") % {
        "title": survey.title,
        "end": f"{survey.end_date:%Y-%m-%d}",
    }
    body = _("Your answers are stored without your name and shown only for groups of at least %(k)d people.") % {
        "k": MIN_GROUP
    }
    url = _answer_url(survey)
    remind_once(
        kind=kinds.INVITED,
        items=[
            ReminderItem(recipient=e.user, obj=survey, due_date=survey.start_date, title=title, body=body, url=url)
            for e in people
        ],
    )
    return len(people)


def _answer_url(survey: Survey) -> str:
    return reverse("survey:answer", args=[survey.pk])


def _clean_answers(survey: Survey, answers: dict) -> list[tuple[SurveyQuestion, int | None, str]]:
    rows, errors = [], {}
    for question in survey.questions.all():
        value = answers.get(question.pk)
        if question.is_scale:
            try:
                score = int(value)
            except (TypeError, ValueError):
                score = None
            if score not in SCALE:
                errors[f"q{question.pk}"] = ValidationError(_("Choose 1 to 5."), code="score_missing")
                continue
            rows.append((question, score, ""))
        else:
            text = (value or "").strip()
            if len(text) > OPEN_ANSWER_MAX:
                errors[f"q{question.pk}"] = ValidationError(
                    _("At most %(n)d characters.") % {"n": OPEN_ANSWER_MAX}, code="too_long"
                )
                continue
            if text:
                rows.append((question, None, text))
    if errors:
        raise ValidationError(errors)
    return rows


def survey_answer(*, survey: Survey, user, answers: dict) -> None:
    """Store one anonymous response and mark the invitation answered, in one transaction under a row lock.

    `answers`: question id → score (scale) or text (open). The response gets the invitation's department and
    nothing else of the person; the invitation gets `answered = True` and nothing else (see models).
    """
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().filter(survey_id=survey.pk, employee__user_id=user.pk).first()
        )
        survey = Survey.objects.get(pk=survey.pk)
        verdict = policies.can_answer(user, survey, invitation)
        if not verdict:
            raise ValidationError(verdict.reason, code=verdict.code)
        rows = _clean_answers(survey, answers)
        response = Response.objects.create(survey=survey, department_id=invitation.department_id)
        Answer.objects.bulk_create(
            [Answer(response=response, question=q, score=score, text=text) for q, score, text in rows]
        )
        Invitation.objects.filter(pk=invitation.pk).update(answered=True)


@transaction.atomic
def survey_close(*, survey: Survey, by=None) -> Grouping:
    """Close a survey (HR, or the daily sweep after the end date: by=None): coarsen small departments into
    "other departments" and rewrite the responses in a random order (see models)."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if by is not None:
        policies.can_close(by, survey).enforce()
    elif survey.status != SurveyStatus.OPEN:
        raise ValidationError(_("Only an open survey can be closed."), code="not_open")
    counts = dict(
        Response.objects.filter(survey=survey).values_list("department_id").annotate(n=Count("id")).order_by()
    )
    grouping = reporting_groups(counts)
    _rewrite_shuffled(survey, grouping)
    survey.status = SurveyStatus.CLOSED
    survey.closed_on = timezone.localdate()
    survey.save(update_fields=["status", "closed_on"])
    return grouping


def _rewrite_shuffled(survey: Survey, grouping: Grouping) -> None:
    shuffle = random.SystemRandom().shuffle
    responses = list(Response.objects.filter(survey=survey).values_list("id", "department_id"))
    answers: dict = {}
    for response_id, question_id, score, text in Answer.objects.filter(response__survey=survey).values_list(
        "response_id", "question_id", "score", "text"
    ):
        answers.setdefault(response_id, []).append((question_id, score, text))
    Response.objects.filter(survey=survey).delete()
    shuffle(responses)
    new_responses, new_answers = [], []
    for old_id, department_id in responses:
        response = Response(survey=survey, department_id=department_id if department_id in grouping.shown else None)
        new_responses.append(response)
        new_answers += [
            Answer(response=response, question_id=q, score=score, text=text)
            for q, score, text in answers.get(old_id, [])
        ]
    shuffle(new_answers)
    Response.objects.bulk_create(new_responses, batch_size=2000)
    Answer.objects.bulk_create(new_answers, batch_size=5000)


@transaction.atomic
def survey_publish(*, survey: Survey, by) -> int:
    """Publish the summary to everyone invited (they are told); returns how many were told."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    policies.can_publish(by, survey).enforce()
    survey.status = SurveyStatus.PUBLISHED
    survey.published_on = timezone.localdate()
    survey.save(update_fields=["status", "published_on"])
    people = Invitation.objects.filter(survey=survey, employee__user__is_active=True).select_related("employee__user")
    return remind_once(
        kind=kinds.PUBLISHED,
        items=[
            ReminderItem(
                recipient=i.employee.user,
                obj=survey,
                due_date=survey.published_on,
                title=_("Summary of the satisfaction survey published: %(title)s") % {"title": survey.title},
                url=reverse("survey:results", args=[survey.pk]),
            )
            for i in people
        ],
    )


@transaction.atomic
def survey_report_update(*, survey: Survey, by, conclusions: str, actions: str) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    policies.can_write_report(by, survey).enforce()
    survey.conclusions, survey.actions = conclusions, actions
    survey.save(update_fields=["conclusions", "actions"])
    return survey


def surveys_remind(*, today: datetime.date, days_before: int) -> int:
    """Remind those who have not answered, `days_before` days before the end (idempotent: remind_once keyed by
    survey and that day)."""
    surveys = list(
        Survey.objects.filter(
            status=SurveyStatus.OPEN, end_date__gte=today, end_date__lte=today + datetime.timedelta(days=days_before)
        )
    )
    items = []
    for survey in surveys:
        due = survey.end_date - datetime.timedelta(days=days_before)
        if due < survey.start_date:
            due = survey.start_date
        pending = Invitation.objects.filter(survey=survey, answered=False, employee__user__is_active=True)
        for invitation in pending.select_related("employee__user"):
            items.append(
                ReminderItem(
                    recipient=invitation.employee.user,
                    obj=survey,
                    due_date=due,
                    title=_("The satisfaction survey %(title)s closes on %(end)s: your answer is still missing")
                    % {"title": survey.title, "end": f"{survey.end_date:%Y-%m-%d}"},
                    body=_("It takes a few minutes and is anonymous."),
                    url=_answer_url(survey),
                )
            )
    return remind_once(kind=kinds.REMINDER, items=items)


def surveys_close_ended(*, today: datetime.date) -> int:
    """Close the open surveys whose end date has passed (the daily sweep)."""
    ended = list(Survey.objects.filter(status=SurveyStatus.OPEN, end_date__lt=today))
    for survey in ended:
        survey_close(survey=survey)
    return len(ended)


def participation(survey: Survey) -> list[dict]:
    """Invited and answered per department (participation is not anonymous; answers are)."""
    rows = (
        Invitation.objects.filter(survey=survey)
        .values("department_id", "department__name")
        .annotate(invited=Count("id"), answered=Count("id", filter=Q(answered=True)))
        .order_by("department__name")
    )
    return list(rows)
