"""Self-service (我的): what an employee does about their own record — asks for a change of their contact details
(HR confirms it before the record changes) and takes a copy of their personal data (PIPL art. 45), logged."""

import tablib
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import Access, access_log
from core.access import require_hr
from core.spreadsheets import neutralised

from .models import CONTACT_FIELDS, ContactChangeRequest, Employee
from .roster import COLUMNS


def contact_change_request(*, employee: Employee, by, **values) -> ContactChangeRequest:
    """The employee's own request (one open at a time); nothing on the record changes yet."""
    if employee.user_id != by.pk:
        raise ValidationError(_("Only the employee asks to change their own contact details."), code="not_own")
    if employee.is_separated:
        raise ValidationError(_("A separated employee's record is kept read-only."), code="record_closed")
    change = ContactChangeRequest(employee=employee, **{name: values.get(name, "") for name in CONTACT_FIELDS})
    if not change.changes():
        raise ValidationError(_("Nothing differs from your record."), code="no_change")
    change.full_clean()
    try:
        with transaction.atomic():
            change.save()
    except IntegrityError:
        raise ValidationError(_("You already have a change waiting for HR."), code="contact_change_pending") from None
    return change


def contact_change_decide(*, change: ContactChangeRequest, by, confirm: bool, comment: str = "") -> None:
    """HR confirms (the record takes the new details, audited as any change of the record) or rejects."""
    require_hr(by)
    with transaction.atomic():
        change = ContactChangeRequest.objects.select_for_update().select_related("employee").get(pk=change.pk)
        if change.status != ContactChangeRequest.Status.PENDING:
            raise ValidationError(_("This request was already decided."), code="already_decided")
        if confirm:
            employee = change.employee
            for name in CONTACT_FIELDS:
                setattr(employee, name, getattr(change, name))
            employee.save(update_fields=[*CONTACT_FIELDS, "updated_at"])
        change.status = ContactChangeRequest.Status.CONFIRMED if confirm else ContactChangeRequest.Status.REJECTED
        change.decided_by, change.decided_at, change.comment = by, timezone.now(), comment[:200]
        change.save(update_fields=["status", "decided_by", "decided_at", "comment"])


def personal_data_copy(*, employee: Employee, by) -> bytes:
    """The employee's own personal data as an xlsx workbook (record, contracts, salary history, documents), logged
    as an export of their record."""
    if employee.user_id != by.pk:
        raise ValidationError(_("A copy of personal data is given to the person only."), code="not_own")
    record = tablib.Dataset(title=_("Personnel record")[:31], headers=[_("Field"), _("Value")])

    class Own:  # the reader is the person: their own ID number and salary in full
        sees_secret_hr_data = True

    for column in COLUMNS.values():
        record.append([column.label, column.value(employee, Own)])
    contracts = tablib.Dataset(
        *[
            [
                c.number,
                c.get_contract_type_display(),
                c.start_date,
                c.end_date or "",
                c.probation_months,
                c.signed_on or "",
            ]
            for c in employee.contracts.all()
        ],
        headers=[
            _("Contract number"),
            _("Contract type"),
            _("Start"),
            _("End"),
            _("Probation (months)"),
            _("Signed on"),
        ],
        title=_("Contracts")[:31],
    )
    salary = tablib.Dataset(
        *[[s.effective_date, s.previous_salary or "", s.new_salary, s.reason] for s in employee.salary_changes.all()],
        headers=[_("Effective date"), _("Previous salary"), _("New salary"), _("Reason")],
        title=_("Salary history")[:31],
    )
    documents = tablib.Dataset(
        *[
            [d.get_kind_display(), d.original_name, timezone.localtime(d.uploaded_at).date()]
            for d in employee.documents.all()
        ],
        headers=[_("Kind"), _("File"), _("Uploaded")],
        title=_("Documents")[:31],
    )
    # No live formulas in a typed value (core.spreadsheets), on every sheet.
    book = tablib.Databook([neutralised(sheet) for sheet in (record, contracts, salary, documents)])
    access_log(by=by, access=Access.EXPORT, obj=employee, detail=_("Copy of own personal data (PIPL art. 45)"))
    return book.export("xlsx")
