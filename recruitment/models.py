"""Recruitment (spec 03): headcount requisitions, recruitment plans, candidates, applications,
interviews with their evaluations, and offers (录用审批). Statuses change only in services."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.pinyin import PINYIN_MAX_LENGTH, PinyinQuerySet, fill_pinyin, pinyin_update_fields
from core.validators import validate_id_number
from employees.models import ContractType, Education, EmploymentType, Gender, private_storage

SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
TEST_SCORE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


class Channel(models.TextChoices):
    NEWSPAPER = "newspaper", _("Newspaper (登报)")
    POSTERS = "posters", _("Posters (张贴广告)")
    TALENT_MARKET = "talent_market", _("Talent market (人才市场)")
    ONLINE = "online", _("Online (网上招聘)")
    CAMPUS = "campus", _("Campus (校园招聘)")
    HEADHUNTER = "headhunter", _("Headhunter (猎头)")
    INTERNAL = "internal", _("Internal competition (内部竞聘)")
    OTHER = "other", _("Other (其他)")


# Employment types a requisition can ask for: agency workers are dispatched under the agency's contract.
REQUISITION_EMPLOYMENT_TYPES = [
    (EmploymentType.REGULAR.value, EmploymentType.REGULAR.label),
    (EmploymentType.CONTRACT.value, EmploymentType.CONTRACT.label),
    (EmploymentType.INTERN.value, EmploymentType.INTERN.label),
]


class Requisition(models.Model):
    """人员增补申请表: a department asks for people for one of its positions."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_APPROVAL = "in_approval", _("In approval")
        RETURNED = "returned", _("Returned for changes")
        REJECTED = "rejected", _("Rejected")
        APPROVED = "approved", _("Approved")
        RECRUITING = "recruiting", _("Recruiting")
        FILLED = "filled", _("Filled")
        CANCELLED = "cancelled", _("Cancelled")

    class Reason(models.TextChoices):
        REPLACEMENT = "replacement", _("Replacement (离职补缺)")
        EXPANSION = "expansion", _("Business expansion (业务扩充)")
        NEW_POST = "new_post", _("New post (新增岗位)")
        TEMPORARY = "temporary", _("Temporary need (临时)")

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("Normal")
        URGENT = "urgent", _("Urgent")
        VERY_URGENT = "very_urgent", _("Very urgent")

    # Statuses in which the requisition still claims headcount of its position.
    OPEN_STATUSES = (Status.IN_APPROVAL, Status.RETURNED, Status.APPROVED, Status.RECRUITING)
    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True, editable=False)
    department = models.ForeignKey(
        "org.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="requisitions"
    )
    position = models.ForeignKey(
        "org.Position", verbose_name=_("position"), on_delete=models.PROTECT, related_name="requisitions"
    )
    job_description = models.ForeignKey(
        "org.JobDescription",
        verbose_name=_("job description version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_new_position = models.BooleanField(
        _("new post (新增岗位)"),
        default=False,
        help_text=_("The position and its job description are approved with this requisition."),
    )
    headcount = models.PositiveSmallIntegerField(_("number of people"), validators=[MinValueValidator(1)])
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    employment_type = models.CharField(
        _("employment type"), max_length=20, choices=REQUISITION_EMPLOYMENT_TYPES, default=EmploymentType.REGULAR
    )
    desired_start_date = models.DateField(_("desired start date"))
    requirements = models.TextField(_("requirements beyond the job description"), blank=True)
    urgency = models.CharField(_("urgency"), max_length=20, choices=Urgency.choices, default=Urgency.NORMAL)
    remarks = models.TextField(_("remarks"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    over_headcount = models.BooleanField(_("over authorised headcount"), default=False)
    authorised_at_submit = models.PositiveIntegerField(_("authorised headcount at submission"), null=True, blank=True)
    filled_at_submit = models.PositiveIntegerField(_("filled headcount at submission"), null=True, blank=True)
    requested_at_submit = models.PositiveIntegerField(_("already requested at submission"), null=True, blank=True)
    filled_count = models.PositiveSmallIntegerField(_("hired"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("headcount requisition (人员增补申请表)")
        verbose_name_plural = _("headcount requisitions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(filled_count__lte=models.F("headcount")), name="requisition_filled_within_headcount"
            )
        ]
        indexes = [
            models.Index(fields=["department", "status"], name="requisition_dept_status_idx"),
            models.Index(fields=["position", "status"], name="requisition_pos_status_idx"),
            # The list's order (newest first): pages read the index instead of sorting every requisition.
            models.Index(fields=["-created_at", "-id"], name="requisition_newest_idx"),
        ]

    def __str__(self):
        return f"{self.number or _('Draft')} · {self.position.title} × {self.headcount}"

    def get_absolute_url(self):
        return reverse("recruitment:requisition_detail", args=[self.pk])

    def clean(self):
        if self.position_id and self.department_id and self.position.department_id != self.department_id:
            message = _("The position belongs to another department.")
            raise ValidationError({"position": ValidationError(message, code="position_of_other_department")})
        if self.job_description_id and self.position_id and self.job_description.position_id != self.position_id:
            message = _("The job description belongs to another position.")
            raise ValidationError({"job_description": ValidationError(message, code="job_description_of_other_post")})

    @property
    def open_positions(self) -> int:
        return max(self.headcount - self.filled_count, 0)

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    @property
    def accepts_applications(self) -> bool:
        return self.status in (self.Status.APPROVED, self.Status.RECRUITING)


class RecruitmentPlan(models.Model):
    """招聘计划: how HR will recruit for an approved requisition."""

    requisition = models.OneToOneField(
        Requisition, verbose_name=_("requisition"), on_delete=models.CASCADE, related_name="plan"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    budget = models.DecimalField(_("budget (yuan)"), max_digits=10, decimal_places=2, default=0)
    notes = models.TextField(_("notes"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("recruitment plan (招聘计划)")
        verbose_name_plural = _("recruitment plans")

    def __str__(self):
        return str(self.requisition)

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            message = _("The end date cannot be before the start date.")
            raise ValidationError({"end_date": ValidationError(message, code="end_before_start")})


class PlanChannel(models.Model):
    """One channel of a plan, with its dates and cost (the cost feeds the cost-per-hire report)."""

    plan = models.ForeignKey(RecruitmentPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    cost = models.DecimalField(_("cost (yuan)"), max_digits=10, decimal_places=2, default=0)
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("plan channel")
        verbose_name_plural = _("plan channels")
        ordering = ["plan", "channel"]
        constraints = [models.UniqueConstraint(fields=["plan", "channel"], name="planchannel_unique_channel")]

    def __str__(self):
        return self.get_channel_display()

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            message = _("The end date cannot be before the start date.")
            raise ValidationError({"end_date": ValidationError(message, code="end_before_start")})


def resume_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"resumes/{instance.pk or 'new'}/{instance.resume_uploaded_at:%Y%m%d%H%M%S}.{ext}"


class CandidateQuerySet(PinyinQuerySet):
    def not_anonymised(self):
        return self.filter(anonymised_at__isnull=True)


class Candidate(models.Model):
    """A person who applies. Sensitive data (ID number) only when needed; consent is recorded (PIPL)."""

    # Translators: 姓名 (a person's name, not 名称)
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50, db_index=True)
    # Search keys (core.pinyin), filled on save and in bulk writes: 张伟强 → zhangweiqiang, zwq.
    name_pinyin = models.CharField(max_length=PINYIN_MAX_LENGTH, blank=True, editable=False, db_index=True)
    name_initials = models.CharField(max_length=PINYIN_MAX_LENGTH, blank=True, editable=False, db_index=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    id_number = models.CharField(
        _("ID number (居民身份证号)"),
        max_length=18,
        blank=True,
        validators=[validate_id_number],
        help_text=_("Optional until the offer: collect it only when needed."),
    )
    education = models.CharField(_("education"), max_length=20, choices=Education.choices, blank=True)
    school = models.CharField(_("school and major"), max_length=200, blank=True)
    work_experience = models.TextField(_("work experience"), blank=True)
    expected_salary = models.DecimalField(
        _("expected salary (monthly, yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    source_channel = models.CharField(_("source channel"), max_length=20, choices=Channel.choices)
    resume = models.FileField(_("resume"), storage=private_storage, upload_to=resume_path, blank=True)
    resume_name = models.CharField(_("resume file name"), max_length=200, blank=True)
    resume_content_type = models.CharField(max_length=100, blank=True)
    resume_size = models.PositiveIntegerField(null=True, blank=True)
    resume_uploaded_at = models.DateTimeField(null=True, blank=True)
    privacy_notice_at = models.DateTimeField(
        _("privacy notice given and consent recorded at"),
        help_text=_("PIPL: the candidate was told what is collected and why, and agreed."),
    )
    talent_pool_consent = models.BooleanField(
        _("consents to stay in the talent pool"),
        default=False,
        help_text=_("Without it, the data of a candidate not hired is anonymised after the retention period."),
    )
    talent_pool_consent_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CandidateQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["phone"], condition=~Q(phone=""), name="candidate_unique_phone"),
            models.UniqueConstraint(fields=["email"], condition=~Q(email=""), name="candidate_unique_email"),
            models.UniqueConstraint(
                fields=["id_number"], condition=~Q(id_number=""), name="candidate_unique_id_number"
            ),
        ]
        # The candidate list's order (newest first), for its first and deep pages.
        indexes = [models.Index(fields=["-created_at", "-id"], name="candidate_newest_idx")]

    def __str__(self):
        return self.name

    # The candidate's own data: masked in the audit trail, which outlives the anonymisation (audit.privacy).
    AUDIT_MASKED_FIELDS = (
        "name",
        "name_pinyin",
        "name_initials",
        "gender",
        "phone",
        "email",
        "id_number",
        "school",
        "work_experience",
        "expected_salary",
        "resume_name",
    )

    def save(self, *args, **kwargs):
        fill_pinyin(self, "name")
        kwargs["update_fields"] = pinyin_update_fields(kwargs.get("update_fields"), "name")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("recruitment:candidate_detail", args=[self.pk])

    @classmethod
    def scrub_audit_entry(cls, entry) -> None:
        """The trail names the candidate by key, never by name (audit.privacy)."""
        from audit.privacy import record_label

        entry.object_repr = record_label(cls, entry.object_pk)

    @classmethod
    def audit_url(cls, pk) -> str:
        """The audit page links the entry to the candidate's page (anonymised or not), by key."""
        return reverse("recruitment:candidate_detail", args=[pk])

    def clean(self):
        if not self.anonymised_at and not (self.phone or self.email):
            raise ValidationError(
                _("Give at least a phone number or an e-mail address to reach the candidate."), code="contact_required"
            )

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None


class Stage(models.TextChoices):
    """Stages of an application, in order (spec 03)."""

    APPLIED = "applied", _("Applied")
    SCREENING = "screening", _("Screening")
    FIRST_INTERVIEW = "first_interview", _("First interview (HR, 初试)")
    SECOND_INTERVIEW = "second_interview", _("Second interview (department, 复试)")
    GM_INTERVIEW = "gm_interview", _("GM interview")
    TESTS = "tests", _("Practical and theory tests")
    HIRE_APPROVAL = "hire_approval", _("Hire approval (录用审批)")
    OFFER = "offer", _("Offer")
    HIRED = "hired", _("Hired")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


STAGE_ORDER = [
    Stage.APPLIED,
    Stage.SCREENING,
    Stage.FIRST_INTERVIEW,
    Stage.SECOND_INTERVIEW,
    Stage.GM_INTERVIEW,
    Stage.TESTS,
    Stage.HIRE_APPROVAL,
    Stage.OFFER,
    Stage.HIRED,
]
CLOSED_STAGES = (Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN)
# Stages an application is moved into by hand (the board); later ones follow from approval and offer.
MANUAL_STAGES = STAGE_ORDER[: STAGE_ORDER.index(Stage.HIRE_APPROVAL)]
# Interview stages and the round each holds.
INTERVIEW_STAGES = (Stage.FIRST_INTERVIEW, Stage.SECOND_INTERVIEW, Stage.GM_INTERVIEW, Stage.TESTS)


class Application(models.Model):
    """A candidate applying for a requisition; moves through the stages."""

    candidate = models.ForeignKey(
        Candidate, verbose_name=_("candidate"), on_delete=models.PROTECT, related_name="applications"
    )
    requisition = models.ForeignKey(
        Requisition, verbose_name=_("requisition"), on_delete=models.PROTECT, related_name="applications"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.APPLIED)
    applied_on = models.DateField(_("applied on"))
    stage_changed_at = models.DateTimeField(_("stage changed at"))
    closed_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-applied_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "requisition"], name="application_unique_per_requisition")
        ]
        indexes = [
            models.Index(fields=["requisition", "stage"], name="application_req_stage_idx"),
            models.Index(fields=["stage", "stage_changed_at"], name="application_stage_changed_idx"),
            # The application list's order (last moved first), for its first and deep pages.
            models.Index(fields=["-stage_changed_at", "-id"], name="application_last_moved_idx"),
        ]

    def __str__(self):
        return f"{self.candidate} → {self.requisition}"

    # Free text that may copy the candidate's name (audit.privacy).
    AUDIT_MASKED_FIELDS = ("closed_reason",)

    def get_absolute_url(self):
        return reverse("recruitment:application_detail", args=[self.pk])

    @classmethod
    def scrub_audit_entry(cls, entry) -> None:
        """Named by key, "Application #5 · Candidate #3", never by the candidate's name (audit.privacy)."""
        from audit.privacy import record_label

        candidate_id = cls.objects.filter(pk=entry.object_pk).values_list("candidate_id", flat=True).first()
        entry.object_repr = record_label(cls, entry.object_pk)
        if candidate_id:
            entry.object_repr += f" · {record_label(Candidate, candidate_id)}"

    @classmethod
    def audit_url(cls, pk) -> str:
        return reverse("recruitment:application_detail", args=[pk])

    @property
    def is_closed(self) -> bool:
        return self.stage in CLOSED_STAGES


class Event(models.Model):
    """Who changed what and when, with a comment: the history shown on every recruitment page."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        UPDATED = "updated", _("Changed")
        SUBMITTED = "submitted", _("Submitted for approval")
        RESUBMITTED = "resubmitted", _("Resubmitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        RETURNED = "returned", _("Returned for changes")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        CANCELLED = "cancelled", _("Cancelled")
        PLAN_SAVED = "plan_saved", _("Recruitment plan saved")
        RECRUITING = "recruiting", _("Recruiting started")
        HIRE_COUNTED = "hire_counted", _("Hire counted")
        FILLED = "filled", _("Filled")
        MOVED = "moved", _("Moved")
        SKIPPED = "skipped", _("Stage skipped by hand")
        AUTO_SKIPPED = "auto_skipped", _("Stage does not apply: skipped")
        INTERVIEW_SCHEDULED = "interview_scheduled", _("Interview scheduled")
        INTERVIEW_CANCELLED = "interview_cancelled", _("Interview cancelled")
        EVALUATED = "evaluated", _("Evaluation submitted")
        OFFER_CREATED = "offer_created", _("Offer drafted")
        OFFER_UPDATED = "offer_updated", _("Offer changed")
        OFFER_ACCEPTED = "offer_accepted", _("Offer accepted")
        OFFER_DECLINED = "offer_declined", _("Offer declined")

    requisition = models.ForeignKey(Requisition, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    application = models.ForeignKey(Application, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=40, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("recruitment event")
        verbose_name_plural = _("recruitment events")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(requisition__isnull=False) | Q(application__isnull=False), name="event_has_subject"
            )
        ]

    def __str__(self):
        return f"{self.action} {self.at:%Y-%m-%d %H:%M}"

    @staticmethod
    def _label(value: str) -> str:
        for choices in (Stage, Requisition.Status, Offer.Status):
            if value in choices.values:
                return choices(value).label
        return value

    @property
    def from_label(self) -> str:
        return self._label(self.from_state)

    @property
    def to_label(self) -> str:
        return self._label(self.to_state)


class Interview(models.Model):
    """One interview round of an application, with its interviewers and place (or remote link)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="interviews"
    )
    round = models.CharField(_("round"), max_length=20, choices=[(s.value, s.label) for s in INTERVIEW_STAGES])
    scheduled_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=60, validators=[MinValueValidator(10), MaxValueValidator(480)]
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    remote_link = models.URLField(_("remote-meeting link (远程面试)"), blank=True)
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("interviewers"), related_name="recruitment_interviews"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    notes = models.TextField(_("notes for the interviewers"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["scheduled_at", "pk"]
        indexes = [models.Index(fields=["status", "scheduled_at"], name="interview_status_time_idx")]

    def __str__(self):
        return f"{self.get_round_display()} · {self.scheduled_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("recruitment:application_detail", args=[self.application_id]) + f"#interview-{self.pk}"

    def clean(self):
        if not self.place and not self.remote_link:
            raise ValidationError(_("Give the place or the remote-meeting link."), code="place_or_link_required")


class Recommendation(models.TextChoices):
    PROCEED = "proceed", _("Proceed")
    HOLD = "hold", _("Hold")
    REJECT = "reject", _("Reject")


# The criteria each round scores (1–5), in the order of the 面试评价表.
ROUND_SCORES = {
    Stage.FIRST_INTERVIEW: ("attitude", "motivation", "basic_skills", "experience"),
    Stage.SECOND_INTERVIEW: ("professional_knowledge", "post_skills", "overall_ability", "potential"),
    Stage.GM_INTERVIEW: (),
    Stage.TESTS: ("professional_assessment",),
}
CERTIFICATE_CHECKS = ("id_verified", "education_verified", "qualification_verified")


class Evaluation(models.Model):
    """面试评价表: one interviewer's evaluation of one round."""

    interview = models.ForeignKey(
        Interview, verbose_name=_("interview"), on_delete=models.CASCADE, related_name="evaluations"
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("evaluator"), on_delete=models.PROTECT, related_name="+"
    )
    # first interview (HR)
    attitude = models.PositiveSmallIntegerField(_("attitude"), null=True, blank=True, validators=SCORE_VALIDATORS)
    motivation = models.PositiveSmallIntegerField(
        _("motivation (求职动机)"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    basic_skills = models.PositiveSmallIntegerField(
        _("basic skills"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    experience = models.PositiveSmallIntegerField(
        _("experience (从业经验)"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    id_verified = models.BooleanField(_("ID card checked"), null=True, blank=True)
    education_verified = models.BooleanField(_("education certificate checked"), null=True, blank=True)
    qualification_verified = models.BooleanField(_("qualification certificates checked"), null=True, blank=True)
    # second interview (department)
    professional_knowledge = models.PositiveSmallIntegerField(
        _("professional knowledge"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    post_skills = models.PositiveSmallIntegerField(_("post skills"), null=True, blank=True, validators=SCORE_VALIDATORS)
    overall_ability = models.PositiveSmallIntegerField(
        _("overall ability"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    potential = models.PositiveSmallIntegerField(_("potential"), null=True, blank=True, validators=SCORE_VALIDATORS)
    # special posts
    practical_score = models.DecimalField(
        _("practical test score"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=TEST_SCORE_VALIDATORS,
    )
    practical_pass_mark = models.DecimalField(
        _("practical test pass mark"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=TEST_SCORE_VALIDATORS,
    )
    theory_score = models.DecimalField(
        _("theory test score"), max_digits=5, decimal_places=1, null=True, blank=True, validators=TEST_SCORE_VALIDATORS
    )
    theory_pass_mark = models.DecimalField(
        _("theory test pass mark"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=TEST_SCORE_VALIDATORS,
    )
    professional_assessment = models.PositiveSmallIntegerField(
        _("professional assessment"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    # GM round
    gm_opinion = models.TextField(_("general manager's overall opinion"), blank=True)
    comments = models.TextField(_("comments"), blank=True)
    recommendation = models.CharField(_("recommendation"), max_length=20, choices=Recommendation.choices)
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("interview evaluation (面试评价表)")
        verbose_name_plural = _("interview evaluations")
        ordering = ["interview", "submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "evaluator"], name="evaluation_one_per_interviewer")
        ]

    def __str__(self):
        return f"{self.interview} · {self.evaluator}"

    @property
    def practical_passed(self) -> bool | None:
        if self.practical_score is None or self.practical_pass_mark is None:
            return None
        return self.practical_score >= self.practical_pass_mark

    @property
    def theory_passed(self) -> bool | None:
        if self.theory_score is None or self.theory_pass_mark is None:
            return None
        return self.theory_score >= self.theory_pass_mark

    def score_rows(self) -> list[tuple[str, int | None]]:
        """(label, score) of the criteria of this round, for the page and the PDF."""
        names = ROUND_SCORES.get(self.interview.round, ())
        return [(self._meta.get_field(name).verbose_name, getattr(self, name)) for name in names]

    def certificate_rows(self) -> list[tuple[str, bool | None]]:
        return [(self._meta.get_field(name).verbose_name, getattr(self, name)) for name in CERTIFICATE_CHECKS]


class Offer(models.Model):
    """录用审批 and the offer: the terms go through hire approval, then to the candidate."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_APPROVAL = "in_approval", _("In hire approval")
        RETURNED = "returned", _("Returned for changes")
        REJECTED = "rejected", _("Rejected")
        APPROVED = "approved", _("Approved — to be sent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    application = models.OneToOneField(
        Application, verbose_name=_("application"), on_delete=models.PROTECT, related_name="offer"
    )
    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    start_date = models.DateField(_("start date"))
    salary = models.DecimalField(_("agreed salary (monthly, yuan)"), max_digits=10, decimal_places=2)
    contract_type = models.CharField(
        _("labour contract type"), max_length=20, choices=ContractType.choices, default=ContractType.FIXED
    )
    contract_months = models.PositiveSmallIntegerField(
        _("contract term (months)"), null=True, blank=True, help_text=_("Empty for an open-ended contract.")
    )
    probation_months = models.PositiveSmallIntegerField(_("probation (months)"), default=0)
    probation_salary = models.DecimalField(
        _("probation salary (monthly, yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    conditions = models.TextField(
        _("conditions of employment (录用条件)"),
        help_text=_("What the probation review is judged against."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    responded_at = models.DateTimeField(_("candidate answered at"), null=True, blank=True)
    employee = models.OneToOneField(
        "employees.Employee",
        verbose_name=_("employee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recruitment_offer",
    )

    class Meta:
        verbose_name = _("offer (录用审批)")
        verbose_name_plural = _("offers")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(probation_months__lte=6), name="offer_probation_at_most_six_months")
        ]

    def __str__(self):
        return f"{self.number or _('Offer')} · {self.application.candidate}"

    # Free text that may copy the candidate's name (audit.privacy); the salaries are secret.
    AUDIT_MASKED_FIELDS = ("conditions", "notes")

    def get_absolute_url(self):
        return reverse("recruitment:application_detail", args=[self.application_id]) + "#offer"

    @classmethod
    def scrub_audit_entry(cls, entry) -> None:
        """Named by key, "OF-1 · Offer #2 · Candidate #3", never by the candidate's name (audit.privacy)."""
        from audit.privacy import record_label

        row = cls.objects.filter(pk=entry.object_pk).values_list("number", "application__candidate_id").first()
        entry.object_repr = record_label(cls, entry.object_pk)
        if row:
            number, candidate_id = row
            parts = (number, entry.object_repr, record_label(Candidate, candidate_id))
            entry.object_repr = " · ".join(part for part in parts if part)

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES
