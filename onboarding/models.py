"""Onboarding and probation (spec 04): one case per new employee with its checklist, tasks, probation review,
self-report, conversion (转正 with the 调薪单) and — rarely — a termination in probation.

Statuses are changed only by `onboarding.services`. The personnel-file checklist is not stored here: it is
read from the employee's uploaded documents (employees.PersonnelDocument), so an upload ticks it.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from employees.models import ContractType
from org.models import PositionCategory


class ProbationStatus(models.TextChoices):
    NONE = "none", _("No probation")
    RUNNING = "running", _("In probation")
    CONVERSION = "conversion", _("Conversion in approval")
    CONVERSION_APPROVED = "conversion_approved", _("Conversion approved, effective on its date")
    TERMINATION = "termination", _("Termination in approval")
    CONVERTED = "converted", _("Regular (converted)")
    LAPSED = "lapsed", _("Regular by lapse of probation")
    TERMINATED = "terminated", _("Terminated in probation")


# A decision can still be taken on these; after them the probation is closed.
OPEN_PROBATION = (ProbationStatus.RUNNING, ProbationStatus.CONVERSION, ProbationStatus.TERMINATION)


class OnboardingCase(models.Model):
    """The onboarding of one hire: terms from the offer (or entered by HR for a direct hire), tasks, probation."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("Onboarding in progress")
        COMPLETED = "completed", _("Onboarding complete")
        CLOSED = "closed", _("Closed (separated)")

    employee = models.ForeignKey(
        "employees.Employee", verbose_name=_("employee"), on_delete=models.PROTECT, related_name="onboarding_cases"
    )
    offer = models.OneToOneField(
        "recruitment.Offer",
        verbose_name=_("offer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="onboarding_case",
    )
    start_date = models.DateField(_("start date"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    agreed_salary = models.DecimalField(_("agreed salary (monthly, yuan)"), max_digits=10, decimal_places=2)
    contract_type = models.CharField(
        _("labour contract type"), max_length=20, choices=ContractType.choices, blank=True, default=ContractType.FIXED
    )
    contract_months = models.PositiveSmallIntegerField(_("contract term (months)"), null=True, blank=True)
    probation_months = models.PositiveSmallIntegerField(_("probation (months)"), default=0)
    probation_salary = models.DecimalField(
        _("probation salary (monthly, yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    probation_end = models.DateField(_("probation ends on"), null=True, blank=True)
    probation_status = models.CharField(
        _("probation"), max_length=20, choices=ProbationStatus.choices, default=ProbationStatus.NONE
    )
    no_probation_reason = models.CharField(_("why no probation"), max_length=200, blank=True)
    conditions = models.TextField(
        _("conditions of employment (录用条件)"),
        blank=True,
        help_text=_("What the probation review is judged against."),
    )
    dormitory_requested = models.BooleanField(_("dormitory requested (宿舍)"), default=False)
    canteen_requested = models.BooleanField(_("canteen requested (食堂)"), default=False)
    regular_from = models.DateField(_("regular from"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("onboarding completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("onboarding case")
        verbose_name_plural = _("onboarding cases")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "start_date"], name="onboarding_one_case_per_start"),
            models.CheckConstraint(condition=Q(probation_months__lte=6), name="onboarding_probation_at_most_6"),
        ]
        indexes = [
            models.Index(fields=["probation_status", "probation_end"], name="onb_probation_end_idx"),
            models.Index(fields=["status", "start_date"], name="onb_status_start_idx"),
        ]

    def __str__(self):
        return _("Onboarding of %(employee)s") % {"employee": self.employee}

    def get_absolute_url(self):
        return reverse("onboarding:case_detail", args=[self.pk])

    @property
    def has_probation(self) -> bool:
        return bool(self.probation_months)

    @property
    def new_hire_email(self) -> str:
        """Where the new hire reads e-mail: the employee record, else the candidate the offer was made to."""
        if self.employee.email:
            return self.employee.email
        if self.offer_id:
            candidate = self.offer.application.candidate
            if not candidate.is_anonymised:
                return candidate.email
        return ""

    @property
    def probation_open(self) -> bool:
        return self.probation_status in OPEN_PROBATION

    @property
    def is_staff_grade(self) -> bool:
        """Staff grade and above add a self-report and go to the general manager for conversion."""
        return self.employee.position.category != PositionCategory.FRONTLINE


class TaskKind(models.TextChoices):
    LEGAL = "legal", _("Legal deadline")
    ARRANGEMENT = "arrangement", _("Arrangement")
    INDUCTION = "induction", _("Induction training")
    QUALITY = "quality", _("Quality awareness (员工意识)")
    DEPARTMENT = "department", _("Department training")
    SPECIAL_POST = "special_post", _("Special-post training")
    HEALTH = "health", _("Occupational health (职业健康)")
    SAFETY = "safety", _("Safety education (安全教育)")


class OwnerRole(models.TextChoices):
    HR = "hr", _("HR")
    DEPT_HEAD = "dept_head", _("Department head")


class TaskTemplate(models.Model):
    """One line of the induction checklist template (editable in the admin), by position category.

    An empty category means every category; `special_post_only` items apply to special posts (特殊岗位) only.
    """

    category = models.CharField(_("position category"), max_length=20, choices=PositionCategory.choices, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=TaskKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what it covers"), blank=True)
    owner_role = models.CharField(_("owner"), max_length=20, choices=OwnerRole.choices, default=OwnerRole.HR)
    due_days = models.PositiveSmallIntegerField(_("due (days after the start date)"), default=7)
    mandatory = models.BooleanField(_("mandatory"), default=True)
    special_post_only = models.BooleanField(_("special posts only"), default=False)
    checks_understanding = models.BooleanField(
        _("records a check of understanding"), default=False, help_text=_("Quality awareness (ISO 9001 7.3).")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("induction task template")
        verbose_name_plural = _("induction task templates")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


# The fixed tasks, by code: shown in the reader's language (the stored title is only a fallback).
FIXED_TASK_TITLES = {
    "labour_contract": _("Labour contract signed (劳动合同, within one month: LCL arts. 10, 82)"),
    "social_insurance": _("Social-insurance enrolment (社会保险, within 30 days: Social Insurance Law art. 58)"),
    "housing_fund": _("Housing-fund enrolment (住房公积金, within 30 days)"),
    "handbook": _("Employee handbook (员工手册) received and acknowledged"),
    "dormitory": _("Dormitory (宿舍)"),
    "canteen": _("Canteen card (食堂)"),
    "work_station": _("Work station"),
    "it_account": _("IT account"),
    "badge": _("Badge (工牌)"),
    "health_check": _(
        "Pre-employment occupational health check (上岗前职业健康检查, Occupational Disease Prevention Law art. 35)"
    ),
    "safety_education": _("Three-level safety education (三级安全教育: company, workshop, team)"),
    # Translators: 员工资料登记表
    "registration_form": _("Employee registration form filled in by the new hire and confirmed by HR"),
}
NOT_APPLICABLE_REASONS = {
    "labour_contract": _("Agency worker or intern: no labour contract with the company."),
    "social_insurance": _("Agency worker or intern: enrolled by the agency or the school, not by the company."),
    "housing_fund": _("Agency worker or intern: enrolled by the agency or the school, not by the company."),
}


class OnboardingTask(models.Model):
    """A task of a case with an owner and a due date: legal deadlines, arrangements and induction items.

    `code` names the fixed tasks ("labour_contract", "social_insurance", …). The labour-contract task is done
    when the employee's contract is signed in the personnel file, never ticked by hand.

    An induction task invited to a training session (`training_session`, spec 05) is done by that session:
    the training app links it when it invites the employee and ticks it when the attendance is recorded, so the
    induction has one training record (the session's sign-in and assessment), not a second tick here.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    case = models.ForeignKey(OnboardingCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="tasks")
    code = models.CharField(max_length=40, blank=True)
    template = models.ForeignKey(TaskTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=TaskKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what it covers"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True, on_delete=models.SET_NULL
    )
    due_date = models.DateField(_("due date"))
    mandatory = models.BooleanField(_("mandatory"), default=True)
    checks_understanding = models.BooleanField(default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    not_applicable_reason = models.CharField(_("why not applicable"), max_length=200, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    understanding_check = models.TextField(
        _("check of understanding"),
        blank=True,
        help_text=_(
            "How the employee explained the quality policy, objectives, their contribution and the "
            "consequences of not conforming."
        ),
    )
    understanding_passed = models.BooleanField(_("understanding confirmed"), null=True, blank=True)
    institution = models.CharField(_("examining institution"), max_length=120, blank=True)
    fit_for_post = models.BooleanField(_("fit for the post"), null=True, blank=True)
    training_session = models.ForeignKey(
        "training.Session",
        verbose_name=_("training session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="onboarding_tasks",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("onboarding task")
        verbose_name_plural = _("onboarding tasks")
        ordering = ["case", "order", "pk"]
        indexes = [models.Index(fields=["status", "due_date"], name="onb_task_status_due_idx")]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def display_title(self) -> str:
        return FIXED_TASK_TITLES.get(self.code, self.title)

    @property
    def display_reason(self) -> str:
        if not self.not_applicable_reason:
            return ""
        return NOT_APPLICABLE_REASONS.get(self.code, self.not_applicable_reason)


class Recommendation(models.TextChoices):
    CONVERT = "convert", _("Convert to regular (转正)")
    EXTEND = "extend", _("Extend the probation (by agreement)")
    TERMINATE = "terminate", _("Terminate (does not meet the conditions of employment)")


SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class ProbationReview(models.Model):
    """员工试用期评估表 / 新进员工试用期表现考核表: the department's review, judged against the 录用条件."""

    case = models.ForeignKey(OnboardingCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.PROTECT)
    performance = models.PositiveSmallIntegerField(_("work performance (工作绩效)"), validators=SCORE_VALIDATORS)
    ability = models.PositiveSmallIntegerField(_("ability (工作能力)"), validators=SCORE_VALIDATORS)
    attitude = models.PositiveSmallIntegerField(_("attitude (工作态度)"), validators=SCORE_VALIDATORS)
    discipline = models.PositiveSmallIntegerField(_("discipline (纪律)"), validators=SCORE_VALIDATORS)
    comments = models.TextField(_("comments"))
    conditions_met = models.BooleanField(_("meets the conditions of employment (录用条件)"))
    conditions_assessment = models.TextField(_("assessment against the conditions of employment"))
    recommendation = models.CharField(_("recommendation"), max_length=20, choices=Recommendation.choices)
    proposed_salary = models.DecimalField(
        _("proposed salary after conversion"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("probation review (员工试用期评估表)")
        verbose_name_plural = _("probation reviews")
        ordering = ["case", "-submitted_at", "-pk"]

    def __str__(self):
        return _("Probation review of %(employee)s") % {"employee": self.case.employee}

    def clean(self):
        if self.submitted_at and self.case_id and timezone.localdate(self.submitted_at) < self.case.start_date:
            raise ValidationError(
                _("A probation review cannot be recorded before the start date (%(start)s).")
                % {"start": f"{self.case.start_date:%Y-%m-%d}"},
                code="before_start",
            )

    @property
    def total(self) -> int:
        return self.performance + self.ability + self.attitude + self.discipline


class SelfReport(models.Model):
    """试用转正工作报告: the staff-grade employee's own report on the probation."""

    case = models.OneToOneField(
        OnboardingCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="self_report"
    )
    work_summary = models.TextField(_("work done in probation"))
    achievements = models.TextField(_("achievements"), blank=True)
    shortcomings = models.TextField(_("shortcomings and what I learned"), blank=True)
    plans = models.TextField(_("plans after conversion"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("self-report (试用转正工作报告)")
        verbose_name_plural = _("self-reports")

    def __str__(self):
        return _("Self-report of %(employee)s") % {"employee": self.case.employee}


class ProbationExtension(models.Model):
    """An extension of the probation, agreed with the employee before the end date and within the legal cap."""

    case = models.ForeignKey(
        OnboardingCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="extensions"
    )
    old_end = models.DateField(_("previous end date"))
    new_end = models.DateField(_("new end date"))
    added_months = models.PositiveSmallIntegerField(_("added months"))
    agreement = models.TextField(_("agreement with the employee"))
    agreed_on = models.DateField(_("agreed on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("probation extension")
        verbose_name_plural = _("probation extensions")
        ordering = ["case", "recorded_at"]

    def __str__(self):
        return f"{self.case.employee} → {self.new_end}"


class Conversion(models.Model):
    """员工试用考核转正审批表 with its 调薪单: goes through the "probation_conversion" flow (spec 02)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("In approval")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    case = models.ForeignKey(
        OnboardingCase, verbose_name=_("case"), on_delete=models.PROTECT, related_name="conversions"
    )
    review = models.ForeignKey(
        ProbationReview, verbose_name=_("probation review"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    old_salary = models.DecimalField(_("old salary (probation)"), max_digits=10, decimal_places=2, null=True)
    new_salary = models.DecimalField(_("new salary"), max_digits=10, decimal_places=2)
    effective_date = models.DateField(_("effective date"))
    comment = models.TextField(_("comment"), blank=True)
    salary_change = models.OneToOneField(
        "employees.SalaryChange", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # 变更劳动合同协议: a salary below the agreed wage needs the recorded mutual agreement (LCL arts. 29, 35).
    change_agreed_on = models.DateField(_("contract change agreed on (变更劳动合同协议)"), null=True, blank=True)
    change_note = models.TextField(_("what the contract change agreement says"), blank=True)
    change_document = models.ForeignKey(
        "employees.PersonnelDocument",
        verbose_name=_("signed contract change agreement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("conversion (员工试用考核转正审批表)")
        verbose_name_plural = _("conversions")
        ordering = ["case", "-created_at", "-pk"]

    def __str__(self):
        return _("Conversion of %(employee)s") % {"employee": self.case.employee}

    def get_absolute_url(self):
        return reverse("onboarding:case_detail", args=[self.case_id]) + "#conversion"

    def clean(self):
        if self.effective_date and self.case_id and self.effective_date < self.case.start_date:
            raise ValidationError(
                {
                    "effective_date": ValidationError(
                        _("A conversion cannot take effect before the start date (%(start)s).")
                        % {"start": f"{self.case.start_date:%Y-%m-%d}"},
                        code="before_start",
                    )
                }
            )

    @property
    def department(self):
        return self.case.employee.department

    @property
    def awaits_effective_date(self) -> bool:
        """Approved with a future effective date: the daily task applies it on that date."""
        return self.status == self.Status.APPROVED and self.salary_change_id is None


class SafetyLevel(models.TextChoices):
    COMPANY = "company", _("Company level (公司级)")
    WORKSHOP = "workshop", _("Workshop level (车间级)")
    TEAM = "team", _("Team level (班组级)")


class SafetyEducation(models.Model):
    """One level of the three-level safety education (三级安全教育) with its record: date, hours, trainer."""

    case = models.ForeignKey(
        OnboardingCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="safety_education"
    )
    level = models.CharField(_("level"), max_length=20, choices=SafetyLevel.choices)
    held_on = models.DateField(_("held on"))
    hours = models.DecimalField(
        _("hours"), max_digits=4, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    trainer = models.CharField(_("trainer"), max_length=100)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("safety education (三级安全教育)")
        verbose_name_plural = _("safety education")
        ordering = ["case", "held_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "level"], name="onboarding_one_safety_level")]

    def __str__(self):
        return f"{self.case.employee} {self.get_level_display()}"


class CaseEvent(models.Model):
    """The history of a case: every state change with who, when and a comment."""

    class Action(models.TextChoices):
        STARTED = "started", _("Case started")
        TASK_DONE = "task_done", _("Task done")
        TASK_REOPENED = "task_reopened", _("Task reopened")
        COMPLETED = "completed", _("Onboarding complete")
        REVIEWED = "reviewed", _("Probation review submitted")
        SELF_REPORT = "self_report", _("Self-report submitted")
        EXTENDED = "extended", _("Probation extended")
        CONVERSION_SUBMITTED = "conversion_submitted", _("Conversion submitted")
        CONVERSION_RESUBMITTED = "conversion_resubmitted", _("Conversion resubmitted")
        CONVERSION_APPROVED = "conversion_approved", _("Conversion approved")
        CONVERSION_REJECTED = "conversion_rejected", _("Conversion rejected")
        CONVERSION_RETURNED = "conversion_returned", _("Conversion returned")
        CONVERSION_WITHDRAWN = "conversion_withdrawn", _("Conversion withdrawn")
        CONVERSION_EFFECTIVE = "conversion_effective", _("Conversion took effect")
        LAPSED = "lapsed", _("Regular by lapse of probation")
        TERMINATION_SUBMITTED = "termination_submitted", _("Termination submitted for approval")
        TERMINATION_REJECTED = "termination_rejected", _("Termination rejected")
        TERMINATION_RETURNED = "termination_returned", _("Termination returned")
        TERMINATION_WITHDRAWN = "termination_withdrawn", _("Termination withdrawn")
        TERMINATED = "terminated", _("Terminated in probation")
        REGISTRATION_SENT = "registration_sent", _("Registration link sent")
        REGISTRATION_FILLED = "registration_filled", _("Registration form filled in")
        CONTRACT_RECORDED = "contract_recorded", _("Labour contract recorded")
        SAFETY_EDUCATION = "safety_education", _("Safety education recorded")

    case = models.ForeignKey(OnboardingCase, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("at"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["case", "at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d}"


class RegistrationLink(models.Model):
    """Pre-hire self-registration (信息采集): a one-time link HR sends the new hire, who fills in the employee
    registration form (员工资料登记表) and uploads the personnel-file documents on their phone; HR then confirms.
    Only a hash of the token is stored: the link itself is shown to HR once."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent, waiting for the new hire")
        SUBMITTED = "submitted", _("Filled in, waiting for HR")
        CONFIRMED = "confirmed", _("Confirmed by HR")
        REVOKED = "revoked", _("Replaced or withdrawn")

    case = models.ForeignKey(
        OnboardingCase, verbose_name=_("onboarding case"), on_delete=models.CASCADE, related_name="registration_links"
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SENT)
    expires_at = models.DateTimeField(_("expires at"))
    data = models.JSONField(_("registration data"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    # The link is e-mailed at most once, when it is made (the token is known only then); a resend is a new link.
    emailed_to = models.EmailField(_("e-mailed to"), blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("filled in at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration link")
        verbose_name_plural = _("registration links")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.case} · {self.get_status_display()}"
