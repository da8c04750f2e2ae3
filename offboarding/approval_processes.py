"""A resignation notice goes through the "resignation" flow (spec 02): the department head acknowledges → the HR
manager confirms the last day (→ the general manager is informed for manager-level posts). Every step is an
acknowledgement: nobody can refuse a resignation (art. 37).

A termination in probation (试用不合格, art. 39(1)), proposed from the onboarding case, goes through the
"probation_termination" flow (department head → HR manager), which can refuse it; onboarding's hooks keep its
probation in step with the decision. Other company decisions are not submitted to a flow."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from approvals import conditions, registry
from onboarding.services import probation as onboarding_probation
from org.models import PositionCategory

from . import services
from .models import SeparationCase, SeparationType

FLOW_CODE = "resignation"
PROBATION_FLOW_CODE = "probation_termination"


def _is_probation(case: SeparationCase) -> bool:
    return case.separation_type == SeparationType.PROBATION


def _flow_code(case: SeparationCase) -> str:
    return PROBATION_FLOW_CODE if _is_probation(case) else FLOW_CODE


def _per_type(probation_hook, resignation_hook):
    def hook(case, request, by):
        (probation_hook if _is_probation(case) else resignation_hook)(case, request, by)

    return hook


def _probation_resubmit_refused(case, request, by):
    raise ValidationError(
        _("A returned termination in probation is closed: propose a new one from the onboarding case."),
        code="termination_closed",
    )


def _probation_summary(case: SeparationCase) -> dict:
    from onboarding.models import OnboardingCase

    employee = case.employee
    onboarding = OnboardingCase.objects.filter(employee=employee).order_by("-pk").first()
    summary = {
        _("Employee"): str(employee),
        _("Department"): employee.department.name,
        _("Position"): str(employee.position),
    }
    if onboarding is not None:
        summary[_("Start date")] = onboarding.start_date
        summary[_("Probation ends on")] = onboarding.probation_end
        summary[_("Conditions of employment (录用条件)")] = onboarding.conditions
    summary[_("How the conditions were not met (不符合录用条件, art. 39(1))")] = case.reason_text
    summary[_("Separation date")] = case.requested_last_day
    summary[_("Trade union informed on (art. 43)")] = case.union_informed_on
    return summary


def _summary(case: SeparationCase) -> dict:
    if _is_probation(case):
        return _probation_summary(case)
    employee = case.employee
    summary = {
        _("Employee"): str(employee),
        _("Department"): employee.department.name,
        _("Position"): str(employee.position),
        _("Hire date"): employee.hire_date,
        _("Notice given on"): case.notice_on,
        _("Reason"): case.get_reason_display(),
        _("Reason in words"): case.reason_text,
        _("Earliest last day by the notice rules"): case.earliest_last_day,
        _("Requested last working day"): case.requested_last_day,
    }
    if case.earlier_by_agreement:
        summary[_("Earlier day")] = _("Earlier than the notice rules: confirming it records the company's agreement.")
    if case.secrecy_notice_months:
        summary[_("Secrecy notice period (months)")] = case.secrecy_notice_months
    if case.on_paper:
        summary[_("Received on paper")] = _("Entered by HR on the employee's behalf")
    return summary


registry.register(
    SeparationCase,
    flow_code=_flow_code,
    on_approved=_per_type(onboarding_probation.termination_on_approved, services.case_on_approved),
    on_rejected=_per_type(onboarding_probation.termination_on_rejected, services.case_on_rejected),
    on_returned=_per_type(onboarding_probation.termination_on_returned, services.case_on_returned),
    on_withdrawn=_per_type(onboarding_probation.termination_on_withdrawn, services.case_on_withdrawn),
    on_resubmitted=_per_type(_probation_resubmit_refused, services.case_on_resubmitted),
    department_of=lambda case: case.employee.department,
    conditions={
        conditions.MANAGER_LEVEL_POSITION: lambda c: c.employee.position.category == PositionCategory.MANAGER,
    },
    context=_summary,
    people_of=lambda case: [case.employee.user_id, case.created_by_id],
)
