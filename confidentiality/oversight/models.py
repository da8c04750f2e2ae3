"""Oversight of confidentiality (spec 08, 保密管理制度): classified meetings and their handouts, leak incidents and
their decisions, confidentiality inspections with corrective actions, and removable media holding classified data.

The rules that must hold whoever writes a row (an attendee's clearance, the penalty ranges of the regulations, a
handout only to an attendee) are in the models' `clean()`; services call `full_clean()` before saving.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.security import SecrecyLevel

CLASSIFIED_LEVELS = [(value, label) for value, label in SecrecyLevel.choices if value >= SecrecyLevel.SECRET]


class LevelField(models.PositiveSmallIntegerField):
    """A secrecy level of secret or above (the only levels this app deals with; the choices refuse the others)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", CLASSIFIED_LEVELS)
        super().__init__(*args, **kwargs)


# --- Classified meetings (保密会议) -------------------------------------------------------------------------------


class RelayRule(models.TextChoices):
    NONE = "none", _("Not to be relayed")
    SCOPE = "scope", _("May be relayed within the stated scope only")


DEFAULT_DISCIPLINE = (
    "与会人员不得以任何形式对外泄露会议秘密内容；不得携带手机及录音、录像设备进入会场；"
    "会议资料编号发放、会后统一收回；会议记录按秘密文件管理。"
)


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("subject"), max_length=200)
    level = LevelField(_("secrecy level"))
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("organising department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_at = models.DateTimeField(_("starts at"))
    venue = models.CharField(_("venue"), max_length=200)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    discipline = models.TextField(_("confidentiality discipline"), default=DEFAULT_DISCIPLINE)
    discipline_announced_at = models.DateTimeField(_("discipline announced at"), null=True, blank=True)
    discipline_announced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("discipline announced by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    relay_rule = models.CharField(_("relay"), max_length=8, choices=RelayRule.choices, default=RelayRule.NONE)
    relay_scope = models.CharField(
        _("relay scope"), max_length=300, blank=True, help_text=_("Who the content may be relayed to, and how much.")
    )
    minutes = models.TextField(_("meeting minutes"), blank=True)
    minutes_level = LevelField(_("secrecy level of the minutes"), null=True, blank=True)
    minutes_keeper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("minutes kept by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("classified meeting")
        verbose_name_plural = _("classified meetings")
        ordering = ("-starts_at", "-pk")
        indexes = [models.Index(fields=["level", "-starts_at"])]

    def __str__(self):
        # The number only: the subject is classified and this text reaches the audit trail and logs.
        return self.number or str(_("classified meeting"))

    def get_absolute_url(self):
        return reverse("confidentiality_oversight:meeting_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.relay_rule == RelayRule.SCOPE and not self.relay_scope.strip():
            errors["relay_scope"] = ValidationError(_("Say to whom the content may be relayed."), code="relay_scope")
        if self.organiser_id and self.level is not None and self.organiser.clearance < self.level:
            errors["organiser"] = ValidationError(
                _("The organiser's clearance is below the meeting's level."), code="organiser_clearance"
            )
        if self.minutes_level is not None and self.level is not None and self.minutes_level < self.level:
            errors["minutes_level"] = ValidationError(
                _("The minutes are classified at least at the meeting's level."), code="minutes_level"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.HELD)


class Attendee(models.Model):
    """One person on the restricted list (指定与会人员). Only users cleared for the meeting's level."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("attendee"), on_delete=models.PROTECT, related_name="+"
    )
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting attendee")
        verbose_name_plural = _("meeting attendees")
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="oversight_attendee_once")]

    def __str__(self):
        return f"{self.meeting} · {self.user}"

    def clean(self):
        if self.user_id and self.meeting_id and self.user.clearance < self.meeting.level:
            raise ValidationError(
                {
                    "user": ValidationError(
                        _("%(name)s is not cleared for %(level)s meetings.")
                        % {"name": self.user, "level": self.meeting.get_level_display()},
                        code="clearance",
                    )
                }
            )


class VenueCheck(models.Model):
    """The venue checked before the meeting (会前保密安全检查) and after it (会后检查: nothing left behind)."""

    class Stage(models.TextChoices):
        BEFORE = "before", _("Before the meeting")
        AFTER = "after", _("After the meeting")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="venue_checks")
    stage = models.CharField(_("stage"), max_length=8, choices=Stage.choices)
    items = models.JSONField(_("items checked"), default=list)
    passed = models.BooleanField(_("passed"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("checked by"), on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("venue check")
        verbose_name_plural = _("venue checks")
        ordering = ("checked_at", "pk")

    def __str__(self):
        return f"{self.meeting} · {self.get_stage_display()}"


# The checklist per stage (保密管理制度: 会址保密安全检查, 会后检查有无遗漏的秘密文件、记录本).
VENUE_CHECKLIST = {
    VenueCheck.Stage.BEFORE: (
        ("phones", _("Phones and smart devices collected outside the room")),
        ("recording", _("No recording or filming devices in the room")),
        ("swept", _("Room swept (no bugs, no unrelated materials)")),
        ("access", _("Entry limited to the listed attendees")),
        ("equipment", _("Projector and computers offline, no wireless microphones")),
    ),
    VenueCheck.Stage.AFTER: (
        ("documents", _("No classified documents or notebooks left behind")),
        ("boards", _("Whiteboards wiped, flip charts removed")),
        ("equipment", _("Nothing left on projectors or computers")),
    ),
}


class Handout(models.Model):
    """A numbered meeting handout (会议资料), issued to an attendee and collected back after the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="handouts")
    number = models.PositiveIntegerField(_("copy number"))
    material = models.CharField(_("material"), max_length=200)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.PROTECT, related_name="+"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"))
    collected_at = models.DateTimeField(_("collected at"), null=True, blank=True)
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("collected by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("meeting handout")
        verbose_name_plural = _("meeting handouts")
        ordering = ("meeting", "number")
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="oversight_handout_number")]

    def __str__(self):
        return f"{self.meeting}-{self.number:02d}"

    def clean(self):
        if (
            self.meeting_id
            and self.recipient_id
            and not Attendee.objects.filter(meeting_id=self.meeting_id, user_id=self.recipient_id).exists()
        ):
            raise ValidationError(
                {"recipient": ValidationError(_("Handouts go to listed attendees only."), code="not_attendee")}
            )

    @property
    def label(self) -> str:
        return f"{self.meeting.number}-{self.number:02d}"


# --- Leak incidents (泄密事件) --------------------------------------------------------------------------------------


class Severity(models.TextChoices):
    # 保密管理制度 六(一): 警告或 50–500 元; 六(二): 辞退并 500–5,000 元, 情节严重的依法追究法律责任.
    MINOR = "minor", _("Minor (warning or 50–500 yuan)")
    SERIOUS = "serious", _("Serious (dismissal and 500–5,000 yuan)")


# The regulations' ranges, in yuan (both ends included).
PENALTY_RANGES = {
    Severity.MINOR: (Decimal("50"), Decimal("500")),
    Severity.SERIOUS: (Decimal("500"), Decimal("5000")),
}


class Incident(models.Model):
    class Status(models.TextChoices):
        REPORTED = "reported", _("Reported")
        INVESTIGATING = "investigating", _("Under investigation")
        DECIDED = "decided", _("Decided")
        CLOSED = "closed", _("Closed")

    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported at"))
    found_on = models.DateField(_("found on"))
    what = models.TextField(_("what leaked or may have leaked"))
    how = models.TextField(_("how it was noticed"), blank=True)
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.REPORTED)
    level = LevelField(_("secrecy level of the matter"), null=True, blank=True)
    investigation = models.TextField(_("investigation"), blank=True)
    remedial_actions = models.TextField(_("remedial actions"), blank=True)
    loss = models.DecimalField(
        _("actual loss (yuan)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    decision_summary = models.TextField(_("decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("leak incident")
        verbose_name_plural = _("leak incidents")
        ordering = ("-reported_at", "-pk")

    def __str__(self):
        return self.number or str(_("leak incident"))

    def get_absolute_url(self):
        return reverse("confidentiality_oversight:incident_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.REPORTED, self.Status.INVESTIGATING)


class Responsibility(models.Model):
    """A responsible person and what is decided for them. Recorded only: nothing is ever deducted from pay."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="responsibilities")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("responsible person"), on_delete=models.PROTECT, related_name="+"
    )
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    warning = models.BooleanField(_("warning"), default=False)
    penalty = models.DecimalField(
        _("penalty (yuan)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Recorded only, never deducted from pay; HR must confirm the legal basis first."),
    )
    dismissal = models.BooleanField(_("dismissal"), default=False)
    compensation = models.DecimalField(
        _("compensation for actual loss (yuan)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    legal_action = models.BooleanField(_("legal action"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        ordering = ("pk",)
        constraints = [models.UniqueConstraint(fields=["incident", "person"], name="oversight_responsibility_once")]

    def __str__(self):
        return f"{self.incident} · {self.person}"

    def clean(self):
        errors: dict[str, ValidationError] = {}
        low, high = PENALTY_RANGES.get(self.severity, (None, None))
        if self.penalty is not None and low is not None and not low <= self.penalty <= high:
            errors["penalty"] = ValidationError(
                _("For this severity the regulations allow %(low)s to %(high)s yuan.") % {"low": low, "high": high},
                code="penalty_range",
            )
        if self.severity == Severity.MINOR:
            if self.dismissal:
                errors["dismissal"] = ValidationError(_("Dismissal is for serious cases only."), code="dismissal_minor")
            if self.legal_action:
                errors["legal_action"] = ValidationError(
                    _("Legal action is for serious cases only."), code="legal_minor"
                )
            if not self.warning and self.penalty is None:
                errors["warning"] = ValidationError(
                    _("A minor case gets a warning or a penalty of 50–500 yuan."), code="minor_empty"
                )
        elif self.severity == Severity.SERIOUS:
            if not self.dismissal:
                errors["dismissal"] = ValidationError(
                    _("A serious case means dismissal under the regulations."), code="serious_dismissal"
                )
            if self.penalty is None:
                errors["penalty"] = ValidationError(
                    _("A serious case carries a penalty of 500–5,000 yuan."), code="serious_penalty"
                )
        if errors:
            raise ValidationError(errors)


class Reward(models.Model):
    """A reward for reporting or stopping a leak (六(三)): the amount is decided by the company's office meeting."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="rewards")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("rewarded person"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(
        _("amount (yuan)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    reason = models.CharField(_("reason"), max_length=300)
    decided_on = models.DateField(_("decided by the office meeting on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reward")
        verbose_name_plural = _("rewards")
        ordering = ("pk",)

    def __str__(self):
        return f"{self.incident} · {self.person}"


# --- Inspections (保密安全检查) -------------------------------------------------------------------------------------


class Holiday(models.TextChoices):
    SPRING_FESTIVAL = "spring_festival", _("Spring Festival")
    NATIONAL_DAY = "national_day", _("National Day")


class Inspection(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Before a long holiday")
        SPOT = "spot", _("Unannounced spot check")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Inspected")
        CLOSED = "closed", _("Closed")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    holiday = models.CharField(_("holiday"), max_length=16, choices=Holiday.choices, blank=True)
    planned_on = models.DateField(_("planned on"))
    done_on = models.DateField(_("inspected on"), null=True, blank=True)
    departments = models.ManyToManyField("org.Department", verbose_name=_("departments inspected"), related_name="+")
    inspectors = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("inspectors"), related_name="+")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PLANNED)
    findings = models.TextField(_("findings"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("confidentiality inspection")
        verbose_name_plural = _("confidentiality inspections")
        ordering = ("-planned_on", "-pk")

    def __str__(self):
        return f"{self.get_kind_display()} {self.planned_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("confidentiality_oversight:inspection_detail", args=[self.pk])

    def clean(self):
        if self.kind == self.Kind.HOLIDAY and not self.holiday:
            raise ValidationError({"holiday": ValidationError(_("Say which holiday."), code="holiday")})
        if self.kind == self.Kind.SPOT and self.holiday:
            raise ValidationError(
                {"holiday": ValidationError(_("A spot check is not tied to a holiday."), code="spot_holiday")}
            )


class CorrectiveAction(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="actions")
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    finding = models.TextField(_("finding"))
    action = models.TextField(_("corrective action"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("due on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closure_note = models.TextField(_("how it was corrected"), blank=True)

    class Meta:
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        ordering = ("due_on", "pk")
        indexes = [models.Index(fields=["closed_on", "due_on"])]

    def __str__(self):
        return f"{self.inspection} · {self.due_on:%Y-%m-%d}"


# --- Removable media (涉密U盘/移动硬盘) -----------------------------------------------------------------------------


class Medium(models.Model):
    class Kind(models.TextChoices):
        USB = "usb", _("USB stick")
        DISK = "disk", _("Portable hard disk")
        CARD = "card", _("Memory card")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        IN_STORE = "in_store", _("With the custodian")
        ISSUED = "issued", _("Issued")
        LOST = "lost", _("Lost")
        RETIRED = "retired", _("Retired (destroyed)")

    serial = models.CharField(_("serial number"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    level = LevelField(_("secrecy level"))
    department = models.ForeignKey(
        "org.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    custodian = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("custodian"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.IN_STORE)
    incident = models.ForeignKey(
        Incident, verbose_name=_("incident"), null=True, blank=True, on_delete=models.PROTECT, related_name="media"
    )
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("removable medium")
        verbose_name_plural = _("removable media")
        ordering = ("serial",)

    def __str__(self):
        return self.serial

    def get_absolute_url(self):
        return reverse("confidentiality_oversight:medium_detail", args=[self.pk])

    def clean(self):
        if self.custodian_id and self.level is not None and self.custodian.clearance < self.level:
            raise ValidationError(
                {"custodian": ValidationError(_("The custodian is not cleared for this level."), code="clearance")}
            )


class MediumLoan(models.Model):
    medium = models.ForeignKey(Medium, on_delete=models.CASCADE, related_name="loans")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued to"), on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(_("issued at"))
    due_back = models.DateField(_("due back on"))
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    returned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("medium issue")
        verbose_name_plural = _("medium issues")
        ordering = ("-issued_at", "-pk")

    def __str__(self):
        return f"{self.medium} · {self.holder}"

    def clean(self):
        if self.holder_id and self.medium_id and self.holder.clearance < self.medium.level:
            raise ValidationError(
                {"holder": ValidationError(_("This person is not cleared for the medium's level."), code="clearance")}
            )
