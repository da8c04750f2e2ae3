"""The classified-document register (spec 08): documents, numbered copies and their distribution register
(文件发放登记表), access requests and time-limited grants, print/copy/excerpt requests, outside disclosures,
declassification and destruction, custody handovers between records keepers, and one event row per thing that
happened (what an outside DLP product could consume).

Who reads what is decided in one place only: `selectors.documents_visible_to(user)`.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.security import SecrecyLevel
from employees.models import private_storage

# The register holds classified documents only (secret and above, spec 08).
CLASSIFIED_LEVELS = [(level.value, level.label) for level in SecrecyLevel if level >= SecrecyLevel.SECRET]


class Policy(models.Model):
    """The administrator's confidentiality settings (one row, edited in the admin site)."""

    top_secret_files_allowed = models.BooleanField(
        _("top-secret electronic files allowed"),
        default=False,
        help_text=_(
            "The regulations forbid sending top-secret documents over computer networks: by default they are kept "
            "as physical copies only and an upload is refused."
        ),
    )
    default_loan_days = models.PositiveSmallIntegerField(
        _("default return period of an issued copy (days)"), default=30
    )
    max_grant_days = models.PositiveSmallIntegerField(_("longest access grant (days)"), default=90)

    class Meta:
        verbose_name = _("confidentiality policy")
        verbose_name_plural = _("confidentiality policy")

    def __str__(self):
        return str(_("Confidentiality policy"))

    @classmethod
    def get(cls) -> "Policy":
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy


class Carrier(models.TextChoices):
    PAPER = "paper", _("Paper")
    ELECTRONIC = "electronic", _("Electronic")
    BOTH = "both", _("Paper and electronic")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Level awaiting confirmation")
    CLASSIFIED = "classified", _("Classified")
    DECLASSIFIED = "declassified", _("Declassified")
    DESTROYED = "destroyed", _("Destroyed")


