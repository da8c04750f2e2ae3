"""Reads of people, scoped to what a user may see: company-wide roles see all, heads their subtree,
everyone else only themselves (self-service)."""

from dataclasses import dataclass
from datetime import datetime

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast, Coalesce

from core import roles
from core.security import MASK
from org.models import Department
from org.selectors import scope_department_ids

from .models import (
    NO_LABOUR_CONTRACT_TYPES,
    REQUIRED_DOCUMENT_KINDS,
    ContractType,
    DocumentKind,
    Employee,
    EmployeeStatus,
    JobChange,
    JobChangeStatus,
    LabourContract,
    PersonnelDocument,
    ProtectedPeriod,
    SalaryChange,
)


def employees_visible_to(user) -> QuerySet[Employee]:
    qs = Employee.objects.all()
    ids = scope_department_ids(user)
    if ids is None:
        return qs
    return qs.filter(Q(department_id__in=ids) | Q(user=user))


def employee_for_user(user) -> Employee | None:
    if not user.is_authenticated:
        return None
    return Employee.objects.filter(user=user).select_related("department", "position").first()


# Fields whose values are secret (spec 01/08): masked in the history for users without clearance.
SECRET_HISTORY_FIELDS = frozenset({"id_number", "base_salary", "previous_salary", "new_salary"})
_HISTORY_SKIPPED_FIELDS = frozenset({"id", "created_at", "updated_at"})


def with_contract_flags(qs: QuerySet[Employee]) -> QuerySet[Employee]:
    """Annotate what `Employee.contract_flag` needs, in the same query as the list."""
    contracts = LabourContract.objects.filter(employee=OuterRef("pk"))
    return qs.annotate(
        has_contract=Exists(contracts),
        has_unsigned_contract=Exists(contracts.filter(signed_on__isnull=True)),
    )


def without_signed_contract(qs: QuerySet[Employee]) -> QuerySet[Employee]:
    """Current employees who need a written labour contract and have none signed (annotated by
    `with_contract_flags`): the flag, the filter and the home card count the same people."""
    return (
        qs.exclude(status=EmployeeStatus.SEPARATED)
        .exclude(employment_type__in=NO_LABOUR_CONTRACT_TYPES)
        .filter(Q(has_contract=False) | Q(has_unsigned_contract=True))
    )


def with_fixed_terms(contracts: QuerySet[LabourContract]) -> QuerySet[LabourContract]:
    """Annotate `fixed_terms`: the fixed-term contracts the employee has concluded (art. 14), one subquery."""
    fixed = (
        LabourContract.objects.filter(employee=OuterRef("employee"), contract_type=ContractType.FIXED)
        .order_by()
        .values("employee")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return contracts.annotate(fixed_terms=Coalesce(Subquery(fixed), 0))


def employee_list_for(user) -> QuerySet[Employee]:
    """The employee list: scoped, with what each row shows fetched in the same query."""
    return with_contract_flags(employees_visible_to(user).select_related("department", "position"))


def missing_document_kinds(employee: Employee) -> list[DocumentKind]:
    """The required personnel-file documents still missing (a signed contract is not asked of agency/intern)."""
    have = set(employee.documents.values_list("kind", flat=True))
    required = [k for k in REQUIRED_DOCUMENT_KINDS if employee.needs_labour_contract or k != DocumentKind.CONTRACT]
    return [k for k in required if k not in have]


@dataclass(frozen=True)
class HistoryRow:
    timestamp: datetime
    actor: str
    action: str
    object_repr: str
    changes: list[tuple[str, str, str]]


def employee_history(employee: Employee, user, limit: int = 100) -> list[HistoryRow]:
    """The audit trail of the record and its files, newest first. Secret rows and values only with clearance."""
    secret = user.sees_secret_hr_data
    related = [JobChange]
    if secret:
        related += [LabourContract, PersonnelDocument, SalaryChange, ProtectedPeriod]
    q = Q(content_type=ContentType.objects.get_for_model(Employee), object_pk=str(employee.pk))
    for model in related:
        # The rows' keys as a subquery (object_pk is text): one query for the whole history.
        keys = model.objects.filter(employee=employee).order_by().values(key=Cast("pk", CharField()))
        q |= Q(content_type=ContentType.objects.get_for_model(model), object_pk__in=keys)
    rows = []
    for entry in (
        LogEntry.objects.filter(q).select_related("actor", "content_type").order_by("-timestamp", "-pk")[:limit]
    ):
        fields = {f.name: f for f in entry.content_type.model_class()._meta.concrete_fields}
        changes = []
        for name, values in (entry.changes_dict or {}).items():
            # Reverse relations and bookkeeping columns say nothing to a reader of the history.
            if name not in fields or name in _HISTORY_SKIPPED_FIELDS:
                continue
            old, new = (list(values) + ["", ""])[:2] if isinstance(values, list | tuple) else ("", values)
            old = "" if entry.action == LogEntry.Action.CREATE or old in (None, "None") else str(old)
            new = "" if new in (None, "None") else str(new)
            if name in SECRET_HISTORY_FIELDS and not secret:
                old, new = (MASK if old else ""), (MASK if new else "")
            changes.append((str(fields[name].verbose_name), old, new))
        rows.append(
            HistoryRow(
                timestamp=entry.timestamp,
                actor=str(entry.actor) if entry.actor else "—",
                action=entry.get_action_display(),
                object_repr=entry.object_repr,
                changes=changes,
            )
        )
    return rows


def job_changes_visible_to(user, employee: Employee) -> QuerySet[JobChange]:
    """An employee's job changes for a reader who may see the employee. The person themselves (without an HR
    role) sees a change once it is approved; while it is in approval it is the approvers' and HR's business."""
    qs = employee.job_changes.all()
    if employee.user_id is not None and employee.user_id == user.pk and not user.is_hr:
        qs = qs.filter(status__in=[JobChangeStatus.APPROVED, JobChangeStatus.EFFECTIVE])
    return qs


def hr_users() -> list:
    """The people HR reminders go to: active HR staff and HR managers."""
    return list(
        get_user_model().objects.filter(groups__name__in=roles.HR_ROLES, is_active=True).distinct().order_by("pk")
    )


class HeadFinder:
    """The nearest department head (with a login) above each department: two queries for any number of rows."""

    def __init__(self):
        departments = Department.objects.select_related("head__user")
        self._by_id = {d.pk: d for d in departments}

    def head_user(self, department_id: int):
        department = self._by_id.get(department_id)
        if department is None:
            return None
        ids = [int(part) for part in department.path.strip("/").split("/") if part] or [department_id]
        for pk in reversed(ids):
            candidate = self._by_id.get(pk)
            if candidate is not None and candidate.head is not None:
                user = candidate.head.user
                if user is not None and user.is_active:
                    return user
        return None
