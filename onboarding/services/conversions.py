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
from employees.selectors import missing_document_kinds

from ..models import (
    CaseEvent,
    Conversion,
    OnboardingCase,
    ProbationStatus,
    Recommendation,
)
from ._common import (
    _event,
    _lock,
    _make_regular,
    _require_open_before_end,
    latest_review,
)


def _conversion_checks(case: OnboardingCase, *, new_salary: Decimal, effective_date: datetime.date) -> None:
    missing = missing_document_kinds(case.employee)
    if missing:
        raise ValidationError(
            _("The personnel file is missing: %(items)s. Upload them before the conversion.")
            % {"items": ", ".join(str(kind.label) for kind in missing)}
        )
    errors = {}
    if new_salary is None or new_salary < minimum_wage():
        errors["new_salary"] = _("The salary is below the local minimum wage of %(wage)s yuan.") % {
            "wage": minimum_wage()
        }
    latest_effective = case.probation_end + datetime.timedelta(days=1)
    if effective_date < case.start_date or effective_date > latest_effective:
        errors["effective_date"] = _(
            "The conversion takes effect between the start date and the day after the probation ends (%(day)s)."
        ) % {"day": f"{latest_effective:%Y-%m-%d}"}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def conversion_submit(
    *, case: OnboardingCase, by, new_salary: Decimal, effective_date: datetime.date, comment: str = ""
) -> Conversion:
    """Send the conversion with its 调薪单 into the conversion flow (head → HR manager → GM for staff grade)."""
    case = _lock(case)
    _require_open_before_end(case, timezone.localdate(), _("convert"))
    if case.probation_status == ProbationStatus.CONVERSION:
        raise ValidationError(_("A conversion is already in approval."))
    review = latest_review(case)
    if review is None or review.recommendation != Recommendation.CONVERT:
        raise ValidationError(_("The department's latest probation review must recommend the conversion."))
    _conversion_checks(case, new_salary=new_salary, effective_date=effective_date)
    conversion = Conversion(
        case=case,
        review=review,
        old_salary=case.probation_salary if case.probation_salary is not None else case.employee.base_salary,
        new_salary=new_salary,
        effective_date=effective_date,
        comment=(comment or "").strip(),
        created_by=by,
    )
    conversion.full_clean()
    conversion.save()
    case.probation_status = ProbationStatus.CONVERSION
    case.save(update_fields=["probation_status"])
    _event(case, CaseEvent.Action.CONVERSION_SUBMITTED, by, comment)
    approvals.request_submit(subject=conversion, by=by, comment=comment)
    return conversion


@transaction.atomic
def conversion_resubmit(
    *, conversion: Conversion, by, new_salary: Decimal, effective_date: datetime.date, comment: str = ""
) -> Conversion:
    """After a return for changes: edit the slip and send it again (the history stays)."""
    conversion = Conversion.objects.select_for_update().get(pk=conversion.pk)
    case = _lock(conversion.case)
    if conversion.status != Conversion.Status.RETURNED:
        raise ValidationError(_("Only a conversion returned for changes can be resubmitted."))
    _require_open_before_end(case, timezone.localdate(), _("convert"))
    _conversion_checks(case, new_salary=new_salary, effective_date=effective_date)
    conversion.new_salary = new_salary
    conversion.effective_date = effective_date
    conversion.status = Conversion.Status.PENDING
    conversion.save(update_fields=["new_salary", "effective_date", "status"])
    _event(case, CaseEvent.Action.CONVERSION_RESUBMITTED, by, comment)
    approvals.request_resubmit(request=latest_request_for(conversion), by=by, comment=comment)
    return conversion


def _last_comment(request) -> str:
    decision = request.decisions.order_by("-created_at", "-pk").first()
    return decision.comment if decision else ""


def conversion_on_approved(conversion: Conversion, request, by) -> None:
    """Final approval: the salary history gets the 调薪单 and the employee is regular from the effective date."""
    conversion = Conversion.objects.select_for_update().get(pk=conversion.pk)
    case = _lock(conversion.case)
    change = employee_services.salary_change_record(
        employee=case.employee,
        new_salary=conversion.new_salary,
        effective_date=conversion.effective_date,
        reason=_("Conversion to regular (转正调薪)"),
        by=by,
    )
    conversion.status = Conversion.Status.APPROVED
    conversion.decided_at = timezone.now()
    conversion.salary_change = change
    conversion.save(update_fields=["status", "decided_at", "salary_change"])
    case.employee.refresh_from_db()
    if case.probation_status == ProbationStatus.LAPSED:
        # Already regular by law; the approved slip still sets the salary.
        _event(case, CaseEvent.Action.CONVERSION_APPROVED, by, _last_comment(request))
        return
    _make_regular(case, by=by, regular_from=conversion.effective_date, status=ProbationStatus.CONVERTED)
    _event(case, CaseEvent.Action.CONVERSION_APPROVED, by, _last_comment(request))


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
