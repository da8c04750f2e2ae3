"""Reads of onboarding, scoped: HR and company-wide roles see every case, department heads their subtree's,
an employee only their own (read-only). Everyone else sees nothing (→ 404)."""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

# The labour-contract reminders, the day-20 alert and HR's and heads' lookups live in employees (for every
# employee, not only onboarding cases); re-exported for onboarding's own uses.
from employees.labour_law import written_contract_deadline
from employees.models import (
    NO_LABOUR_CONTRACT_TYPES,
    REQUIRED_DOCUMENT_KINDS,
    DocumentKind,
    Employee,
    EmployeeStatus,
    LabourContract,
    PersonnelDocument,
)
from org.selectors import scope_department_ids

from .models import OnboardingCase, OnboardingTask, RegistrationLink


def cases_visible_to(user) -> QuerySet[OnboardingCase]:
    qs = OnboardingCase.objects.all()
    if not user.is_authenticated:
        return qs.none()
    ids = scope_department_ids(user)
    if ids is None:
        return qs
    return qs.filter(Q(employee__department_id__in=ids) | Q(employee__user=user))


def uses_case_list(user) -> bool:
    """The list is for HR, company-wide roles and department heads; an employee opens only their own case."""
    ids = scope_department_ids(user)
    return ids is None or bool(ids)


def with_contract_signed(qs: QuerySet[OnboardingCase]) -> QuerySet[OnboardingCase]:
    """Annotate `contract_signed`: the employee has a signed labour contract (one subquery, no extra query)."""
    signed = LabourContract.objects.filter(employee=OuterRef("employee_id"), signed_on__isnull=False)
    return qs.annotate(contract_signed=Exists(signed))


def with_registration_state(qs: QuerySet[OnboardingCase]) -> QuerySet[OnboardingCase]:
    """The newest registration link's status and where and when it was e-mailed, read with the case itself
    (``registration_status``, ``registration_emailed_to``, ``registration_emailed_at``)."""
    newest = RegistrationLink.objects.filter(case=OuterRef("pk")).order_by("-created_at", "-id")
    return qs.annotate(
        registration_status=Subquery(newest.values("status")[:1]),
        registration_emailed_to=Subquery(newest.values("emailed_to")[:1]),
        registration_emailed_at=Subquery(newest.values("emailed_at")[:1]),
    )


def case_list_for(user) -> QuerySet[OnboardingCase]:
    """The list rows with everything a row shows fetched in the same query."""
    open_tasks = OnboardingTask.objects.filter(case=OuterRef("pk"), mandatory=True, status=OnboardingTask.Status.OPEN)
    return with_contract_signed(
        cases_visible_to(user)
        .select_related("employee__department", "employee__position")
        .annotate(has_open_tasks=Exists(open_tasks.exclude(code="labour_contract")))
    )


def hires_without_case(user) -> QuerySet[Employee]:
    """New employees (status onboarding) who have no case yet: direct hires entered by HR."""
    if not user.is_hr:
        return Employee.objects.none()
    return (
        Employee.objects.filter(status=EmployeeStatus.ONBOARDING)
        .exclude(Exists(OnboardingCase.objects.filter(employee=OuterRef("pk"))))
        .select_related("department", "position")
        .order_by("hire_date", "number")
    )


def checklist_for(employee: Employee) -> list[dict]:
    """The personnel-file checklist (员工档案), ticked by the uploads in the personnel file (one query).

    Agency workers and interns sign no labour contract with the company: that line says why instead.
    """
    uploaded: dict[str, PersonnelDocument] = {}
    for document in employee.documents.order_by("kind", "-uploaded_at"):
        uploaded.setdefault(document.kind, document)
    rows = []
    for kind in (*REQUIRED_DOCUMENT_KINDS, DocumentKind.OTHER):
        not_applicable = ""
        if kind == DocumentKind.CONTRACT and employee.employment_type in NO_LABOUR_CONTRACT_TYPES:
            not_applicable = _no_contract_reason()
        rows.append(
            {
                "kind": kind,
                "label": DocumentKind(kind).label,
                "mandatory": kind in REQUIRED_DOCUMENT_KINDS and not not_applicable,
                "document": uploaded.get(kind),
                "not_applicable": not_applicable,
            }
        )
    return rows


def _no_contract_reason() -> str:
    return _(
        "Not applicable: agency workers and interns have no labour contract with the company "
        "(and no probation); the dispatch or internship agreement is recorded instead."
    )


def contract_deadline(case: OnboardingCase) -> datetime.date:
    return written_contract_deadline(case.start_date)


def probation_terminations(case: OnboardingCase) -> QuerySet:
    """The terminations in probation proposed for the case's employee: separation cases of the probation type
    (offboarding owns them), newest first."""
    from offboarding.models import SeparationCase, SeparationType

    return SeparationCase.objects.filter(
        employee_id=case.employee_id, separation_type=SeparationType.PROBATION
    ).order_by("-created_at", "-pk")
