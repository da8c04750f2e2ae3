"""Separations (离职管理, spec 07): the case of every separation type, its handover checklist (离职交接清单), the
exit interview (离职面谈), the post-employment terms (脱密期, 竞业限制) and the case's history."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from employees.labour_law import NONCOMPETE_MAX_MONTHS, SECRECY_NOTICE_MAX_MONTHS, minimum_wage


class SeparationType(models.TextChoices):
    RESIGNATION = "resignation", _("Resignation (辞职)")
    DISMISSAL = "dismissal", _("Dismissal (辞退/解除)")
    PROBATION = "probation", _("Probation not passed (试用不合格)")
    NOT_RENEWED = "not_renewed", _("Contract expiry not renewed (合同到期不续签)")
    RETIREMENT = "retirement", _("Retirement (退休)")
    MUTUAL = "mutual", _("Mutual agreement (协商解除)")


# The types the company decides (HR enters them, with the legal checks).
COMPANY_TYPES = (
    SeparationType.DISMISSAL,
    SeparationType.PROBATION,
    SeparationType.NOT_RENEWED,
    SeparationType.RETIREMENT,
    SeparationType.MUTUAL,
)


class DismissalGround(models.TextChoices):
    ART39 = "art39", _("Serious misconduct or fault, no notice (art. 39)")
    ART40 = "art40", _("Incapacity, incompetence or changed circumstances, with notice (art. 40)")
    ART41 = "art41", _("Economic redundancy (art. 41)")


class ExitReason(models.TextChoices):
    PAY = "pay", _("Pay and benefits")
    DEVELOPMENT = "development", _("Career development")
    MANAGEMENT = "management", _("Management")
    WORKLOAD = "workload", _("Workload")
    ENVIRONMENT = "environment", _("Working environment")
    PERSONAL = "personal", _("Personal or family reasons")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    NOTICE = "notice", _("Notice given, being acknowledged")
    RETURNED = "returned", _("Returned to the employee")
    CONFIRMED = "confirmed", _("Last day confirmed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # A company decision that goes through approval (termination in probation) and was not approved.
    REJECTED = "rejected", _("Not approved")
    SEPARATED = "separated", _("Separated")
    COMPLETED = "completed", _("Completed")


OPEN_STATUSES = (CaseStatus.NOTICE, CaseStatus.RETURNED, CaseStatus.CONFIRMED, CaseStatus.SEPARATED)
# After confirmation the last day is fixed: the handover runs and the case ends in separation.
RUNNING_STATUSES = (CaseStatus.CONFIRMED, CaseStatus.SEPARATED)


class NoncompeteBasis(models.TextChoices):
    SENIOR_MANAGER = "manager", _("Senior manager (高级管理人员)")
    SENIOR_TECHNICAL = "technical", _("Senior technical staff (高级技术人员)")
    CONFIDENTIALITY = "confidentiality", _("Other staff with a confidentiality duty (其他负有保密义务的人员)")


class PostEmploymentTerms(models.Model):
    """What the employee agreed for after leaving or for the notice: the secrecy notice period (脱密期) of a
    classified post and a non-compete (竞业限制, LCL arts. 23–24). Recorded by HR when agreed; the case reads it."""

    employee = models.OneToOneField(
        "employees.Employee", verbose_name=_("employee"), on_delete=models.PROTECT, related_name="post_terms"
    )
    secrecy_notice_months = models.PositiveSmallIntegerField(
        _("secrecy notice period (脱密期, months)"),
        default=0,
        help_text=_("Agreed for a classified post: the notice runs at least this long, off classified work."),
    )
    noncompete = models.BooleanField(_("non-compete agreed (竞业限制)"), default=False)
    noncompete_basis = models.CharField(
        _("why a non-compete applies"), max_length=20, choices=NoncompeteBasis.choices, blank=True
    )
    noncompete_scope = models.CharField(_("non-compete scope"), max_length=255, blank=True)
    noncompete_months = models.PositiveSmallIntegerField(_("non-compete length (months)"), null=True, blank=True)
    noncompete_monthly_compensation = models.DecimalField(
        _("non-compete compensation (monthly, yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    agreed_on = models.DateField(_("agreed on"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("post-employment terms")
        verbose_name_plural = _("post-employment terms")

    def __str__(self):
        return str(self.employee)

    def clean(self):
        errors = {}
        if self.secrecy_notice_months > SECRECY_NOTICE_MAX_MONTHS:
            errors["secrecy_notice_months"] = ValidationError(
                _("The secrecy notice period is at most %(months)s months.") % {"months": SECRECY_NOTICE_MAX_MONTHS},
                code="secrecy_notice_too_long",
            )
        if self.noncompete:
            if not self.noncompete_basis:
                errors["noncompete_basis"] = ValidationError(
                    _(
                        "A non-compete may bind only senior managers, senior technical staff and others with a "
                        "confidentiality duty (art. 24): say which applies."
                    ),
                    code="noncompete_basis_required",
                )
            if not self.noncompete_scope.strip():
                errors["noncompete_scope"] = ValidationError(
                    _("Give the scope (business, region) of the non-compete."), code="noncompete_scope_required"
                )
            if not self.noncompete_months or self.noncompete_months > NONCOMPETE_MAX_MONTHS:
                errors["noncompete_months"] = ValidationError(
                    _("A non-compete lasts from 1 to 24 months after leaving (art. 24)."),
                    code="noncompete_too_long",
                )
            wage = minimum_wage()
            if self.noncompete_monthly_compensation is None or self.noncompete_monthly_compensation < wage:
                errors["noncompete_monthly_compensation"] = ValidationError(
                    _(
                        "A non-compete is paid monthly after leaving (art. 23), at least the local minimum wage of "
                        "%(wage)s yuan."
                    )
                    % {"wage": wage},
                    code="noncompete_compensation_required",
                )
        elif self.noncompete_basis or self.noncompete_months or self.noncompete_monthly_compensation:
            errors["noncompete"] = ValidationError(
                _("Tick “non-compete agreed” to record its terms."), code="noncompete_not_agreed"
            )
        if errors:
            raise ValidationError(errors)


class NoncompeteDecision(models.TextChoices):
    ENFORCE = "enforce", _("Enforce: pay the monthly compensation")
    RELEASE = "release", _("Release: the employee is free to compete")


class SeparationCase(models.Model):
    """One separation. A resignation is a notice: acknowledged and its last day confirmed, never refused (art.
    37). A company decision carries its legal checks (arts. 40–43) and the compensation owed (arts. 46–47)."""

    employee = models.ForeignKey(
        "employees.Employee", verbose_name=_("employee"), on_delete=models.PROTECT, related_name="separations"
    )
    separation_type = models.CharField(_("type"), max_length=20, choices=SeparationType.choices)
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.NOTICE)
    reason = models.CharField(_("reason"), max_length=20, choices=ExitReason.choices, blank=True)
    reason_text = models.TextField(_("reason in words"), blank=True)
    notice_on = models.DateField(_("notice given on"))
    requested_last_day = models.DateField(_("requested last working day"))
    earliest_last_day = models.DateField(_("earliest last day by the notice rules"), null=True, blank=True)
    # An earlier day than the notice rules allow, agreed by the company (a waiver of the notice).
    earlier_by_agreement = models.BooleanField(_("earlier day agreed (notice waived)"), default=False)
    last_day = models.DateField(_("last working day"), null=True, blank=True)
    on_paper = models.BooleanField(_("received on paper, entered by HR"), default=False)
    in_probation = models.BooleanField(_("in probation at notice"), default=False)
    # Secrecy notice period (脱密期): the person is moved off classified work for its duration.
    secrecy_notice_months = models.PositiveSmallIntegerField(_("secrecy notice period (months)"), default=0)
    off_classified_work_on = models.DateField(_("moved off classified work on"), null=True, blank=True)
    off_classified_note = models.CharField(_("new duties during the secrecy period"), max_length=255, blank=True)
    # Company decisions
    ground = models.CharField(_("legal ground"), max_length=10, choices=DismissalGround.choices, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    pay_in_lieu = models.BooleanField(_("one month's pay in lieu of notice (art. 40)"), default=False)
    union_informed_on = models.DateField(_("trade union informed on (art. 43)"), null=True, blank=True)
    union_note = models.CharField(_("trade union's response"), max_length=255, blank=True)
    monthly_wage = models.DecimalField(
        _("monthly wage for compensation (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    compensation_months = models.DecimalField(
        _("compensation (months)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    compensation_amount = models.DecimalField(
        _("economic compensation (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    compensation_capped = models.BooleanField(_("capped (art. 47)"), default=False)
    # Separation and after
    separated_at = models.DateTimeField(_("separated at"), null=True, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=30, blank=True)
    file_transfer_due = models.DateField(_("personnel file and social insurance transfer due"), null=True, blank=True)
    file_transferred_on = models.DateField(
        _("personnel file and social insurance transferred on"), null=True, blank=True
    )
    noncompete_decision = models.CharField(
        _("non-compete decision at exit"), max_length=10, choices=NoncompeteDecision.choices, blank=True
    )
    noncompete_end = models.DateField(_("non-compete ends on"), null=True, blank=True)
    not_eligible_for_rehire = models.BooleanField(_("not eligible for rehire"), default=False)
    rehire_note = models.CharField(_("why not eligible for rehire"), max_length=255, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("separation case")
        verbose_name_plural = _("separation cases")
        ordering = ["-notice_on", "-pk"]
        constraints = [
            # One open separation per person: two clicks or two tabs never make a second case.
            models.UniqueConstraint(
                fields=["employee"],
                condition=Q(status__in=["notice", "returned", "confirmed"]),
                name="separation_one_open_per_employee",
            )
        ]
        indexes = [
            models.Index(fields=["status", "last_day"], name="separation_status_day_idx"),
            models.Index(fields=["last_day"], name="separation_last_day_idx"),
        ]

    def __str__(self):
        return f"{self.get_separation_type_display()}: {self.employee}"

    def get_absolute_url(self):
        return reverse("offboarding:case_detail", args=[self.pk])

    def clean(self):
        """Every path (page, admin, import, onboarding's probation termination) checks the law here."""
        from employees.labour_law import company_separation_errors, earliest_last_day

        errors = {}
        if not (self.employee_id and self.notice_on and self.requested_last_day):
            return
        if self.separation_type == SeparationType.RESIGNATION:
            if self.ground or self.pay_in_lieu:
                errors["ground"] = ValidationError(
                    _("A resignation has no dismissal ground."), code="resignation_has_no_ground"
                )
            if self.secrecy_notice_months > SECRECY_NOTICE_MAX_MONTHS:
                errors["secrecy_notice_months"] = ValidationError(
                    _("The secrecy notice period is at most %(months)s months.")
                    % {"months": SECRECY_NOTICE_MAX_MONTHS},
                    code="secrecy_notice_too_long",
                )
            if self.requested_last_day < self.notice_on:
                errors["requested_last_day"] = ValidationError(
                    _("The last day cannot be before the notice."), code="last_day_before_notice"
                )
            if self.pk is None:
                earliest = earliest_last_day(
                    notice_on=self.notice_on,
                    in_probation=self.in_probation,
                    secrecy_months=self.secrecy_notice_months,
                )
                self.earliest_last_day = earliest
                self.earlier_by_agreement = self.requested_last_day < earliest
        else:
            if self.separation_type == SeparationType.DISMISSAL and not self.ground:
                errors["ground"] = ValidationError(_("Choose the legal ground."), code="ground_required")
            if self.separation_type != SeparationType.DISMISSAL and self.ground:
                errors["ground"] = ValidationError(
                    _("Only a dismissal has a legal ground."), code="ground_not_dismissal"
                )
            if self.pay_in_lieu and self.ground != DismissalGround.ART40:
                errors["pay_in_lieu"] = ValidationError(
                    _("Pay in lieu of notice replaces the notice of art. 40 only."), code="pay_in_lieu_not_art40"
                )
            if self.pk is None:
                errors.update(
                    company_separation_errors(
                        employee=self.employee,
                        ground=self.legal_ground,
                        decided_on=self.decided_on or self.notice_on,
                        last_day=self.requested_last_day,
                        pay_in_lieu=self.pay_in_lieu,
                        union_informed_on=self.union_informed_on,
                        unilateral=self.is_unilateral,
                    )
                )
                if "last_day" in errors:
                    errors["requested_last_day"] = errors.pop("last_day")
        if self.last_day and self.last_day < self.notice_on:
            errors["last_day"] = ValidationError(
                _("The last day cannot be before the notice."), code="last_day_before_notice"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def legal_ground(self) -> str:
        """The ground the checks of arts. 40–43 look at."""
        if self.separation_type == SeparationType.DISMISSAL:
            return self.ground
        if self.separation_type == SeparationType.NOT_RENEWED:
            return "not_renewed"
        return self.separation_type

    @property
    def is_unilateral(self) -> bool:
        """The company ends the contract alone: the trade union is informed first (art. 43)."""
        return self.separation_type in (SeparationType.DISMISSAL, SeparationType.PROBATION)

    @property
    def compensation_owed(self) -> bool:
        """Economic compensation is owed (art. 46): dismissal under arts. 40/41, a contract not renewed by the
        company, a mutual agreement the company proposed. Not for resignation, misconduct, probation, retirement."""
        if self.separation_type == SeparationType.DISMISSAL:
            return self.ground in (DismissalGround.ART40, DismissalGround.ART41)
        return self.separation_type in (SeparationType.NOT_RENEWED, SeparationType.MUTUAL)

    @property
    def is_resignation(self) -> bool:
        return self.separation_type == SeparationType.RESIGNATION

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def day(self) -> datetime.date:
        """The last working day: the confirmed one, else the requested one."""
        return self.last_day or self.requested_last_day


class Party(models.TextChoices):
    """Who ticks a handover item (each sees only its own items)."""

    WORK = "work", _("Work handover (department)")
    EQUIPMENT = "equipment", _("Equipment and tools (department)")
    BADGE = "badge", _("Badge and keys (administration)")
    UNIFORM = "uniform", _("Uniform (administration)")
    DORMITORY = "dormitory", _("Dormitory check-out (administration)")
    CANTEEN = "canteen", _("Canteen card (administration)")
    FINANCE = "finance", _("Finance: advances and loans")
    IT = "it", _("IT account closure")
    RECORDS = "records", _("Classified documents (records keeper)")


# The parties the employee's department head ticks; the records keeper ticks RECORDS; HR ticks the rest.
DEPARTMENT_PARTIES = (Party.WORK, Party.EQUIPMENT)


class HandoverTemplateItem(models.Model):
    """One line of the checklist template (离职交接清单), editable in the admin."""

    party = models.CharField(_("responsible party"), max_length=20, choices=Party.choices)
    title = models.CharField(_("item"), max_length=120)
    mandatory = models.BooleanField(_("mandatory"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("handover template item")
        verbose_name_plural = _("handover template items")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class HandoverItem(models.Model):
    case = models.ForeignKey(SeparationCase, on_delete=models.CASCADE, related_name="handover_items")
    party = models.CharField(_("responsible party"), max_length=20, choices=Party.choices)
    title = models.CharField(_("item"), max_length=255)
    mandatory = models.BooleanField(_("mandatory"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    handed_to = models.ForeignKey(
        "employees.Employee",
        verbose_name=_("work handed over to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A classified document copy the person holds (confidentiality register), returned to the records keeper.
    copy_id = models.PositiveBigIntegerField(_("classified copy"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("handover item")
        verbose_name_plural = _("handover items")
        ordering = ["case", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "copy_id"], condition=Q(copy_id__isnull=False), name="handover_one_item_per_copy"
            )
        ]
        indexes = [models.Index(fields=["party", "done_at"], name="handover_party_open_idx")]

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class WouldRejoin(models.TextChoices):
    YES = "yes", _("Yes")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No")


class ExitInterview(models.Model):
    """离职面谈: held by HR and the department; its reasons feed the turnover report."""

    case = models.OneToOneField(SeparationCase, on_delete=models.CASCADE, related_name="exit_interview")
    held_on = models.DateField(_("held on"))
    main_reason = models.CharField(_("main reason for leaving"), max_length=20, choices=ExitReason.choices)
    other_reasons = models.CharField(_("other reasons"), max_length=200, blank=True)
    would_rejoin = models.CharField(_("would rejoin"), max_length=10, choices=WouldRejoin.choices)
    comments = models.TextField(_("comments"), blank=True)
    interviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("exit interview")
        verbose_name_plural = _("exit interviews")

    def __str__(self):
        return str(self.case)

    def other_reason_labels(self) -> list[str]:
        labels = dict(ExitReason.choices)
        return [str(labels[code]) for code in self.other_reasons.split(",") if code in labels]


class CaseEvent(models.Model):
    """The case's history: every state change with who, when and a comment (shown on the page and the PDFs)."""

    class Action(models.TextChoices):
        NOTICE = "notice", _("Notice given")
        ENTERED_ON_PAPER = "paper", _("Notice received on paper, entered by HR")
        DECIDED = "decided", _("Separation decided")
        CONFIRMED = "confirmed", _("Last day confirmed")
        RETURNED = "returned", _("Returned to the employee")
        RESUBMITTED = "resubmitted", _("Notice given again")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REJECTED = "rejected", _("Not approved")
        OFF_CLASSIFIED = "off_classified", _("Moved off classified work")
        INTERVIEW = "interview", _("Exit interview recorded")
        ITEM_DONE = "item_done", _("Handover item done")
        SEPARATED = "separated", _("Separated")
        FILE_TRANSFERRED = "file_transferred", _("Personnel file and social insurance transferred")
        NONCOMPETE = "noncompete", _("Non-compete decided")
        REHIRE = "rehire", _("Rehire eligibility changed")
        COMPLETED = "completed", _("Completed")

    case = models.ForeignKey(SeparationCase, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    # None: the daily task (the last day passed).
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["case", "at", "pk"]

    def __str__(self):
        return self.get_action_display()


def tenure_band(hire: datetime.date, last_day: datetime.date, *, in_probation: bool = False) -> str:
    """The turnover report's tenure band, early exits first."""
    from employees.labour_law import service_months

    months = service_months(hire, last_day)
    if in_probation:
        return "probation"
    if months < 12:
        return "first_year"
    if months < 36:
        return "1_3"
    if months < 60:
        return "3_5"
    return "5_plus"


TENURE_BANDS = {
    "probation": _("In probation"),
    "first_year": _("First year"),
    "1_3": _("1–3 years"),
    "3_5": _("3–5 years"),
    "5_plus": _("5 years or more"),
}

ZERO = Decimal(0)
