"""Printed forms of people (spec 01/10): the employee registration form (员工资料登记表), the CV (员工履历表) and
the salary-adjustment slip (调薪单) of every salary change.

The registration form holds secret data (ID number, contract): it prints with the 秘密 mark, shows those fields
unmasked only to users who see secret HR data, and every print is written to the audit log. The CV does the same
when it shows secret data; the 调薪单 is secret and prints only for readers cleared for salaries.
"""

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from approvals.selectors import chain_for
from audit.services import Access, access_log
from core.security import MASK, SecrecyLevel, mask_birth_date, mask_id_number
from printing.render import pdf_response, render_pdf

from . import policies
from .models import Employee, JobChangeStatus, SalaryChange
from .selectors import employees_visible_to

REGISTRATION_TITLE = "员工资料登记表"
REGISTRATION_FORM_CODE = "ER"


@require_GET
def employee_registration_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The registration form of an employee the user may see (404 otherwise)."""
    employee = get_object_or_404(
        employees_visible_to(request.user).select_related("department", "position", "manager"), pk=pk
    )
    sees_secret = request.user.sees_secret_hr_data
    pdf = render_pdf(
        template="employees/pdf/registration.html",
        context={
            "employee": employee,
            "id_number": employee.id_number if sees_secret else mask_id_number(employee.id_number),
            "birth_date": employee.birth_date.strftime("%Y-%m-%d")
            if sees_secret
            else mask_birth_date(employee.birth_date),
            "contract": employee.contracts.order_by("-start_date", "-pk").first(),
            "sees_secret": sees_secret,
            "mask": MASK,
        },
        title=REGISTRATION_TITLE,
        form_number=REGISTRATION_FORM_CODE,
        classification=SecrecyLevel.SECRET,
        approval_chain=chain_for(employee),
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, obj=employee, detail=REGISTRATION_TITLE)
    return pdf_response(pdf, f"{REGISTRATION_TITLE}-{employee.number}.pdf")


# --- 调薪单: one template for every salary adjustment (a salary change, a job change, a conversion) -------------

SALARY_SLIP_TITLE = "调薪单"
SALARY_SLIP_FORM_CODE = "SA"
SALARY_SLIP_TEMPLATE = "employees/pdf/salary_slip.html"

# Processes whose approved request wrote a salary change say which of their objects did (its approval chain prints
# as the slip's signature block): finder(salary_change) -> the approved object, or None.
SalarySlipSource = Callable[[SalaryChange], object | None]
_slip_sources: dict[str, SalarySlipSource] = {}


def register_salary_slip_source(finder: SalarySlipSource) -> None:
    _slip_sources[f"{finder.__module__}.{finder.__qualname__}"] = finder


def _job_change_of(change: SalaryChange):
    return getattr(change, "job_change", None)


register_salary_slip_source(_job_change_of)


def salary_slip_source(change: SalaryChange):
    for finder in _slip_sources.values():
        source = finder(change)
        if source is not None:
            return source
    return None


def render_salary_slip(
    *,
    employee: Employee,
    new_salary: Decimal,
    effective_date: datetime.date,
    reason: str,
    previous_salary: Decimal | None = None,
    status: str = "",
    approval_chain: list | None = None,
    request=None,
) -> bytes:
    """The 调薪单 as PDF bytes, for any process that adjusts a salary (onboarding's conversion calls this with the
    conversion's figures and chain). Secret: callers check the reader's clearance first."""
    return render_pdf(
        template=SALARY_SLIP_TEMPLATE,
        context={
            "employee": employee,
            "previous_salary": previous_salary,
            "new_salary": new_salary,
            "effective_date": effective_date,
            "reason": reason,
            "status": status,
        },
        title=SALARY_SLIP_TITLE,
        form_number=SALARY_SLIP_FORM_CODE,
        classification=SecrecyLevel.SECRET,
        approval_chain=approval_chain,
        request=request,
    )


@require_GET
def salary_slip_pdf(request: HttpRequest, pk: int, change_pk: int) -> HttpResponse:
    """The 调薪单 of one entry of an employee's salary history (readers cleared for salaries only)."""
    policies.can_see_salary(request.user).enforce()
    employee = get_object_or_404(employees_visible_to(request.user).select_related("department", "position"), pk=pk)
    change = get_object_or_404(SalaryChange.objects.filter(employee=employee), pk=change_pk)
    source = salary_slip_source(change)
    pdf = render_salary_slip(
        employee=employee,
        previous_salary=change.previous_salary,
        new_salary=change.new_salary,
        effective_date=change.effective_date,
        reason=change.reason,
        approval_chain=chain_for(source) if source is not None else None,
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, obj=change, detail=SALARY_SLIP_TITLE)
    return pdf_response(pdf, f"{SALARY_SLIP_TITLE}-{employee.number}-{change.effective_date:%Y%m%d}.pdf")


# --- 员工履历表: the CV filled from the record ------------------------------------------------------------------

CV_TITLE = "员工履历表"
CV_FORM_CODE = "RS"


@require_GET
def employee_cv_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The CV of an employee the user may see (404 otherwise): personal details, education, the work history in
    the company (hire, job changes in effect) and, for readers cleared for secret data, the labour contracts —
    then it carries the 秘密 mark and the print is audit-logged."""
    employee = get_object_or_404(
        employees_visible_to(request.user).select_related("department", "position", "manager"), pk=pk
    )
    sees_secret = request.user.sees_secret_hr_data
    job_changes = employee.job_changes.filter(status=JobChangeStatus.EFFECTIVE).select_related(
        "from_department", "from_position", "to_department", "to_position"
    )
    pdf = render_pdf(
        template="employees/pdf/cv.html",
        context={
            "employee": employee,
            "id_number": employee.id_number if sees_secret else mask_id_number(employee.id_number),
            "job_changes": sorted(job_changes, key=lambda change: (change.effective_date, change.pk)),
            "contracts": list(employee.contracts.order_by("start_date", "pk")) if sees_secret else None,
            "sees_secret": sees_secret,
            "mask": MASK,
        },
        title=CV_TITLE,
        form_number=CV_FORM_CODE,
        classification=SecrecyLevel.SECRET if sees_secret else SecrecyLevel.INTERNAL,
        request=request,
    )
    if sees_secret:
        access_log(by=request.user, access=Access.PRINT, obj=employee, detail=CV_TITLE)
    return pdf_response(pdf, f"{CV_TITLE}-{employee.number}.pdf")
