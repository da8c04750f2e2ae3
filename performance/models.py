"""KPI review (绩效管理, spec 06): versioned KPI templates, review cycles, KPI sheets (KPI考核表) with their
indicator rows and step history, the grade table, peer feedback, improvement plans (绩效改进计划)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from org.models import PositionCategory

HUNDRED = Decimal("100")


class ScoringRule(models.TextChoices):
    LINEAR = "linear", _("Linear between floor and target")
    PASS_FAIL = "pass_fail", _("Pass / fail")
    MANUAL = "manual", _("Manual score 0–100")


class KpiTemplate(models.Model):
    """One version of the KPI template of a position, or of a position category. Editing makes a new version;
    sheets point at the version their cycle opened with, so later versions never change them."""

    name = models.CharField(_("name"), max_length=100)
    position = models.ForeignKey(
        "org.Position",
        verbose_name=_("position"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kpi_templates",
    )
    category = models.CharField(_("position category"), max_length=20, choices=PositionCategory.choices, blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("current version"), default=True)
    previous = models.OneToOneField(
        "self", verbose_name=_("previous version"), null=True, blank=True, on_delete=models.PROTECT, related_name="next"
    )
    note = models.CharField(_("what changed"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("KPI template")
        verbose_name_plural = _("KPI templates")
        ordering = ["name", "-version"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(position__isnull=False) & models.Q(category=""))
                | (models.Q(position__isnull=True) & ~models.Q(category="")),
                name="kpi_template_position_or_category",
            ),
            models.UniqueConstraint(
                fields=["position"],
                condition=models.Q(is_current=True, position__isnull=False),
                name="kpi_template_one_current_per_position",
            ),
            models.UniqueConstraint(
                fields=["category"],
                condition=models.Q(is_current=True, position__isnull=True),
                name="kpi_template_one_current_per_category",
            ),
        ]

    def __str__(self):
        return f"{self.name} v{self.version}"

    def get_absolute_url(self):
        return reverse("performance:template_detail", args=[self.pk])

    @property
    def applies_to(self) -> str:
        return str(self.position) if self.position_id else self.get_category_display()

    def clean(self):
        if bool(self.position_id) == bool(self.category):
            raise ValidationError(
                _("A template is for one position or for one position category."), code="template_scope"
            )


class Indicator(models.Model):
    template = models.ForeignKey(
        KpiTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="indicators"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("indicator"), max_length=100)
    definition = models.CharField(_("definition"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2, null=True, blank=True)
    floor = models.DecimalField(
        _("floor"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The value that scores 0 (linear rule). Above the target when lower is better."),
    )
    weight = models.PositiveSmallIntegerField(
        _("weight (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    rule = models.CharField(_("scoring rule"), max_length=20, choices=ScoringRule.choices, default=ScoringRule.LINEAR)

    class Meta:
        verbose_name = _("KPI indicator")
        verbose_name_plural = _("KPI indicators")
        ordering = ["template", "order", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        indicator_clean(self)


def indicator_clean(row) -> None:
    """What an indicator (or a sheet row copied from it) needs for its rule."""
    errors = {}
    if row.rule in (ScoringRule.LINEAR, ScoringRule.PASS_FAIL) and row.target is None:
        errors["target"] = ValidationError(_("This scoring rule needs a target."), code="target_required")
    if row.rule == ScoringRule.LINEAR:
        if row.floor is None:
            errors["floor"] = ValidationError(_("The linear rule needs a floor (the value scoring 0)."), code="floor")
        elif row.target is not None and row.floor == row.target:
            errors["floor"] = ValidationError(_("The floor must differ from the target."), code="floor_is_target")
    if errors:
        raise ValidationError(errors)


class GradeBand(models.Model):
    """The grade table HR keeps (default A ≥ 90, B ≥ 80, C ≥ 60, D below): the lowest total of each grade, the
    share the forced distribution expects (shown, not enforced) and whether the grade needs an improvement plan."""

    grade = models.CharField(_("grade"), max_length=2, unique=True)
    min_score = models.DecimalField(
        _("from total score"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    forced_share = models.PositiveSmallIntegerField(
        _("forced distribution (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    needs_plan = models.BooleanField(_("needs an improvement plan"), default=False)

    class Meta:
        verbose_name = _("grade")
        verbose_name_plural = _("grade table")
        ordering = ["-min_score"]
        constraints = [models.UniqueConstraint(fields=["min_score"], name="grade_band_unique_min")]

    def __str__(self):
        return f"{self.grade} ≥ {self.min_score}"


class PeriodType(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMI_ANNUAL = "semi_annual", _("Semi-annual")
    ANNUAL = "annual", _("Annual")


class Cycle(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=100)
    period_type = models.CharField(_("period"), max_length=20, choices=PeriodType.choices)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    self_deadline = models.DateField(_("self-assessment deadline"), null=True, blank=True)
    scoring_deadline = models.DateField(_("scoring deadline"))
    departments = models.ManyToManyField(
        "org.Department",
        verbose_name=_("departments"),
        blank=True,
        related_name="+",
        help_text=_("With the departments below them. Leave empty for the whole company."),
    )
    positions = models.ManyToManyField(
        "org.Position",
        verbose_name=_("positions"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty for every position."),
    )
    self_assessment = models.BooleanField(_("self-assessment"), default=True)
    peer_feedback = models.BooleanField(_("peer feedback"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review cycle")
        verbose_name_plural = _("review cycles")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="cycle_end_after_start"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("performance:cycle_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = ValidationError(_("The cycle cannot end before it starts."), code="cycle_dates")
        if self.self_assessment and not self.self_deadline:
            errors["self_deadline"] = ValidationError(
                _("With self-assessment the cycle needs its deadline."), code="self_deadline_required"
            )
        if self.self_deadline and self.scoring_deadline and self.scoring_deadline < self.self_deadline:
            errors["scoring_deadline"] = ValidationError(
                _("Scoring cannot be due before the self-assessment."), code="scoring_before_self"
            )
        if errors:
            raise ValidationError(errors)


class SheetStatus(models.TextChoices):
    """Each status names the step the sheet waits for."""

    GOALS = "goals", _("Goal setting")
    SELF = "self", _("Self-assessment")
    SCORING = "scoring", _("Manager scoring")
    INTERVIEW = "interview", _("Feedback interview (绩效面谈)")
    ACKNOWLEDGEMENT = "acknowledgement", _("Employee acknowledgement")
    CALIBRATION = "calibration", _("HR calibration")
    LOCKED = "locked", _("Locked")
    CLOSED = "closed", _("Closed (employee separated)")


OPEN_SHEET_STATUSES = (
    SheetStatus.GOALS,
    SheetStatus.SELF,
    SheetStatus.SCORING,
    SheetStatus.INTERVIEW,
    SheetStatus.ACKNOWLEDGEMENT,
    SheetStatus.CALIBRATION,
)


class Sheet(models.Model):
    """A KPI考核表: one employee in one cycle, with the template version and the post at opening."""

    cycle = models.ForeignKey(Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="sheets")
    employee = models.ForeignKey(
        "employees.Employee", verbose_name=_("employee"), on_delete=models.PROTECT, related_name="kpi_sheets"
    )
    department = models.ForeignKey(
        "org.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.ForeignKey("org.Position", verbose_name=_("position"), on_delete=models.PROTECT, related_name="+")
    template = models.ForeignKey(
        KpiTemplate, verbose_name=_("template version"), on_delete=models.PROTECT, related_name="sheets"
    )
    status = models.CharField(_("status"), max_length=20, choices=SheetStatus.choices, default=SheetStatus.GOALS)
    total = models.DecimalField(_("total score"), max_digits=5, decimal_places=1, null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=2, blank=True)
    calibrated_grade = models.CharField(_("grade after calibration"), max_length=2, blank=True)
    released = models.BooleanField(_("result released to the employee"), default=False)
    interview_notes = models.TextField(_("feedback interview notes (绩效面谈)"), blank=True)
    # Consequences (spec 06): recorded on the sheet, the salary and job changes through employees' own flows.
    bonus = models.CharField(_("bonus"), max_length=200, blank=True)
    salary_change = models.ForeignKey(
        "employees.SalaryChange",
        verbose_name=_("salary adjustment (调薪单)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    job_change = models.ForeignKey(
        "employees.JobChange",
        verbose_name=_("promotion or job change"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    training = models.CharField(_("training"), max_length=200, blank=True)
    consequence_note = models.CharField(_("other consequences"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("KPI sheet")
        verbose_name_plural = _("KPI sheets")
        ordering = ["-cycle__start_date", "employee__number"]
        constraints = [models.UniqueConstraint(fields=["cycle", "employee"], name="kpi_sheet_one_per_cycle")]
        indexes = [
            models.Index(fields=["cycle", "department", "status"], name="kpi_sheet_cycle_dept_idx"),
            models.Index(fields=["employee", "cycle"], name="kpi_sheet_employee_idx"),
        ]

    def __str__(self):
        return f"{self.employee} · {self.cycle}"

    def get_absolute_url(self):
        return reverse("performance:sheet_detail", args=[self.pk])

    @property
    def final_grade(self) -> str:
        return self.calibrated_grade or self.grade

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_SHEET_STATUSES


class SheetItem(models.Model):
    """An indicator on a sheet: copied from the template version at opening, then the values of the review."""

    sheet = models.ForeignKey(Sheet, verbose_name=_("sheet"), on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("no."), default=0)
    name = models.CharField(_("indicator"), max_length=100)
    definition = models.CharField(_("definition"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2, null=True, blank=True)
    floor = models.DecimalField(_("floor"), max_digits=12, decimal_places=2, null=True, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight (%)"))
    rule = models.CharField(_("scoring rule"), max_length=20, choices=ScoringRule.choices)
    self_actual = models.DecimalField(_("actual (self)"), max_digits=12, decimal_places=2, null=True, blank=True)
    self_comment = models.CharField(_("self-assessment"), max_length=300, blank=True)
    actual = models.DecimalField(_("actual"), max_digits=12, decimal_places=2, null=True, blank=True)
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    comment = models.CharField(_("manager's comment"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("KPI sheet indicator")
        verbose_name_plural = _("KPI sheet indicators")
        ordering = ["sheet", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["sheet", "order"], name="kpi_item_order_unique")]

    def __str__(self):
        return self.name


class StepKind(models.TextChoices):
    GOALS = "goals", _("Goals agreed")
    SELF = "self", _("Self-assessment submitted")
    SCORING = "scoring", _("Scored by the manager")
    INTERVIEW = "interview", _("Feedback interview held")
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledged by the employee")
    CALIBRATION = "calibration", _("Calibrated and locked by HR")
    RELEASED = "released", _("Result released to the employee")
    AMENDED = "amended", _("Changed after locking")
    PEERS = "peers", _("Peer feedback requested")
    CONSEQUENCES = "consequences", _("Consequences recorded")
    CLOSED = "closed", _("Closed: employee separated")


class SheetStep(models.Model):
    """Who did which step of the sheet, when, with what comment (printed on the KPI sheet)."""

    sheet = models.ForeignKey(Sheet, verbose_name=_("sheet"), on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=20, choices=StepKind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("KPI sheet step")
        verbose_name_plural = _("KPI sheet steps")
        ordering = ["sheet", "at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.at:%Y-%m-%d}"


class PeerFeedback(models.Model):
    """A colleague the head asked for feedback on a sheet. The employee sees only the aggregate, without names,
    and only from MIN_PEER_RESPONSES answers up."""

    sheet = models.ForeignKey(Sheet, verbose_name=_("sheet"), on_delete=models.CASCADE, related_name="peers")
    reviewer = models.ForeignKey(
        "employees.Employee", verbose_name=_("colleague"), on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    rating = models.PositiveSmallIntegerField(
        _("rating (1–5)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    strengths = models.CharField(_("what goes well"), max_length=500, blank=True)
    improvements = models.CharField(_("what could be better"), max_length=500, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("peer feedback")
        verbose_name_plural = _("peer feedback")
        ordering = ["sheet", "pk"]
        constraints = [models.UniqueConstraint(fields=["sheet", "reviewer"], name="peer_feedback_once")]

    def __str__(self):
        return f"{self.sheet_id} · {self.reviewer_id}"

    def get_absolute_url(self):
        return reverse("performance:peer_answer", args=[self.pk])


MIN_PEER_RESPONSES = 3


class ImprovementPlan(models.Model):
    """绩效改进计划 of a low grade: the gap, the actions, who follows them up by when, and the follow-up."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Completed")

    sheet = models.OneToOneField(
        Sheet, verbose_name=_("KPI sheet"), on_delete=models.PROTECT, related_name="improvement_plan"
    )
    gap = models.TextField(_("gap (what falls short)"))
    actions = models.TextField(_("actions"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    due_date = models.DateField(_("due date"))
    follow_up = models.TextField(_("follow-up"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    # The training need the gap became (training app; an id, so this app does not depend on its models).
    training_need_id = models.PositiveIntegerField(_("training need"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("improvement plan (绩效改进计划)")
        verbose_name_plural = _("improvement plans")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return f"{self.sheet.employee} · {self.sheet.cycle}"

    def get_absolute_url(self):
        return reverse("performance:plan_detail", args=[self.sheet_id])
