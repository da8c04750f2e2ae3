"""What each record type of the retention table lists when its period is over, and what HR's confirmation does.

One entry per `RecordType`: `due(today, months)` is the queryset of records past the period (a constant
number of queries for the review page, whatever their number), `why` says in plain words why they are
listed, `columns`/`cells` show a row, and `confirm(ids, today, months)` anonymises or deletes those of `ids`
that are still due (None for a list-only type). Every confirm re-selects the due records itself, so a
stale page or a second click changes nothing more.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.db import transaction
from django.db.models import Count, Exists, F, Func, IntegerField, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from employees.models import Employee, EmployeeStatus, PersonnelDocument
from notifications.models import Notification
from onboarding.models import ProbationReview, SelfReport
from performance.models import Sheet
from recruitment.models import Evaluation
from recruitment.selectors import candidates_due_for_anonymisation, months_before
from recruitment.services import candidates_anonymise_due
from training.models import Certificate, ExternalTraining, Participant

from .models import RecordType

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Records:
    why: str
    columns: tuple
    due: Callable[[datetime.date, int], QuerySet]
    cells: Callable[[object], tuple]
    confirm: Callable[[list[int], datetime.date, int], int] | None = None


def cutoff_of(today: datetime.date, months: int) -> datetime.date:
    return months_before(today, months)


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _local(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d}" if moment else ""


# --- candidates not hired --------------------------------------------------------------------------------


def _candidates_due(today, months):
    return (
        candidates_due_for_anonymisation(today, months)
        .annotate(last_closed=Max("applications__stage_changed_at"))
        .order_by("created_at", "pk")
    )


def _candidates_confirm(ids, today, months):
    return candidates_anonymise_due(today=today, ids=ids, months=months)


# --- separated employees' personnel files ----------------------------------------------------------------


def _separated_before(today, months):
    return Employee.objects.filter(status=EmployeeStatus.SEPARATED, separated_on__lt=cutoff_of(today, months))


def _files_due(today, months):
    documents = PersonnelDocument.objects.filter(employee=OuterRef("pk"))
    return (
        _separated_before(today, months)
        .filter(Exists(documents))
        .select_related("department")
        .annotate(document_count=Count("documents"))
        .order_by("separated_on", "pk")
    )


@transaction.atomic
def _files_confirm(ids, today, months):
    employees = list(
        _separated_before(today, months).filter(pk__in=ids).select_for_update().values_list("pk", flat=True)
    )
    documents = list(PersonnelDocument.objects.filter(employee_id__in=employees))
    names = [d.file.name for d in documents if d.file]
    for document in documents:
        document.delete()  # one by one: the audit trail records each deleted document
    if names:
        storage = PersonnelDocument._meta.get_field("file").storage

        def delete_files():
            for name in names:
                try:
                    storage.delete(name)
                except OSError:
                    logger.warning("Could not delete personnel file %s", name)

        transaction.on_commit(delete_files)
    return len({d.employee_id for d in documents})


# --- interview and probation forms (tenure + the period) --------------------------------------------------

_EVALUATION_TEXT = ~Q(comments="") | ~Q(gm_opinion="")
_REVIEW_TEXT = ~Q(comments="") | ~Q(conditions_assessment="")
_SELF_REPORT_TEXT = ~Q(work_summary="") | ~Q(achievements="") | ~Q(shortcomings="") | ~Q(plans="")


def _forms_due(today, months):
    evaluations = Evaluation.objects.filter(_EVALUATION_TEXT, interview__application__offer__employee=OuterRef("pk"))
    reviews = ProbationReview.objects.filter(_REVIEW_TEXT, case__employee=OuterRef("pk"))
    reports = SelfReport.objects.filter(_SELF_REPORT_TEXT, case__employee=OuterRef("pk"))
    return (
        _separated_before(today, months)
        .filter(Exists(evaluations) | Exists(reviews) | Exists(reports))
        .select_related("department")
        .order_by("separated_on", "pk")
    )


@transaction.atomic
def _forms_confirm(ids, today, months):
    """Clear the written opinions; scores, recommendations and decisions stay (audit evidence, and a
    conversion refers to its review)."""
    employees = list(_forms_due(today, months).filter(pk__in=ids).values_list("pk", flat=True))
    Evaluation.objects.filter(interview__application__offer__employee__in=employees).update(comments="", gm_opinion="")
    ProbationReview.objects.filter(case__employee__in=employees).update(comments="", conditions_assessment="")
    SelfReport.objects.filter(case__employee__in=employees).update(
        work_summary="", achievements="", shortcomings="", plans=""
    )
    return len(employees)


# --- training records and certificates, KPI sheets (tenure + the period, listed only) -------------------------


def count_of(queryset: QuerySet) -> Subquery:
    """The number of rows of `queryset` as a column of another query (correlated through OuterRef or not)."""
    if queryset.query.group_by is not None:
        # Aggregate annotations group the rows: count the records, not per group.
        queryset = queryset.model._base_manager.filter(pk__in=queryset.order_by().values("pk"))
    return Subquery(
        queryset.order_by().values(n=Func(F("pk"), function="COUNT", output_field=IntegerField())),
        output_field=IntegerField(),
    )


def _training_due(today, months):
    participations = Participant.objects.filter(employee=OuterRef("pk"))
    certificates = Certificate.objects.filter(employee=OuterRef("pk"))
    externals = ExternalTraining.objects.filter(employee=OuterRef("pk"))
    return (
        _separated_before(today, months)
        .filter(Exists(participations) | Exists(certificates) | Exists(externals))
        .select_related("department")
        .annotate(
            session_count=count_of(participations),
            certificate_count=count_of(certificates),
            external_count=count_of(externals),
        )
        .order_by("separated_on", "pk")
    )


def _kpi_due(today, months):
    sheets = Sheet.objects.filter(employee=OuterRef("pk"))
    return (
        _separated_before(today, months)
        .filter(Exists(sheets))
        .select_related("department")
        .annotate(sheet_count=count_of(sheets))
        .order_by("separated_on", "pk")
    )


def _tenure(e) -> tuple:
    return (e.number, e.department.name, f"{e.hire_date:%Y-%m-%d}", f"{e.separated_on:%Y-%m-%d}")


# --- notifications ----------------------------------------------------------------------------------------


def _notifications_due(today, months):
    return (
        Notification.objects.filter(created_at__lt=_start_of(cutoff_of(today, months)))
        .select_related("recipient")
        # Oldest first by key: ids follow the sending order, and the primary key's index serves the page
        # (created_at has no index of its own).
        .order_by("pk")
    )


@transaction.atomic
def _notifications_confirm(ids, today, months):
    count, _per_model = _notifications_due(today, months).filter(pk__in=ids).delete()
    return count


# --- access logs ------------------------------------------------------------------------------------------


def _access_logs_due(today, months):
    return (
        LogEntry.objects.filter(action=LogEntry.Action.ACCESS, timestamp__lt=_start_of(cutoff_of(today, months)))
        .select_related("actor", "content_type")
        .order_by("timestamp", "pk")
    )


RECORDS: dict[str, Records] = {
    RecordType.CANDIDATES: Records(
        why=_(
            "Not hired, without consent to the talent pool, nothing open, and the last application closed "
            "before %(cutoff)s (%(months)s months)."
        ),
        columns=(_("Candidate"), _("Source channel"), _("Added on"), _("Last application closed")),
        due=_candidates_due,
        cells=lambda c: (c.name, c.get_source_channel_display(), _local(c.created_at), _local(c.last_closed)),
        confirm=_candidates_confirm,
    ),
    RecordType.SEPARATED_FILES: Records(
        why=_(
            "Separated before %(cutoff)s (%(months)s months) and the personnel file still holds uploaded "
            "documents (signed contract, ID copy, certificates…). The documents are deleted; the employee "
            "record and the contract terms stay."
        ),
        columns=(_("Employee number"), _("Department"), _("Separation date"), _("Documents")),
        due=_files_due,
        cells=lambda e: (e.number, e.department.name, f"{e.separated_on:%Y-%m-%d}", e.document_count),
        confirm=_files_confirm,
    ),
    RecordType.INTERVIEW_PROBATION_FORMS: Records(
        why=_(
            "Separated before %(cutoff)s: the tenure plus %(months)s months are over, and the interview "
            "evaluations, probation reviews or probation reports still hold written opinions. The opinions are "
            "cleared; scores and decisions stay."
        ),
        columns=(_("Employee number"), _("Department"), _("Hire date"), _("Separation date")),
        due=_forms_due,
        cells=lambda e: (e.number, e.department.name, f"{e.hire_date:%Y-%m-%d}", f"{e.separated_on:%Y-%m-%d}"),
        confirm=_forms_confirm,
    ),
    RecordType.NOTIFICATIONS: Records(
        why=_("Sent before %(cutoff)s (%(months)s months). They are deleted."),
        columns=(_("Sent on"), _("Recipient"), _("Kind")),
        due=_notifications_due,
        cells=lambda n: (_local(n.created_at), str(n.recipient), n.kind_label),
        confirm=_notifications_confirm,
    ),
    RecordType.ACCESS_LOGS: Records(
        why=_(
            "Recorded before %(cutoff)s (%(months)s months). The audit trail is append-only: these entries "
            "are listed for information and never deleted."
        ),
        columns=(_("Recorded on"), _("By"), _("Record type"), _("Record id")),
        due=_access_logs_due,
        cells=lambda e: (_local(e.timestamp), str(e.actor or ""), str(e.content_type), e.object_id),
    ),
    RecordType.TRAINING_RECORDS: Records(
        why=_(
            "Separated before %(cutoff)s: the tenure plus %(months)s months are over, and training sessions, "
            "certificates or external trainings are on record. They are IATF audit evidence: listed for HR to "
            "review, never cleared or deleted here."
        ),
        columns=(
            _("Employee number"),
            _("Department"),
            _("Hire date"),
            _("Separation date"),
            _("Training sessions"),
            _("Certificates"),
            _("External trainings"),
        ),
        due=_training_due,
        cells=lambda e: (*_tenure(e), e.session_count, e.certificate_count, e.external_count),
    ),
    RecordType.KPI_SHEETS: Records(
        why=_(
            "Separated before %(cutoff)s: the tenure plus %(months)s months are over, and KPI sheets are on "
            "record. They are IATF audit evidence: listed for HR to review, never cleared or deleted here."
        ),
        columns=(_("Employee number"), _("Department"), _("Hire date"), _("Separation date"), _("KPI sheets")),
        due=_kpi_due,
        cells=lambda e: (*_tenure(e), e.sheet_count),
    ),
}
