"""Helpers shared by the onboarding services: the case lock, the history row, the probation guards."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from employees import services as employee_services
from employees.models import (
    EmployeeStatus,
    EmploymentType,
)

from ..models import (
    OPEN_PROBATION,
    CaseEvent,
    OnboardingCase,
    ProbationReview,
)

LABOUR_CONTRACT = "labour_contract"
SOCIAL_INSURANCE = "social_insurance"
HOUSING_FUND = "housing_fund"
HANDBOOK = "handbook"


def _event(case: OnboardingCase, action: str, by, comment: str = "") -> CaseEvent:
    return CaseEvent.objects.create(case=case, action=action, by=by, at=timezone.now(), comment=comment or "")


def _lock(case: OnboardingCase) -> OnboardingCase:
    return OnboardingCase.objects.select_for_update().select_related("employee__position").get(pk=case.pk)


def _require_open_before_end(case: OnboardingCase, today: datetime.date, what: str) -> None:
    if not case.has_probation or case.probation_status not in OPEN_PROBATION:
        raise ValidationError(_("The probation is not running: nothing to %(what)s.") % {"what": what})
    if today > case.probation_end:
        raise ValidationError(
            _(
                "The probation ended on %(end)s: the decision had to be taken before the end date. "
                "The employee is regular by law (Labour Contract Law art. 19)."
            )
            % {"end": f"{case.probation_end:%Y-%m-%d}"}
        )


def latest_review(case: OnboardingCase) -> ProbationReview | None:
    return case.reviews.order_by("-submitted_at", "-pk").first()


def _make_regular(case: OnboardingCase, *, by, regular_from: datetime.date, status: str) -> None:
    employee = case.employee
    fields = {}
    if employee.status in (EmployeeStatus.ONBOARDING, EmployeeStatus.PROBATION):
        fields["status"] = EmployeeStatus.REGULAR
    if employee.employment_type == EmploymentType.PROBATION:
        fields["employment_type"] = EmploymentType.REGULAR
    if fields:
        employee_services.employee_update(employee=employee, by=by, **fields)
    case.probation_status = status
    case.regular_from = regular_from
    case.save(update_fields=["probation_status", "regular_from"])
