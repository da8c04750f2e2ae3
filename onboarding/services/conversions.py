"""The conversion (转正) with its salary-adjustment slip (调薪单), through the "probation_conversion" flow."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals import services as approvals
from approvals.selectors import latest_request_for
from employees import services as employee_services
from employees.labour_law import minimum_wage
from employees.models import DocumentKind
from employees.selectors import missing_document_kinds

from .. import policies
from ..models import (
    CaseEvent,
    Conversion,
    OnboardingCase,
    ProbationStatus,
    SelfReport,
)
from ._common import (
    _event,
    _lock,
    _make_regular,
    invalid,
    latest_review,
)


def _conversion_checks(
    case: OnboardingCase,
    *,
    new_salary: Decimal,
    effective_date: datetime.date,
    change_agreed_on: datetime.date | None,
    change_note: str,
    change_file,
) -> None:
    missing = missing_document_kinds(case.employee)
    if missing:
        raise invalid(
            _("The personnel file is missing: %(items)s. Upload them before the conversion.")
            % {"items": ", ".join(str(kind.label) for kind in missing)},
            "personnel_file_incomplete",
        )
    if case.is_staff_grade and not SelfReport.objects.filter(case=case).exists():
        raise invalid(
            _(
                "A staff-grade employee's conversion needs their self-report (试用转正工作报告): "
                "the employee writes it from their case page first."
            ),
            "self_report_missing",
        )
    errors = {}
    if new_salary is None or new_salary < minimum_wage():
        errors["new_salary"] = ValidationError(
            _("The salary is below the local minimum wage of %(wage)s yuan.") % {"wage": minimum_wage()},
            code="below_minimum_wage",
        )
    elif new_salary < case.agreed_salary and not (change_agreed_on and (change_note or "").strip() and change_file):
        errors["new_salary"] = ValidationError(
            _(
                "%(salary)s yuan is below the wage of %(agreed)s yuan agreed in the offer and the labour contract. "
                "Pay can be lowered only by a written agreement with the employee to change the contract "
                "(变更劳动合同协议, Labour Contract Law arts. 29 and 35): record its date and content and upload "
                "the signed agreement."
            )
            % {"salary": new_salary, "agreed": case.agreed_salary},
            code="below_agreed_wage",
        )
    if change_agreed_on is not None and (change_agreed_on < case.start_date or change_agreed_on > timezone.localdate()):
        errors["change_agreed_on"] = ValidationError(
            _("The agreement date must lie between the start date and today."), code="change_date_invalid"
        )
    latest_effective = case.probation_end + datetime.timedelta(days=1)
    if effective_date < case.start_date:
        errors["effective_date"] = ValidationError(
            _("A conversion cannot take effect before the start date (%(start)s).")
            % {"start": f"{case.start_date:%Y-%m-%d}"},
            code="before_start",
        )
    elif effective_date > latest_effective:
        errors["effective_date"] = ValidationError(
            _("The conversion takes effect at the latest on the day after the probation ends (%(day)s).")
            % {"day": f"{latest_effective:%Y-%m-%d}"},
            code="effective_after_probation",
        )
    if errors:
        raise ValidationError(errors)


def _attach_agreement(conversion: Conversion, *, by, new_salary, change_agreed_on, change_note, change_file) -> None:
    """A pay below the agreed wage carries the signed 变更劳动合同协议, stored in the personnel file (the
    upload is checked like every personnel-file document)."""
    case = conversion.case
    if new_salary >= case.agreed_salary:
        conversion.change_agreed_on, conversion.change_note, conversion.change_document = None, "", None
        return
    conversion.change_agreed_on = change_agreed_on
    conversion.change_note = change_note.strip()
    conversion.change_document = employee_services.document_upload(
        employee=case.employee,
        kind=DocumentKind.OTHER,
        upload=change_file,
        by=by,
        note=CONTRACT_CHANGE_TITLE,
    )


CONTRACT_CHANGE_TITLE = "变更劳动合同协议"


@transaction.atomic
def conversion_submit(
    *,
    case: OnboardingCase,
    by,
    new_salary: Decimal,
    effective_date: datetime.date,
    comment: str = "",
    change_agreed_on: datetime.date | None = None,
    change_note: str = "",
    change_file=None,
) -> Conversion:
    """Send the conversion with its 调薪单 into the conversion flow (head → HR manager → GM for staff grade)."""
    case = _lock(case)
    review = latest_review(case)
    policies.can_convert(by, case, review).enforce()
    agreement = {"change_agreed_on": change_agreed_on, "change_note": change_note, "change_file": change_file}
    _conversion_checks(case, new_salary=new_salary, effective_date=effective_date, **agreement)
    conversion = Conversion(
        case=case,
        review=review,
        old_salary=case.probation_salary if case.probation_salary is not None else case.employee.base_salary,
        new_salary=new_salary,
        effective_date=effective_date,
        comment=(comment or "").strip(),
        created_by=by,
    )
    _attach_agreement(conversion, by=by, new_salary=new_salary, **agreement)
    conversion.full_clean()
    conversion.save()
    case.probation_status = ProbationStatus.CONVERSION
    case.save(update_fields=["probation_status"])
    _event(case, CaseEvent.Action.CONVERSION_SUBMITTED, by, comment)
    approvals.request_submit(subject=conversion, by=by, comment=comment)
    return conversion


@transaction.atomic
def conversion_resubmit(
    *,
    conversion: Conversion,
    by,
    new_salary: Decimal,
    effective_date: datetime.date,
    comment: str = "",
    change_agreed_on: datetime.date | None = None,
    change_note: str = "",
    change_file=None,
) -> Conversion:
    """After a return for changes: edit the slip and send it again (the history stays)."""
    conversion = Conversion.objects.select_for_update().get(pk=conversion.pk)
    case = _lock(conversion.case)
    conversion.case = case
    policies.can_resubmit_conversion(by, conversion).enforce()
    agreement = {"change_agreed_on": change_agreed_on, "change_note": change_note, "change_file": change_file}
    _conversion_checks(case, new_salary=new_salary, effective_date=effective_date, **agreement)
    conversion.new_salary = new_salary
    conversion.effective_date = effective_date
    conversion.status = Conversion.Status.PENDING
    _attach_agreement(conversion, by=by, new_salary=new_salary, **agreement)
    conversion.full_clean()
    conversion.save(
        update_fields=["new_salary", "effective_date", "status", "change_agreed_on", "change_note", "change_document"]
    )
    _event(case, CaseEvent.Action.CONVERSION_RESUBMITTED, by, comment)
    approvals.request_resubmit(request=latest_request_for(conversion), by=by, comment=comment)
    return conversion


def _last_comment(request) -> str:
    decision = request.decisions.order_by("-created_at", "-pk").first()
    return decision.comment if decision else ""


def _apply(conversion: Conversion, case: OnboardingCase, by) -> None:
    """The conversion takes effect: the 调薪单 enters the salary history and the employee is regular."""
    change = employee_services.salary_change_record(
        employee=case.employee,
        new_salary=conversion.new_salary,
        effective_date=conversion.effective_date,
        reason=_("Conversion to regular (转正调薪)"),
        by=by,
    )
    conversion.salary_change = change
    conversion.save(update_fields=["salary_change"])
    case.employee.refresh_from_db()
    if case.probation_status != ProbationStatus.LAPSED:
        # A lapsed probation is already regular by law; the approved slip still sets the salary.
        _make_regular(case, by=by, regular_from=conversion.effective_date, status=ProbationStatus.CONVERTED)


def conversion_on_approved(conversion: Conversion, request, by) -> None:
    """Final approval. The conversion takes effect on its effective date: at once when that date has come,
    otherwise the daily task applies it then and the employee stays on probation and the probation wage."""
    conversion = Conversion.objects.select_for_update().get(pk=conversion.pk)
    case = _lock(conversion.case)
    conversion.status = Conversion.Status.APPROVED
    conversion.decided_at = timezone.now()
    conversion.save(update_fields=["status", "decided_at"])
    _event(case, CaseEvent.Action.CONVERSION_APPROVED, by, _last_comment(request))
    if conversion.effective_date <= timezone.localdate():
        _apply(conversion, case, by)
        return
    if case.probation_status == ProbationStatus.CONVERSION:
        case.probation_status = ProbationStatus.CONVERSION_APPROVED
        case.save(update_fields=["probation_status"])


def conversions_apply(*, today: datetime.date) -> list[Conversion]:
    """Approved conversions whose effective date has come: apply each once (the daily task; idempotent, each
    conversion is locked and re-checked)."""
    due = Conversion.objects.filter(
        status=Conversion.Status.APPROVED, salary_change__isnull=True, effective_date__lte=today
    ).values_list("pk", flat=True)
    applied = []
    for pk in list(due):
        with transaction.atomic():
            conversion = Conversion.objects.select_for_update().get(pk=pk)
            if conversion.status != Conversion.Status.APPROVED or conversion.salary_change_id is not None:
                continue
            case = _lock(conversion.case)
            # The salary history names the HR member who entered the slip; the case history says "system".
            _apply(conversion, case, conversion.created_by)
            _event(
                case,
                CaseEvent.Action.CONVERSION_EFFECTIVE,
                None,
                _("Regular on the new salary from %(day)s.") % {"day": f"{conversion.effective_date:%Y-%m-%d}"},
            )
            applied.append(conversion)
    return applied


def _conversion_closed(conversion: Conversion, request, by, *, status: str, action: str) -> None:
    conversion = Conversion.objects.select_for_update().get(pk=conversion.pk)
    case = _lock(conversion.case)
    conversion.status = status
    if status in (Conversion.Status.REJECTED, Conversion.Status.WITHDRAWN):
        conversion.decided_at = timezone.now()
        if case.probation_status == ProbationStatus.CONVERSION:
            case.probation_status = ProbationStatus.RUNNING
            case.save(update_fields=["probation_status"])
    conversion.save(update_fields=["status", "decided_at"])
    _event(case, action, by, _last_comment(request))


def conversion_on_rejected(conversion, request, by) -> None:
    _conversion_closed(
        conversion, request, by, status=Conversion.Status.REJECTED, action=CaseEvent.Action.CONVERSION_REJECTED
    )


def conversion_on_returned(conversion, request, by) -> None:
    _conversion_closed(
        conversion, request, by, status=Conversion.Status.RETURNED, action=CaseEvent.Action.CONVERSION_RETURNED
    )


def conversion_on_withdrawn(conversion, request, by) -> None:
    _conversion_closed(
        conversion, request, by, status=Conversion.Status.WITHDRAWN, action=CaseEvent.Action.CONVERSION_WITHDRAWN
    )


def conversion_on_resubmitted(conversion, request, by) -> None:
    Conversion.objects.filter(pk=conversion.pk).update(status=Conversion.Status.PENDING)
