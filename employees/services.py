"""Writes to employees and their personnel files. Every function validates, runs atomically and leaves history
(django-auditlog records each row change; salary and job changes are history rows of their own)."""

import datetime
import mimetypes
from decimal import Decimal

from auditlog.models import LogEntry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import Access, access_log
from core.validators import validate_document_upload

from . import labour_law, policies
from .models import (
    ContractType,
    Employee,
    EmployeeStatus,
    LabourContract,
    PersonnelDocument,
    ProtectedPeriod,
    SalaryChange,
)

# Fields that only the dedicated flows change: salary (调薪单) and post (job change).
_FIELDS_WITH_OWN_FLOW = frozenset({"base_salary", "department", "position", "number"})


def employee_number_next() -> str:
    """The next free employee number from settings.HRMS_EMPLOYEE_NUMBER_PATTERN (e.g. "E{seq:05d}")."""
    pattern = settings.HRMS_EMPLOYEE_NUMBER_PATTERN
    seq = Employee.objects.count() + 1
    while True:
        candidate = pattern.format(seq=seq)
        if not Employee.objects.filter(number=candidate).exists():
            return candidate
        seq += 1


def _ensure_editable(employee: Employee) -> None:
    """Every write to a person's file: a separated employee's record is kept read-only (spec 01). Other apps'
    processes (onboarding's conversion, …) write through here under their own policies, so only the state is
    checked; the employee pages and the admin ask `policies.can_edit_employee` for the user too."""
    if employee.is_separated:
        raise ValidationError(_("A separated employee's record is kept read-only."), code="employee_separated")


def _check_separation(employee: Employee) -> None:
    if employee.status == EmployeeStatus.SEPARATED and not employee.separated_on:
        raise ValidationError(
            {
                "separated_on": ValidationError(
                    _("A separated employee needs a separation date."), code="separation_date_required"
                )
            }
        )


@transaction.atomic
def employee_create(*, by, number: str = "", **fields) -> Employee:
    """Create an employee. A blank number is generated; a starting base salary opens the salary history."""
    employee = Employee(number=(number or "").strip() or employee_number_next(), **fields)
    if employee.id_number:
        employee.id_number = employee.id_number.strip().upper()
    employee.full_clean()
    _check_separation(employee)
    employee.save()
    if employee.base_salary is not None:
        SalaryChange.objects.create(
            employee=employee,
            effective_date=employee.hire_date,
            previous_salary=None,
            new_salary=employee.base_salary,
            reason=_("Starting salary at hire"),
            created_by=by,
        )
    return employee


@transaction.atomic
def employee_update(*, employee: Employee, by, **fields) -> Employee:
    """Update the profile. Salary, post and number have their own flows; a separated record is read-only."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    _ensure_editable(employee)
    blocked = _FIELDS_WITH_OWN_FLOW.intersection(fields)
    if blocked:
        raise ValidationError(
            _("Use the salary change or job change to change: %s") % ", ".join(sorted(blocked)),
            code="field_has_own_flow",
        )
    for name, value in fields.items():
        setattr(employee, name, value)
    if employee.id_number:
        employee.id_number = employee.id_number.strip().upper()
    employee.full_clean()
    _check_separation(employee)
    employee.save()
    return employee


def contract_open_ended_entitlement(
    *, employee: Employee, on: datetime.date | None = None, contracts: list[LabourContract] | None = None
) -> str:
    """Why the company owes an open-ended contract at renewal (LCL art. 14), or "" if not.

    `contracts`: the employee's contracts when the caller has them already (no query then)."""
    if contracts is None:
        fixed_terms = employee.contracts.filter(contract_type=ContractType.FIXED).count()
    else:
        fixed_terms = sum(1 for contract in contracts if contract.contract_type == ContractType.FIXED)
    return labour_law.open_ended_entitlement(
        hire_date=employee.hire_date, on=on or timezone.localdate(), fixed_terms=fixed_terms
    )


