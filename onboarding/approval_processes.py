"""The conversion (转正) goes through the "probation_conversion" flow (spec 02): department head → HR manager
(→ general manager for staff grade and above, who carry a salary adjustment). A termination in probation is a
separation case of offboarding: its adapter (offboarding.approval_processes) picks the "probation_termination"
flow for it."""

from django.utils.translation import gettext_lazy as _

from approvals import conditions, registry
from employees.pdf import register_salary_slip_source
from org.models import PositionCategory

from . import services
from .models import Conversion

FLOW_CODE = "probation_conversion"


def _summary(conversion: Conversion) -> dict:
    case = conversion.case
    employee = case.employee
    review = conversion.review
    return {
        _("Employee"): str(employee),
        _("Department"): employee.department.name,
        _("Position"): str(employee.position),
        _("Start date"): case.start_date,
        _("Probation ends on"): case.probation_end,
        _("Conditions of employment (录用条件)"): case.conditions,
        _("Review total (4–20)"): review.total,
        _("Meets the conditions of employment"): _("Yes") if review.conditions_met else _("No"),
        _("Salary in probation (yuan)"): registry.Secret(conversion.old_salary),
        _("New salary (yuan)"): registry.Secret(conversion.new_salary),
        _("Effective date"): conversion.effective_date,
    }


registry.register(
    Conversion,
    flow_code=FLOW_CODE,
    on_approved=services.conversion_on_approved,
    on_rejected=services.conversion_on_rejected,
    on_returned=services.conversion_on_returned,
    on_withdrawn=services.conversion_on_withdrawn,
    on_resubmitted=services.conversion_on_resubmitted,
    department_of=lambda conversion: conversion.case.employee.department,
    conditions={
        conditions.STAFF_GRADE_OR_ABOVE: lambda c: c.case.employee.position.category != PositionCategory.FRONTLINE,
        conditions.MANAGER_LEVEL_POSITION: lambda c: c.case.employee.position.category == PositionCategory.MANAGER,
    },
    context=_summary,
    # Who raised it, and the employee being converted (a department head on probation never decides his own).
    people_of=lambda conversion: [conversion.created_by_id, conversion.case.employee.user_id],
    reads_secret=True,
)


def _conversion_of(change):
    """The employee page's 调薪单 of a conversion's salary change prints the conversion's approval chain."""
    return Conversion.objects.filter(salary_change=change).first()


register_salary_slip_source(_conversion_of)
