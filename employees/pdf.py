"""Printed forms of people: the employee registration form (员工资料登记表, spec 01/10).

The form holds secret data (ID number, contract): it prints with the 秘密 mark, shows those fields
unmasked only to users who see secret HR data, and every print is written to the audit log.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from approvals.selectors import chain_for
from audit.services import Access, access_log
from core.security import MASK, SecrecyLevel, mask_id_number
from printing.render import pdf_response, render_pdf

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
