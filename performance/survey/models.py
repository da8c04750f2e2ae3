"""The employee satisfaction survey (员工满意度调查, spec 06) and its summary report (员工满意度调查表总结报告).

Anonymity — the design (no answer can be traced to a person, not even by an administrator):

* Two sides that are never joined. `Invitation` is the participation side: one row per invited employee with
  the department they were invited in and a single boolean `answered` — no time, no link to a response.
  `Response` and `Answer` are the content side: a random UUID primary key (no sequence that could be lined up
  with the invitations), the survey, the department of the invitation (the only grouping dimension) and the
  answers — no user, no employee, no timestamp of any kind, not even a day.
* Answering flips `answered` under a row lock on the invitation (one answer per person, also with two
  submissions at once) and inserts the response in the same transaction; nothing else records the event:
  responses and answers are exempt from the audit trail (auditlog stores the actor), the invitation is
  audited without its `answered` field (a log row of the flip would carry who and when), no access log, no
  notification and no message names who answered what.
* Results only after the survey closed. Closing coarsens what is stored: departments with fewer than
  `HRMS_SURVEY_MIN_GROUP` (5) responses lose their department (stored as NULL = "other departments"), and if
  that merged group itself stays under 5, the smallest shown departments are merged into it as well, until
  it reaches 5 (or everything is one group). So every stored group has at least 5 responses, and the company
  total minus the shown departments equals the "other departments" group, which itself has ≥ 5: a hidden
  department cannot be derived by subtraction. (If the whole survey has fewer than 5 responses, nothing is
  shown, not even the company total.) Closing also rewrites every response and answer in a random order in
  one transaction, so the physical row order and the database's transaction ids no longer follow the order
  of answering.
* Residual risk, said plainly: while a survey is open the raw department of each response is stored; an
  operator with SQL access who watched the database during the run could correlate a tiny department's
  single participation with its single response. The application (pages, admin, exports, logs) shows no
  response of a survey before it closes, and the close step removes that handle.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The smallest group whose results are shown (spec 06: "results shown only for groups of at least 5").
MIN_GROUP = getattr(settings, "HRMS_SURVEY_MIN_GROUP", 5)
SCALE = range(1, 6)


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale 1–5")
    OPEN = "open", _("Open answer")


class SurveyTemplate(models.Model):
    """A questionnaire HR maintains; a survey copies its questions when it opens (so edits never change a run)."""

    # Translators: 员工满意度调查
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("introduction"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    active = models.BooleanField(_("in use"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("survey template")
        verbose_name_plural = _("survey templates")
        ordering = ["name", "pk"]

    def __str__(self):
        return f"{self.name} v{self.version}"

    def get_absolute_url(self):
        return reverse("survey:template_edit", args=[self.pk])


class QuestionFields(models.Model):
    section = models.CharField(_("section"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.SCALE)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text

    @property
    def is_scale(self) -> bool:
        return self.kind == QuestionKind.SCALE


class TemplateQuestion(QuestionFields):
    template = models.ForeignKey(SurveyTemplate, on_delete=models.CASCADE, related_name="questions")

    class Meta(QuestionFields.Meta):
        verbose_name = _("template question")
        verbose_name_plural = _("template questions")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed for answers")
    PUBLISHED = "published", _("Summary published")


class Survey(models.Model):
    """One yearly run of a questionnaire for a population, with its summary report (conclusions, actions)."""

    title = models.CharField(_("title"), max_length=150)
    year = models.PositiveSmallIntegerField(_("year"))
    template = models.ForeignKey(SurveyTemplate, verbose_name=_("template"), on_delete=models.PROTECT)
    template_version = models.PositiveIntegerField(_("template version"), null=True, blank=True, editable=False)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    all_employees = models.BooleanField(_("all active employees"), default=True)
    departments = models.ManyToManyField(
        "org.Department",
        verbose_name=_("departments"),
        blank=True,
        related_name="+",
        help_text=_("Only these departments (and those below them), when not all employees."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT, editable=False
    )
    conclusions = models.TextField(_("conclusions"), blank=True)
    actions = models.TextField(_("actions"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    published_on = models.DateField(_("published on"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        ordering = ["-year", "-start_date", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("survey:detail", args=[self.pk])

    @property
    def has_results(self) -> bool:
        return self.status in (SurveyStatus.CLOSED, SurveyStatus.PUBLISHED)


class SurveyQuestion(QuestionFields):
    """A question as the survey asked it (copied from the template when the survey opened)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")

    class Meta(QuestionFields.Meta):
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")


class Invitation(models.Model):
    """Participation: who was asked, and whether they answered — never what, never when."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    employee = models.ForeignKey(
        "employees.Employee", verbose_name=_("employee"), on_delete=models.CASCADE, related_name="+"
    )
    department = models.ForeignKey(
        "org.Department", verbose_name=_("department"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered = models.BooleanField(_("answered"), default=False)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [models.UniqueConstraint(fields=["survey", "employee"], name="survey_one_invitation")]

    def __str__(self):
        return f"{self.survey} · {self.employee}"


class Response(models.Model):
    """One anonymous questionnaire: no person, no time; department NULL = "other departments" (merged)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    department = models.ForeignKey(
        "org.Department", verbose_name=_("department"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("anonymous response")
        verbose_name_plural = _("anonymous responses")
        ordering = ["id"]  # random: says nothing about the order of answering

    def __str__(self):
        return str(_("Anonymous response"))


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    text = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("anonymous answer")
        verbose_name_plural = _("anonymous answers")
        ordering = ["id"]

    def __str__(self):
        return str(self.score) if self.score is not None else self.text[:40]
