"""Training and competence (spec 05): skills and competence standards per position, ratings with history,
training needs, the HR development plan and the annual training plan, sessions with sign-in and assessment,
certificates, mentoring and external training. Statuses change only in services."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from employees.models import private_storage


class Level(models.IntegerChoices):
    """The 4-level scale of the procedures."""

    CANNOT = 1, _("1 — cannot work independently (不能独立工作)")
    GUIDED = 2, _("2 — works under guidance (在别人指导下工作)")
    INDEPENDENT = 3, _("3 — works independently (能独立工作)")
    GUIDES = 4, _("4 — can guide others (可指导别人工作)")


class Skill(models.Model):
    name = models.CharField(_("skill"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CompetenceStandard(models.Model):
    """A skill a position needs, at a required level (岗位能力标准)."""

    position = models.ForeignKey(
        "org.Position", verbose_name=_("position"), on_delete=models.CASCADE, related_name="competence_standards"
    )
    skill = models.ForeignKey(Skill, verbose_name=_("skill"), on_delete=models.PROTECT, related_name="standards")
    required_level = models.PositiveSmallIntegerField(_("required level"), choices=Level.choices)

    class Meta:
        verbose_name = _("competence standard")
        verbose_name_plural = _("competence standards")
        ordering = ["position", "skill__name"]
        constraints = [models.UniqueConstraint(fields=["position", "skill"], name="training_standard_unique")]

    def __str__(self):
        return f"{self.position} · {self.skill}: {self.required_level}"


class SkillRating(models.Model):
    """One rating of an employee on a skill. Ratings are never overwritten: the newest is the current one."""

    employee = models.ForeignKey(
        "employees.Employee", verbose_name=_("employee"), on_delete=models.CASCADE, related_name="skill_ratings"
    )
    skill = models.ForeignKey(Skill, verbose_name=_("skill"), on_delete=models.PROTECT, related_name="ratings")
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    rated_on = models.DateField(_("rated on"), default=timezone.localdate)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("rated by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("skill rating")
        verbose_name_plural = _("skill ratings")
        ordering = ["-rated_on", "-pk"]
        indexes = [models.Index(fields=["employee", "skill", "-rated_on"], name="training_rating_current_idx")]

    def __str__(self):
        return f"{self.employee_id} · {self.skill_id}: {self.level}"


class NeedSource(models.TextChoices):
    GAP = "gap", _("Competence gap")
    NEW_POST = "new_post", _("New post")
    TRANSFER = "transfer", _("Transfer or promotion (post training)")
    KPI = "kpi", _("KPI result")
    REGULATION = "regulation", _("Regulation or customer requirement")
    SELF = "self", _("Own wish")
    OTHER = "other", _("Other")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PLANNED = "planned", _("Planned")
    FULFILLED = "fulfilled", _("Passed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_NEED_STATUSES = (NeedStatus.OPEN, NeedStatus.PLANNED)


class TrainingNeed(models.Model):
    """A training need (培训需求申请表) of one employee. A post-training need (`for_position` set) keeps the person
    "not ready for post" until a session for it is passed."""

    employee = models.ForeignKey(
        "employees.Employee", verbose_name=_("employee"), on_delete=models.CASCADE, related_name="training_needs"
    )
    topic = models.CharField(_("topic"), max_length=200)
    source = models.CharField(_("source"), max_length=20, choices=NeedSource.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    skill = models.ForeignKey(
        Skill, verbose_name=_("skill"), null=True, blank=True, on_delete=models.SET_NULL, related_name="needs"
    )
    wanted_period = models.CharField(_("wanted period"), max_length=50, blank=True)
    for_position = models.ForeignKey(
        "org.Position",
        verbose_name=_("post training for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    plan_item = models.ForeignKey(
        "PlanItem", verbose_name=_("plan item"), null=True, blank=True, on_delete=models.SET_NULL, related_name="needs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("training need")
        verbose_name_plural = _("training needs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["employee", "status"], name="training_need_emp_status_idx")]

    def __str__(self):
        return f"{self.topic} · {self.employee_id}"

    def get_absolute_url(self):
        return reverse("training:need_list") + f"?employee={self.employee_id}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_NEED_STATUSES


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_APPROVAL = "in_approval", _("In approval")
    RETURNED = "returned", _("Returned for changes")
    REJECTED = "rejected", _("Rejected")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


EDITABLE_PLAN_STATUSES = (PlanStatus.DRAFT, PlanStatus.RETURNED)


class DevelopmentPlan(models.Model):
    """人力资源发展计划: the yearly HR development plan, approved by the general manager."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    headcount_notes = models.TextField(_("headcount by position against authorised headcount"), blank=True)
    competence_needs = models.TextField(_("competence needs"), blank=True)
    training_focus = models.TextField(_("training focus"))
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("HR development plan")
        verbose_name_plural = _("HR development plans")
        ordering = ["-year"]

    def __str__(self):
        return f"人力资源发展计划 {self.year}"

    def get_absolute_url(self):
        return reverse("training:devplan_detail", args=[self.pk])


