"""A resignation notice goes through the "resignation" flow (spec 02): the department head acknowledges → the HR
manager confirms the last day (→ the general manager is informed for manager-level posts). Every step is an
acknowledgement: nobody can refuse a resignation (art. 37)."""

from django.utils.translation import gettext_lazy as _

from approvals import conditions, registry
from org.models import PositionCategory

from . import services
from .models import SeparationCase

FLOW_CODE = "resignation"


def _summary(case: SeparationCase) -> dict:
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
    flow_code=FLOW_CODE,
    on_approved=services.case_on_approved,
    on_rejected=services.case_on_rejected,
    on_returned=services.case_on_returned,
    on_withdrawn=services.case_on_withdrawn,
    on_resubmitted=services.case_on_resubmitted,
    department_of=lambda case: case.employee.department,
    conditions={
        conditions.MANAGER_LEVEL_POSITION: lambda c: c.employee.position.category == PositionCategory.MANAGER,
    },
    context=_summary,
    people_of=lambda case: [case.employee.user_id, case.created_by_id],
)
