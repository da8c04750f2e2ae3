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
    if employee.is_separated:
        raise ValidationError(_("A separated employee's record is kept read-only."))


def _check_separation(employee: Employee) -> None:
    if employee.status == EmployeeStatus.SEPARATED and not employee.separated_on:
        raise ValidationError({"separated_on": _("A separated employee needs a separation date.")})


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
        raise ValidationError(_("Use the salary change or job change to change: %s") % ", ".join(sorted(blocked)))
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
    """Why the employee may demand an open-ended contract at renewal (LCL art. 14), or "" if not entitled.

    `contracts`: the employee's contracts when the caller has them already (no query then)."""
    on = on or timezone.localdate()
    years = (on - employee.hire_date).days / 365.25
    if years >= 10:
        return _("Ten or more years of continuous service (Labour Contract Law art. 14).")
    if contracts is None:
        fixed_terms = employee.contracts.filter(contract_type=ContractType.FIXED).count()
    else:
        fixed_terms = sum(1 for contract in contracts if contract.contract_type == ContractType.FIXED)
    if fixed_terms >= 2:
        return _("Two consecutive fixed-term contracts already concluded (Labour Contract Law art. 14).")
    return ""


@transaction.atomic
def contract_add(*, employee: Employee, by, renews: LabourContract | None = None, **fields) -> LabourContract:
    """Add a labour contract; a renewal is a new row pointing at the contract it renews."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    _ensure_editable(employee)
    if renews is not None and renews.employee_id != employee.pk:
        raise ValidationError({"renews": _("The renewed contract belongs to another employee.")})
    contract = LabourContract(employee=employee, renews=renews, **fields)
    contract.full_clean()
    if renews is not None and contract.start_date <= renews.start_date:
        raise ValidationError({"start_date": _("A renewal starts after the contract it renews.")})
    contract.save()
    return contract


def protection_on(employee: Employee, day: datetime.date) -> ProtectedPeriod | None:
    """The art. 42 situation that protects the employee on `day`, or None."""
    return employee.protected_periods.covering(day).order_by("start_date").first()


@transaction.atomic
def protected_period_add(*, employee: Employee, by, **fields) -> ProtectedPeriod:
    """Record a situation of LCL art. 42 (pregnancy, medical period, occupational-disease check…)."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    _ensure_editable(employee)
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
    contract = LabourContract.objects.select_for_update().select_related("employee").get(pk=contract.pk)
    _ensure_editable(contract.employee)
    reason = (reason or "").strip()
    if contract.contract_type != ContractType.FIXED or contract.end_date is None:
        raise ValidationError(_("Only a fixed-term contract ends by not being renewed."))
    if contract.renewals.exists():
        raise ValidationError(_("This contract has already been renewed."))
    if not reason:
        raise ValidationError(_("Please say why the contract is not renewed."))
    protection = protection_on(contract.employee, contract.end_date)
    if protection is not None:
        raise ValidationError(
            _(
                "Not renewing is not allowed: %(situation)s covers the end date (Labour Contract Law art. 42). "
                "The contract continues until the situation ends (art. 45)."
            )
            % {"situation": protection.get_reason_display()}
        )
    contract.not_renewed_on = timezone.localdate()
    contract.not_renewed_reason = reason
    contract.full_clean()
    contract.save(update_fields=["not_renewed_on", "not_renewed_reason"])
    return contract


@transaction.atomic
def contract_extend_for_protection(*, contract: LabourContract, by) -> LabourContract:
    """LCL art. 45: a fixed-term contract ending during an art. 42 situation continues until the situation ends."""
    contract = LabourContract.objects.select_for_update().select_related("employee").get(pk=contract.pk)
    _ensure_editable(contract.employee)
    protection = protection_on(contract.employee, contract.end_date) if contract.end_date else None
    if contract.contract_type != ContractType.FIXED or protection is None:
        raise ValidationError(_("No art. 42 situation covers this contract's end date."))
    if protection.end_date is None:
        raise ValidationError(_("Enter when the situation ends first: the contract is extended to that day."))
    contract.end_date = protection.end_date
    contract.not_renewed_on, contract.not_renewed_reason = None, ""
    contract.full_clean()
    contract.save(update_fields=["end_date", "not_renewed_on", "not_renewed_reason"])
    return contract


@transaction.atomic
def contract_mark_signed(*, contract: LabourContract, signed_on: datetime.date, by) -> LabourContract:
    contract = LabourContract.objects.select_for_update().select_related("employee").get(pk=contract.pk)
    _ensure_editable(contract.employee)
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("The signing date cannot be in the future.")})
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


@transaction.atomic
def salary_change_record(
    *, employee: Employee, new_salary: Decimal, effective_date: datetime.date, reason: str, by
) -> SalaryChange:
    """Enter a 调薪单: history row with the previous salary, and the employee's current base salary."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    _ensure_editable(employee)
    if new_salary is None or new_salary <= 0:
        raise ValidationError(
            {"new_salary": ValidationError(_("The new salary must be a positive amount."), code="salary_not_positive")}
        )
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


def export_access_log(*, model, count: int, columns: list[str], by) -> LogEntry:
    """Record an export of HR data (who, when, which columns, how many rows): exports are audited (spec 10)."""
    return access_log(by=by, access=Access.EXPORT, model=model, count=count, detail=", ".join(columns))