class TrainingPlan(models.Model):
    """年度培训计划表: one per year, approved through the plan flow, then published."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    development_plan = models.ForeignKey(
        DevelopmentPlan,
        verbose_name=_("HR development plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_plans",
    )
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("annual training plan")
        verbose_name_plural = _("annual training plans")
        ordering = ["-year"]

    def __str__(self):
        return f"年度培训计划表 {self.year}"

    def get_absolute_url(self):
        return reverse("training:plan_detail", args=[self.pk])


class TrainerKind(models.TextChoices):
    INTERNAL = "internal", _("Internal")
    EXTERNAL = "external", _("External")


class Method(models.TextChoices):
    CLASSROOM = "classroom", _("Classroom (课堂讲授)")
    ON_THE_JOB = "on_the_job", _("On the job (现场实操)")
    ONLINE = "online", _("Online")
    EXTERNAL = "external", _("External course (外训)")


class PlanItem(models.Model):
    plan = models.ForeignKey(TrainingPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="items")
    course = models.CharField(_("course"), max_length=200)
    target_departments = models.ManyToManyField(
        "org.Department", verbose_name=_("target departments"), blank=True, related_name="+"
    )
    target_positions = models.ManyToManyField(
        "org.Position", verbose_name=_("target positions"), blank=True, related_name="+"
    )
    targets = models.CharField(_("target participants"), max_length=200, blank=True)
    month = models.PositiveSmallIntegerField(_("planned month"), choices=[(m, str(m)) for m in range(1, 13)])
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    trainer_kind = models.CharField(_("trainer"), max_length=20, choices=TrainerKind.choices)
    trainer = models.CharField(_("trainer name"), max_length=100, blank=True)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    budget = models.DecimalField(_("budget (yuan)"), max_digits=10, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["plan", "month", "pk"]

    def __str__(self):
        return f"{self.plan.year}-{self.month:02d} {self.course}"


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


def new_checkin_code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


class Session(models.Model):
    course = models.CharField(_("course"), max_length=200)
    plan_item = models.ForeignKey(
        PlanItem, verbose_name=_("plan item"), null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    trainer_kind = models.CharField(_("trainer"), max_length=20, choices=TrainerKind.choices)
    trainer = models.CharField(_("trainer name"), max_length=100)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=100)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    pass_mark = models.DecimalField(_("pass mark"), max_digits=5, decimal_places=1, default=60)
    is_induction = models.BooleanField(_("induction training (入职培训)"), default=False)
    checkin_code = models.CharField(_("check-in code"), max_length=6, default=new_checkin_code)
    status = models.CharField(
        _("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="training_session_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.course} ({timezone.localtime(self.starts_at):%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("training:session_detail", args=[self.pk])

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": ValidationError(_("The session must end after it starts."), code="ends_before_start")}
            )


class AssessmentMethod(models.TextChoices):
    WRITTEN = "written", _("Written test (理论考核)")
    ORAL = "oral", _("Oral questions (现场问答)")
    PRACTICAL = "practical", _("Practical operation (实践操作)")
    SHARING = "sharing", _("Reflection sharing (感悟分享)")


class FailureAction(models.TextChoices):
    RETRAIN = "retrain", _("Retraining")
    CHANGE_POST = "change_post", _("Change of post")


class Participant(models.Model):
    """An invited participant: attendance, assessment, rating of the session and the head's later evaluation."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="participants"
    )
    employee = models.ForeignKey(
        "employees.Employee",
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="training_participations",
    )
    need = models.ForeignKey(
        TrainingNeed,
        verbose_name=_("training need"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    attended = models.BooleanField(_("attended"), default=False)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    self_checked_in = models.BooleanField(_("checked in by themselves"), default=False)
    method = models.CharField(_("assessment"), max_length=20, choices=AssessmentMethod.choices, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    failure_action = models.CharField(_("after failing"), max_length=20, choices=FailureAction.choices, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_at = models.DateTimeField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating of the session (1–5)"), null=True, blank=True)
    rating_comment = models.CharField(_("comment"), max_length=300, blank=True)
    application_rating = models.PositiveSmallIntegerField(_("application at work (1–5)"), null=True, blank=True)
    application_note = models.CharField(_("head's evaluation"), max_length=300, blank=True)
    application_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["session", "employee__number"]
        constraints = [models.UniqueConstraint(fields=["session", "employee"], name="training_participant_unique")]

    def __str__(self):
        return f"{self.session_id} · {self.employee_id}"


class FileKind(models.TextChoices):
    MATERIAL = "material", _("Material")
    TEST_PAPER = "test_paper", _("Test paper")
    RECORD = "record", _("Other record")


def session_file_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"training/sessions/{instance.session_id}/{instance.kind}-{secrets.token_hex(8)}.{ext}"


class SessionFile(models.Model):
    """Materials and test papers archived with the session; private, served through a checked view."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("kind"), max_length=20, choices=FileKind.choices)
    file = models.FileField(_("file"), storage=private_storage, upload_to=session_file_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("session file")
        verbose_name_plural = _("session files")
        ordering = ["kind", "pk"]

    def __str__(self):
        return self.original_name


# --- certificates ----------------------------------------------------------------------------------------------


class CertificateType(models.Model):
    """A kind of post certificate (上岗证 / 资格证书): forklift, electrician, welder, internal post certificate."""

    name = models.CharField(_("certificate type"), max_length=100, unique=True)
    is_external = models.BooleanField(_("issued by an outside authority"), default=True)
    positions = models.ManyToManyField(
        "org.Position",
        verbose_name=_("posts that require it"),
        blank=True,
        related_name="required_certificate_types",
    )

    class Meta:
        verbose_name = _("certificate type")
        verbose_name_plural = _("certificate types")
        ordering = ["name"]

    def __str__(self):
        return self.name


def certificate_scan_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"training/certificates/{instance.employee_id}/{secrets.token_hex(8)}.{ext}"


class Certificate(models.Model):
    employee = models.ForeignKey(
        "employees.Employee", verbose_name=_("employee"), on_delete=models.CASCADE, related_name="certificates"
    )
    type = models.ForeignKey(
        CertificateType, verbose_name=_("certificate type"), on_delete=models.PROTECT, related_name="certificates"
    )
    number = models.CharField(_("certificate number"), max_length=50)
    issuer = models.CharField(_("issued by"), max_length=100)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    scan = models.FileField(_("scan"), storage=private_storage, upload_to=certificate_scan_path, blank=True)
    scan_name = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["employee", "-issued_on"]
        indexes = [models.Index(fields=["expires_on"], name="training_cert_expiry_idx")]

    def __str__(self):
        return f"{self.type} {self.number}"

    def clean(self):
        if self.expires_on and self.issued_on and self.expires_on < self.issued_on:
            raise ValidationError(
                {"expires_on": ValidationError(_("It cannot expire before it is issued."), code="expires_before_issue")}
            )

    def is_valid_on(self, day) -> bool:
        return self.issued_on <= day and (self.expires_on is None or self.expires_on >= day)


# --- mentoring -------------------------------------------------------------------------------------------------


class Mentoring(models.Model):
    """师带徒 / 带教: a mentor for a new or moved employee for a period, with goals and the mentor's sign-off."""

    employee = models.ForeignKey(
        "employees.Employee", verbose_name=_("apprentice"), on_delete=models.CASCADE, related_name="mentorings"
    )
    mentor = models.ForeignKey(
        "employees.Employee", verbose_name=_("mentor"), on_delete=models.PROTECT, related_name="mentees"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    goals = models.TextField(_("goals"))
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    goals_met = models.BooleanField(_("goals met"), null=True, blank=True)
    sign_off_note = models.CharField(_("mentor's assessment"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentoring")
        verbose_name_plural = _("mentorings")
        ordering = ["-starts_on", "-pk"]

    def __str__(self):
        return f"{self.mentor_id} → {self.employee_id}"

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": ValidationError(_("It cannot end before it starts."), code="ends_before_start")}
            )
        if self.employee_id and self.employee_id == self.mentor_id:
            raise ValidationError({"mentor": ValidationError(_("Nobody mentors themselves."), code="own_mentor")})


# --- external training -----------------------------------------------------------------------------------------


class ExternalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_APPROVAL = "in_approval", _("In approval")
    RETURNED = "returned", _("Returned for changes")
    REJECTED = "rejected", _("Rejected")
    APPROVED = "approved", _("Approved")
    COMPLETED = "completed", _("Completed (report attached)")


def external_file_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"training/external/{instance.employee_id}/{secrets.token_hex(8)}.{ext}"


class ExternalTraining(models.Model):
    """外出培训申请表: through the external training flow; on return the certificate and report are attached."""

    employee = models.ForeignKey(
        "employees.Employee", verbose_name=_("employee"), on_delete=models.CASCADE, related_name="external_trainings"
    )
    course = models.CharField(_("course"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    cost = models.DecimalField(_("cost (yuan)"), max_digits=10, decimal_places=2)
    reason = models.TextField(_("reason"))
    status = models.CharField(_("status"), max_length=20, choices=ExternalStatus.choices, default=ExternalStatus.DRAFT)
    report = models.TextField(_("report after return"), blank=True)
    certificate_file = models.FileField(
        _("certificate"), storage=private_storage, upload_to=external_file_path, blank=True
    )
    certificate_name = models.CharField(max_length=200, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("external training")
        verbose_name_plural = _("external trainings")
        ordering = ["-starts_on", "-pk"]

    def __str__(self):
        return f"外出培训 {self.course}"

    def get_absolute_url(self):
        return reverse("training:external_detail", args=[self.pk])

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": ValidationError(_("It cannot end before it starts."), code="ends_before_start")}
            )
        if self.cost is not None and self.cost < 0:
            raise ValidationError({"cost": ValidationError(_("The cost cannot be negative."), code="negative_cost")})


# --- quality awareness -----------------------------------------------------------------------------------------


class AwarenessCheck(models.Model):
    """员工意识: the yearly check of an employee's understanding of the quality policy, objectives, their
    contribution and the consequences of not conforming."""

    employee = models.ForeignKey(
        "employees.Employee", verbose_name=_("employee"), on_delete=models.CASCADE, related_name="awareness_checks"
    )
    year = models.PositiveIntegerField(_("year"))
    checked_on = models.DateField(_("checked on"), default=timezone.localdate)
    understanding = models.TextField(_("how the employee explained it"))
    passed = models.BooleanField(_("understanding confirmed"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("quality awareness check")
        verbose_name_plural = _("quality awareness checks")
        ordering = ["-year", "employee"]
        constraints = [models.UniqueConstraint(fields=["employee", "year"], name="training_awareness_once_a_year")]

    def __str__(self):
        return f"员工意识 {self.year} · {self.employee_id}"


class CompetenceReview(models.Model):
    """岗位胜任评价表: a department's yearly post competence evaluation (the skill risks of its posts), approved by
    the management representative (管理者代表)."""

    department = models.ForeignKey(
        "org.Department", verbose_name=_("department"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveIntegerField(_("year"))
    conclusion = models.TextField(_("evaluation and measures"))
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("post competence evaluation")
        verbose_name_plural = _("post competence evaluations")
        ordering = ["-year", "department"]
        constraints = [models.UniqueConstraint(fields=["department", "year"], name="training_review_once_a_year")]

    def __str__(self):
        return f"岗位胜任评价表 {self.year} · {self.department}"

    def get_absolute_url(self):
        return reverse("training:review_detail", args=[self.pk])
