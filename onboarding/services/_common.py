"""Helpers shared by the onboarding services: the case lock, the history row, making the employee regular."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from employees import services as employee_services
from employees import signals
from employees.models import (
    EmployeeStatus,
    EmploymentType,
)

from ..models import (
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
    return OnboardingCase.objects.select_for_update(of=("self",)).select_related("employee__position").get(pk=case.pk)


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
        employee = employee_services.employee_update(employee=employee, by=by, **fields)
    case.probation_status = status
    case.regular_from = regular_from
    case.save(update_fields=["probation_status", "regular_from"])
    signals.employee_converted.send(
        sender=type(employee), employee=employee, by=by, regular_from=regular_from, how=status
    )


HEALTH_CHECK = "health_check"
SAFETY_EDUCATION = "safety_education"


def invalid(message: str, code: str, field: str | None = None) -> ValidationError:
    """A service error with its stable code, on a field of the form when one is named."""
    error = ValidationError(message, code=code)
    return ValidationError({field: error}) if field else error
