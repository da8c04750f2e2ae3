"""The retention table (记录管理程序): how long each type of record is kept, and HR's confirmations."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordType(models.TextChoices):
    CANDIDATES = "candidates", _("Candidates not hired")
    SEPARATED_FILES = "separated_files", _("Personnel files and contracts of separated employees")
    INTERVIEW_PROBATION_FORMS = "interview_probation_forms", _("Interview and probation forms")
    NOTIFICATIONS = "notifications", _("Notifications")
    ACCESS_LOGS = "access_logs", _("Access logs (audit trail)")
    TRAINING_RECORDS = "training_records", _("Training records and certificates")
    KPI_SHEETS = "kpi_sheets", _("KPI sheets")


class RetentionAction(models.TextChoices):
    ANONYMISE = "anonymise", _("Anonymise once HR confirms")
    DELETE = "delete", _("Delete once HR confirms")
    LIST_ONLY = "list_only", _("List only: never deleted")


# What happens after the period, per record type: fixed by what depends on the records, not editable.
ACTIONS = {
    RecordType.CANDIDATES: RetentionAction.ANONYMISE,
    # The uploaded personnel-file documents (signed contract, ID copy, certificates…) are deleted; nothing
    # refers to them. The employee and the contract terms stay: employees are never deleted (spec 01).
    RecordType.SEPARATED_FILES: RetentionAction.DELETE,
    # Conversions refer to the probation review, and the scores are audit evidence: the opinions are cleared.
    RecordType.INTERVIEW_PROBATION_FORMS: RetentionAction.ANONYMISE,
    RecordType.NOTIFICATIONS: RetentionAction.DELETE,
    # The audit trail is append-only.
    RecordType.ACCESS_LOGS: RetentionAction.LIST_ONLY,
    # IATF audit evidence that other records build on (training history, certificates of special posts, KPI
    # grades behind salary and job changes): HR reviews them; nothing is cleared or deleted automatically.
    RecordType.TRAINING_RECORDS: RetentionAction.LIST_ONLY,
    RecordType.KPI_SHEETS: RetentionAction.LIST_ONLY,
}

# The law's minimum, in months, where there is one (LCL art. 50: contracts of separated employees ≥ 2 years).
LEGAL_MINIMUM_MONTHS = {RecordType.SEPARATED_FILES: 24}


class RetentionPolicy(models.Model):
    """One row of the retention table: a record type, how long it is kept and from when."""

    record_type = models.CharField(_("record type"), max_length=40, choices=RecordType.choices, unique=True)
    name = models.CharField(_("name"), max_length=100)
    months = models.PositiveSmallIntegerField(_("kept for (months)"))
    counted_from = models.CharField(_("counted from"), max_length=200)
    basis = models.CharField(_("basis"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        ordering = ["pk"]

    def __str__(self):
        return self.name

    def clean(self):
        minimum = LEGAL_MINIMUM_MONTHS.get(self.record_type)
        if minimum is not None and self.months is not None and self.months < minimum:
            raise ValidationError(
                {
                    "months": ValidationError(
                        _(
                            "Contracts and personnel files of separated employees must be kept at least "
                            "%(minimum)s months after the separation (Labour Contract Law art. 50)."
                        )
                        % {"minimum": minimum},
                        code="retention_below_legal_minimum",
                    )
                }
            )
        if self.months is not None and self.months < 1:
            raise ValidationError(
                {"months": ValidationError(_("Keep records at least one month."), code="retention_too_short")}
            )

    @property
    def action(self) -> str:
        return ACTIONS[RecordType(self.record_type)]

    def get_action_display(self) -> str:
        return str(RetentionAction(self.action).label)

    @property
    def is_list_only(self) -> bool:
        return self.action == RetentionAction.LIST_ONLY


class RetentionConfirmation(models.Model):
    """HR confirmed that records past their period are anonymised or deleted: who, when, how many, which type."""

    record_type = models.CharField(_("record type"), max_length=40, choices=RecordType.choices)
    action = models.CharField(_("action"), max_length=20, choices=RetentionAction.choices)
    count = models.PositiveIntegerField(_("records"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"))

    class Meta:
        verbose_name = _("retention confirmation")
        verbose_name_plural = _("retention confirmations")
        ordering = ["-confirmed_at", "-pk"]
        indexes = [models.Index(fields=["record_type", "-confirmed_at"], name="retention_confirm_type_idx")]

    def __str__(self):
        return f"{self.get_record_type_display()} · {self.count} · {self.confirmed_at:%Y-%m-%d %H:%M}"