@transaction.atomic
def contract_add(*, employee: Employee, by, renews: LabourContract | None = None, **fields) -> LabourContract:
    """Add a labour contract; a renewal is a new row pointing at the contract it renews. The contract's rules
    (art. 19 probation, no overlap, the signing date, the renewal) are `LabourContract.clean()`'s."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    policies.can_add_contract(by, employee).enforce()
    if renews is not None:
        policies.can_renew_contract(by, renews).enforce()
    contract = LabourContract(employee=employee, renews=renews, **fields)
    contract.full_clean()
    contract.save()
    return contract


@transaction.atomic
def protected_period_add(*, employee: Employee, by, **fields) -> ProtectedPeriod:
    """Record a situation of LCL art. 42 (pregnancy, medical period, occupational-disease check…)."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    policies.can_edit_personnel_file(by, employee).enforce()
    period = ProtectedPeriod(employee=employee, created_by=by, **fields)
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def contract_not_renew(*, contract: LabourContract, by, reason: str) -> LabourContract:
    """Record that a fixed-term contract is not renewed at its end (合同到期不续签).

    Refused while a situation of LCL art. 42 covers the end date: the contract then continues until the
    situation ends (art. 45), which `contract_extend_for_protection` records.
    """
    contract = LabourContract.objects.select_for_update(of=("self",)).select_related("employee").get(pk=contract.pk)
    policies.can_mark_not_renewed(by, contract).enforce()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {
                "not_renewed_reason": ValidationError(
                    _("Please say why the contract is not renewed."), code="not_renewed_reason_required"
                )
            }
        )
    contract.not_renewed_on = timezone.localdate()
    contract.not_renewed_reason = reason
    contract.full_clean()
    contract.save(update_fields=["not_renewed_on", "not_renewed_reason"])
    return contract


@transaction.atomic
def contract_extend_for_protection(*, contract: LabourContract, by) -> LabourContract:
    """LCL art. 45: a fixed-term contract ending during an art. 42 situation continues until the situation ends."""
    contract = LabourContract.objects.select_for_update(of=("self",)).select_related("employee").get(pk=contract.pk)
    policies.can_extend_contract(by, contract).enforce()
    contract.end_date = contract.protection.end_date
    contract.not_renewed_on, contract.not_renewed_reason = None, ""
    contract.full_clean()
    contract.save(update_fields=["end_date", "not_renewed_on", "not_renewed_reason"])
    return contract


@transaction.atomic
def contract_mark_signed(*, contract: LabourContract, signed_on: datetime.date, by) -> LabourContract:
    """Record the signing date (not in the future, not after the end: `LabourContract.clean()`)."""
    contract = LabourContract.objects.select_for_update(of=("self",)).select_related("employee").get(pk=contract.pk)
    policies.can_sign_contract(by, contract).enforce()
    contract.signed_on = signed_on
    contract.full_clean()
    contract.save(update_fields=["signed_on"])
    return contract


@transaction.atomic
def document_upload(*, employee: Employee, kind: str, upload, by, note: str = "") -> PersonnelDocument:
    """Store a personnel-file document in the private storage (checked by content and size)."""
    _ensure_editable(employee)
    validate_document_upload(upload)
    document = PersonnelDocument(
        employee=employee,
        kind=kind,
        original_name=upload.name[:200],
        content_type=mimetypes.guess_type(upload.name)[0] or "application/octet-stream",
        size=upload.size,
        note=note,
        uploaded_by=by,
        uploaded_at=timezone.now(),
    )
    document.full_clean(exclude=["file"])
    document.file.save(upload.name, upload, save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    return document


def document_access_log(*, document: PersonnelDocument, by) -> LogEntry:
    """Record a download of a secret personnel-file document (who, when, which file)."""
    return access_log(by=by, access=Access.DOWNLOAD, obj=document, detail=document.original_name)


def secret_view_log(*, employee: Employee, by) -> LogEntry:
    """Record that a cleared user opened a person's secret data (ID number, contracts, salary, personnel file)."""
    return access_log(by=by, access=Access.VIEW, obj=employee, detail="id_number, contracts, salary, documents")


# Within this time the same slip sent again by the same person is the same slip (a double click, a resent form).
DOUBLE_SUBMIT_WINDOW = datetime.timedelta(minutes=10)


@transaction.atomic
def salary_change_record(
    *, employee: Employee, new_salary: Decimal, effective_date: datetime.date, reason: str, by
) -> SalaryChange:
    """Enter a 调薪单: history row with the previous salary, and the employee's current base salary.

    A double submit (the same person sending the same slip twice within DOUBLE_SUBMIT_WINDOW, e.g. a second click
    or two tabs) writes one row: the employee row is locked, so the second call sees the first one's row and gets
    it back instead of a second 调薪单.
    """
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    _ensure_editable(employee)
    if new_salary is None or new_salary <= 0:
        raise ValidationError(
            {"new_salary": ValidationError(_("The new salary must be a positive amount."), code="salary_not_positive")}
        )
    repeated = (
        SalaryChange.objects.filter(
            employee=employee,
            effective_date=effective_date,
            new_salary=new_salary,
            created_by=by,
            created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
        )
        .order_by("-pk")
        .first()
    )
    if repeated is not None:
        return repeated
    change = SalaryChange(
        employee=employee,
        effective_date=effective_date,
        previous_salary=employee.base_salary,
        new_salary=new_salary,
        reason=reason,
        created_by=by,
    )
    change.full_clean()
    change.save()
    employee.base_salary = new_salary
    employee.save(update_fields=["base_salary", "updated_at"])
    return change