class Document(models.Model):
    """A register entry (涉密文件/资料登记): one classified document or material."""

    number = models.CharField(_("document number"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    level = models.PositiveSmallIntegerField(_("secrecy level"), choices=CLASSIFIED_LEVELS)
    owning_department = models.ForeignKey(
        "org.Department", verbose_name=_("owning department (主办部门)"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT, db_index=True
    )
    level_basis = models.CharField(
        _("basis of the level"), max_length=200, blank=True, help_text=_("E.g. “financial report (机密)”.")
    )
    classified_on = models.DateField(_("classified on"), default=datetime.date.today)
    declassify_on = models.DateField(_("declassification date (end of the period)"))
    carrier = models.CharField(_("carrier"), max_length=20, choices=Carrier.choices, default=Carrier.PAPER)
    pages = models.PositiveIntegerField(_("pages"), default=1)
    copies_count = models.PositiveSmallIntegerField(_("number of copies"), default=1)
    knowledge_scope = models.TextField(_("knowledge scope (知悉范围)"), blank=True)
    distribution_scope = models.TextField(_("distribution scope (发放范围)"), blank=True)
    return_deadline = models.DateField(_("return deadline (清退时间)"), null=True, blank=True)
    location = models.CharField(_("physical location"), max_length=200, blank=True)
    file = models.FileField(
        _("electronic file (encrypted)"), storage=private_storage, upload_to="confidential/", blank=True
    )
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    file_pages = models.PositiveIntegerField(_("file pages"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    level_confirmed_at = models.DateTimeField(_("level confirmed at"), null=True, blank=True)
    declassified_at = models.DateTimeField(_("declassified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("classified document")
        verbose_name_plural = _("classified documents")
        ordering = ["-registered_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "declassify_on"], name="conf_document_period_idx"),
            models.Index(fields=["level", "-registered_at"], name="conf_document_level_idx"),
        ]

    def __str__(self):
        # What the approval inbox, notifications and audit trail show: never the title or number, which only the
        # readers the one rule lets in may see (templates print them explicitly).
        return _("Classified document No. %(pk)s (%(level)s)") % {"pk": self.pk, "level": self.get_level_display()}

    def get_absolute_url(self):
        return reverse("confidentiality:document_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (DocumentStatus.DRAFT, DocumentStatus.PENDING, DocumentStatus.CLASSIFIED)


class CopyKind(models.TextChoices):
    ORIGINAL = "original", _("Registered copy")
    PRINT = "print", _("Print")
    COPY = "copy", _("Photocopy")
    EXCERPT = "excerpt", _("Excerpt")
    DISCLOSURE = "disclosure", _("Provided to an outside party")


class CopyStatus(models.TextChoices):
    IN_STORE = "in_store", _("With the records keeper")
    ISSUED = "issued", _("Issued")
    DISCLOSED = "disclosed", _("Provided outside")
    DESTROYED = "destroyed", _("Destroyed")


class Copy(models.Model):
    """A numbered copy. It is with the records keeper or issued to one person; never passed sideways."""

    document = models.ForeignKey(Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="copies")
    number = models.PositiveSmallIntegerField(_("copy number"))
    kind = models.CharField(_("kind"), max_length=20, choices=CopyKind.choices, default=CopyKind.ORIGINAL)
    status = models.CharField(_("status"), max_length=20, choices=CopyStatus.choices, default=CopyStatus.IN_STORE)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("held by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="classified_copies",
    )
    custodian = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("records keeper in custody"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("made at"), default=timezone.now)

    class Meta:
        verbose_name = _("copy")
        verbose_name_plural = _("copies")
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="conf_copy_number_unique")]
        indexes = [models.Index(fields=["holder", "status"], name="conf_copy_holder_idx")]

    def __str__(self):
        return _("Copy No. %(number)s") % {"number": self.number}


class Issue(models.Model):
    """A line of the distribution register (文件发放登记表): a copy issued to a person, signed for, returned."""

    copy = models.ForeignKey(Copy, verbose_name=_("copy"), on_delete=models.CASCADE, related_name="issues")
    document = models.ForeignKey(Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="issues")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.PROTECT, related_name="+"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    return_due = models.DateField(_("return deadline"))
    acknowledged_at = models.DateTimeField(_("receipt signed at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("issue of a copy")
        verbose_name_plural = _("distribution register")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            # The database's last word on "one holder at a time".
            models.UniqueConstraint(
                fields=["copy"], condition=Q(returned_at__isnull=True), name="conf_issue_one_open_per_copy"
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "document"], name="conf_issue_recipient_idx"),
            models.Index(fields=["returned_at", "return_due"], name="conf_issue_due_idx"),
        ]

    def __str__(self):
        return _("Copy No. %(number)s to %(recipient)s") % {"number": self.copy.number, "recipient": self.recipient}

    @property
    def is_overdue(self) -> bool:
        return self.returned_at is None and self.return_due < timezone.localdate()


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    RETURNED = "returned", _("Returned for changes")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AccessRequest(models.Model):
    """Someone not on the distribution list asks to read a document, with a reason (spec 08 / 02)."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="access_requests"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"))
    until = models.DateField(_("access needed until"))
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)

    class Meta:
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        # Shown in the approval inbox and notifications: never the document's title or number.
        return _("Access request No. %(pk)s (%(level)s)") % {"pk": self.pk, "level": self.document.get_level_display()}

    def get_absolute_url(self):
        return reverse("confidentiality:access_request_detail", args=[self.pk])


class Grant(models.Model):
    """A time-limited, revocable permission to read one document."""

    document = models.ForeignKey(Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reader"), on_delete=models.CASCADE, related_name="classified_grants"
    )
    request = models.OneToOneField(
        AccessRequest,
        verbose_name=_("access request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grant",
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=200, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("access grant")
        verbose_name_plural = _("access grants")
        ordering = ["-granted_at", "-pk"]
        indexes = [models.Index(fields=["user", "document", "ended_at"], name="conf_grant_user_idx")]

    def __str__(self):
        return _("Grant No. %(pk)s") % {"pk": self.pk}

    @property
    def is_valid(self) -> bool:
        today = timezone.localdate()
        return self.ended_at is None and self.valid_from <= today <= self.valid_until


class ReproductionKind(models.TextChoices):
    PRINT = "print", _("Print (打印)")
    COPY = "copy", _("Copy (复制)")
    EXCERPT = "excerpt", _("Excerpt (摘抄)")


class ReproductionRequest(models.Model):
    """Printing, copying or excerpting a classified document: approved copies take the next numbers."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="reproductions"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReproductionKind.choices)
    copies = models.PositiveSmallIntegerField(_("number of copies"), default=1)
    reason = models.TextField(_("reason"))
    return_due = models.DateField(_("return deadline"))
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)

    class Meta:
        verbose_name = _("print, copy or excerpt request")
        verbose_name_plural = _("print, copy or excerpt requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return _("%(kind)s request No. %(pk)s (%(level)s)") % {
            "kind": self.get_kind_display(),
            "pk": self.pk,
            "level": self.document.get_level_display(),
        }

    def get_absolute_url(self):
        return reverse("confidentiality:reproduction_detail", args=[self.pk])


class Disclosure(models.Model):
    """Providing a classified matter to an outside party (对外提供), with the general manager's prior approval."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="disclosures"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="+"
    )
    recipient_organisation = models.CharField(_("recipient organisation"), max_length=200)
    what = models.TextField(_("what is provided"))
    why = models.TextField(_("why"))
    agreement = models.CharField(_("confidentiality agreement covering it"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    copy = models.OneToOneField(
        Copy,
        verbose_name=_("copy provided"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="disclosure",
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)

    class Meta:
        verbose_name = _("outside disclosure")
        verbose_name_plural = _("outside disclosures")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return _("Outside disclosure No. %(pk)s (%(level)s)") % {
            "pk": self.pk,
            "level": self.document.get_level_display(),
        }

    def get_absolute_url(self):
        return reverse("confidentiality:disclosure_detail", args=[self.pk])


class Destruction(models.Model):
    """A line of the destruction register (销毁登记): listed each March, destroyed with a witness."""

    document = models.OneToOneField(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="destruction"
    )
    listed_on = models.DateField(_("listed for destruction on"))
    destroyed_at = models.DateTimeField(_("destroyed at"), null=True, blank=True)
    destroyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destroyed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    witness = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("witness"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    method = models.CharField(_("method"), max_length=100, blank=True, help_text=_("E.g. shredded, incinerated."))

    class Meta:
        verbose_name = _("destruction register entry")
        verbose_name_plural = _("destruction register")
        ordering = ["-listed_on", "-pk"]

    def __str__(self):
        return _("Destruction No. %(pk)s") % {"pk": self.pk}


class Handover(models.Model):
    """A records keeper hands custody of the register to another: an inventory both sides sign."""

    from_keeper = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("handed over by"), on_delete=models.PROTECT, related_name="+"
    )
    to_keeper = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("taken over by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("drawn up at"), default=timezone.now)
    inventory = models.JSONField(_("inventory"), default=list)
    from_signed_at = models.DateTimeField(_("signed by the outgoing keeper at"), null=True, blank=True)
    to_signed_at = models.DateTimeField(_("signed by the incoming keeper at"), null=True, blank=True)

    class Meta:
        verbose_name = _("custody handover")
        verbose_name_plural = _("custody handovers")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return _("Handover No. %(pk)s") % {"pk": self.pk}

    def get_absolute_url(self):
        return reverse("confidentiality:handover_detail", args=[self.pk])

    @property
    def is_complete(self) -> bool:
        return self.from_signed_at is not None and self.to_signed_at is not None


class EventKind(models.TextChoices):
    REGISTERED = "registered", _("registered")
    LEVEL_CONFIRMED = "level_confirmed", _("level confirmed")
    ISSUED = "issued", _("issued")
    ACKNOWLEDGED = "acknowledged", _("receipt signed")
    RETURNED = "returned", _("returned")
    GRANTED = "granted", _("granted")
    EXPIRED = "expired", _("grant expired")
    REVOKED = "revoked", _("revoked")
    REPRODUCED = "reproduced", _("printed/copied/excerpted")
    DISCLOSED = "disclosed", _("provided outside")
    EXTENDED = "extended", _("period extended")
    DECLASSIFIED = "declassified", _("declassified")
    DESTROYED = "destroyed", _("destroyed")
    UPLOADED = "uploaded", _("file uploaded")
    VIEWED = "viewed", _("viewed")
    DOWNLOADED = "downloaded", _("downloaded")
    EXPORTED = "exported", _("exported")
    HANDED_OVER = "handed_over", _("custody handed over")
    RETURN_LISTED = "return_listed", _("listed for return")


class ConfidentialityEvent(models.Model):
    """One thing that happened to the register, in a shape an outside DLP product can consume (append-only)."""

    kind = models.CharField(_("event"), max_length=20, choices=EventKind.choices, db_index=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    document = models.ForeignKey(
        Document, verbose_name=_("document"), null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    copy = models.ForeignKey(
        Copy, verbose_name=_("copy"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("concerning"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    detail = models.CharField(_("detail"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("confidentiality event")
        verbose_name_plural = _("confidentiality events")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["document", "-at"], name="conf_event_document_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.at:%Y-%m-%d %H:%M}"
