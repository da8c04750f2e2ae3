"""The one approval engine (spec 02): flows of ordered steps, requests on any subject, decisions, delegations."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .conditions import condition_choices
from .labels import translated


class ApproverRole(models.TextChoices):
    """Who a step names, resolved relative to the subject of the request."""

    DEPT_HEAD = "dept_head", _("Head of the requesting department (部门主管)")
    DEPT_MANAGER = "dept_manager", _("Manager of the requesting department (部门经理)")
    PRODUCTION_MGMT = "production_mgmt", _("Production management (生管)")
    HR_MANAGER = "hr_manager", _("HR manager (人事经理)")
    GM = "gm", _("General manager (总经理)")
    VP = "vp", _("Vice president (副总经理)")
    RECORDS_KEEPER = "records_keeper", _("Records keeper (档案管理员)")
    NAMED_USER = "user", _("Named user")


class StepKind(models.TextChoices):
    APPROVAL = "approval", _("Approval")
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement (no reject)")


class Flow(models.Model):
    """An ordered list of steps for one process, e.g. "new position / job description"."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    process = models.CharField(
        _("process"), max_length=120, help_text=_("The process that uses this flow, e.g. headcount requisition.")
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("approval flow")
        verbose_name_plural = _("approval flows")
        ordering = ["code"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return translated(self.name)


class Step(models.Model):
    flow = models.ForeignKey(Flow, verbose_name=_("flow"), on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=120, blank=True, help_text=_("Defaults to the role's name."))
    role = models.CharField(_("approver"), max_length=30, choices=ApproverRole.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("named user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Only for the approver “named user”."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=StepKind.choices, default=StepKind.APPROVAL)
    condition = models.CharField(
        _("condition"),
        max_length=40,
        choices=condition_choices(),
        blank=True,
        help_text=_("The step applies only when this condition holds for the subject."),
    )
    skip_if_already_in_chain = models.BooleanField(
        _("skip if the approver is already in the chain"),
        default=False,
        help_text=_("E.g. “add the general manager if not already in the chain”."),
    )

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["flow", "order", "pk"]

    def __str__(self):
        return self.display_name

    def clean(self):
        if self.role == ApproverRole.NAMED_USER and not self.user_id:
            raise ValidationError(
                {"user": ValidationError(_("Choose the user this step names."), code="named_user_missing")}
            )
        if self.role != ApproverRole.NAMED_USER and self.user_id:
            raise ValidationError(
                {
                    "user": ValidationError(
                        _("A named user is only used with the approver “named user”."), code="named_user_not_expected"
                    )
                }
            )

    @property
    def display_name(self) -> str:
        return translated(self.name) if self.name else str(ApproverRole(self.role).label)


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    RETURNED = "returned", _("Returned for changes")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (RequestStatus.PENDING, RequestStatus.RETURNED)


def _personal_subject(content_type_id: int):
    """The subject model of that type when its audit entries name no person (it has `scrub_audit_entry`, see
    audit.privacy), else None."""
    subject = ContentType.objects.get_for_id(content_type_id).model_class()
    return subject if subject is not None and hasattr(subject, "scrub_audit_entry") else None


class Request(models.Model):
    """One subject going through a flow. Rounds restart after a return; earlier rounds stay as history."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    subject_label = models.CharField(_("subject"), max_length=255)
    subject_url = models.CharField(max_length=255, blank=True)
    flow = models.ForeignKey(Flow, verbose_name=_("flow"), on_delete=models.PROTECT, related_name="requests")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="approval_requests",
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("requesting department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by or about"),
        blank=True,
        related_name="+",
        help_text=_("Who raised the request or whom it is about, besides the applicant: none of them decides a step."),
    )
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    current_step = models.PositiveSmallIntegerField(_("current step index"), default=0)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    submitted_at = models.DateTimeField(_("submitted at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("approval request")
        verbose_name_plural = _("approval requests")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="approval_request_subject_idx"),
            models.Index(fields=["applicant", "status"], name="approval_request_applicant_idx"),
            # "My requests" (selectors.requests_of) in its own order: a page without sorting the user's history.
            models.Index(fields=["applicant", "-submitted_at", "-id"], name="approval_request_mine_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(status__in=["pending", "returned"]),
                name="approval_request_one_open_per_subject",
            )
        ]

    def __str__(self):
        return f"{self.flow.display_name}: {self.subject_label}"

    def get_absolute_url(self):
        return reverse("approvals:request_detail", args=[self.pk])

    @classmethod
    def scrub_audit_entry(cls, entry) -> None:
        """A request about a record whose entries name no person (a candidate's offer, audit.privacy) names it by
        key too, and its subject label (which copies the person's name) is masked."""
        from audit.privacy import mask_changes, record_label

        row = cls.objects.filter(pk=entry.object_pk).values_list("content_type_id", "object_id", "flow_id").first()
        subject = _personal_subject(row[0]) if row else None
        if subject is None:
            return
        flow = Flow.objects.filter(pk=row[2]).first()
        entry.object_repr = f"{flow.display_name if flow else ''}: {record_label(subject, row[1])}"
        mask_changes(entry, ["subject", "subject_label"])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def excluded_ids(self) -> set[int]:
        """The applicant and the people the request is raised by or about (prefetch `people` for lists)."""
        return {self.applicant_id, *(user.pk for user in self.people.all())}


class RequestStepStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    REJECTED = "rejected", _("Rejected")
    RETURNED = "returned", _("Returned for changes")
    SKIPPED = "skipped", _("Skipped")
    CANCELLED = "cancelled", _("Cancelled")


class RequestStep(models.Model):
    """A flow step resolved for one request and round: who must act, and why if not the obvious person."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="steps")
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    index = models.PositiveSmallIntegerField(_("index"))
    step = models.ForeignKey(Step, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(_("step"), max_length=120)
    role = models.CharField(_("approver role"), max_length=30, choices=ApproverRole.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=StepKind.choices)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approver"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approval_steps",
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStepStatus.choices, default=RequestStepStatus.WAITING
    )
    activated_at = models.DateTimeField(_("waiting since"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("request step")
        verbose_name_plural = _("request steps")
        ordering = ["request", "round", "index"]
        constraints = [
            models.UniqueConstraint(fields=["request", "round", "index"], name="approval_requeststep_unique_index")
        ]
        indexes = [models.Index(fields=["status", "assigned_to"], name="approval_step_pending_idx")]

    def __str__(self):
        return f"{self.display_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("approvals:decide", args=[self.pk])

    @property
    def display_name(self) -> str:
        """The step's own name, or its role's, in the reader's language (a default name is stored blank)."""
        return translated(self.name) if self.name else str(ApproverRole(self.role).label)


class DecisionKind(models.TextChoices):
    SUBMIT = "submit", _("Submitted")
    RESUBMIT = "resubmit", _("Resubmitted")
    APPROVE = "approve", _("Approved")
    ACKNOWLEDGE = "acknowledge", _("Acknowledged")
    REJECT = "reject", _("Rejected")
    RETURN = "return", _("Returned for changes")
    WITHDRAW = "withdraw", _("Withdrawn")


# The status a step takes with each decision an approver makes on it.
STEP_STATUS_AFTER = {
    DecisionKind.APPROVE: RequestStepStatus.APPROVED,
    DecisionKind.ACKNOWLEDGE: RequestStepStatus.ACKNOWLEDGED,
    DecisionKind.REJECT: RequestStepStatus.REJECTED,
    DecisionKind.RETURN: RequestStepStatus.RETURNED,
}

# What an approver may choose on a step; the applicant's own actions are the other kinds.
STEP_DECISIONS = (DecisionKind.APPROVE, DecisionKind.ACKNOWLEDGE, DecisionKind.REJECT, DecisionKind.RETURN)


class Decision(models.Model):
    """Who did what on a request, when, for whom, and why. The request's whole history."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="decisions")
    request_step = models.ForeignKey(
        RequestStep, null=True, blank=True, on_delete=models.CASCADE, related_name="decisions"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision = models.CharField(_("decision"), max_length=20, choices=DecisionKind.choices)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["created_at", "pk"]
        constraints = [
            # The database's last word on "only once": one decision per resolved step.
            models.UniqueConstraint(
                fields=["request_step"],
                condition=Q(request_step__isnull=False),
                name="approval_decision_once_per_step",
            )
        ]

    def __str__(self):
        return f"{self.get_decision_display()} — {self.by}"

    @classmethod
    def scrub_audit_entry(cls, entry) -> None:
        """The comment on a request about a candidate often names them: masked in the trail (audit.privacy)."""
        from audit.privacy import mask_changes

        ct_id = cls.objects.filter(pk=entry.object_pk).values_list("request__content_type_id", flat=True).first()
        if ct_id and _personal_subject(ct_id) is not None:
            mask_changes(entry, ["comment"])


class DelegationQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(start_date__lte=day, end_date__gte=day)


class Delegation(models.Model):
    """A user hands their approvals to another user for a date range (e.g. a holiday)."""

    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approvals of"),
        on_delete=models.CASCADE,
        related_name="delegations_given",
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegate"),
        on_delete=models.CASCADE,
        related_name="delegations_received",
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    comment = models.CharField(_("comment"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="delegation_dates_ordered"),
            models.CheckConstraint(condition=~Q(from_user=models.F("to_user")), name="delegation_not_to_self"),
        ]

    def __str__(self):
        return f"{self.from_user} → {self.to_user} ({self.start_date} – {self.end_date})"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": ValidationError(_("The end date cannot be before the start date."), code="dates_reversed")}
            )
        if self.from_user_id and self.from_user_id == self.to_user_id:
            raise ValidationError(
                {"to_user": ValidationError(_("You cannot delegate to yourself."), code="delegate_self")}
            )
