"""Printed forms of offboarding (spec 07/10): 员工离职申请表, 离职交接清单, 离职证明 and the exit interview record
(离职面谈记录). Each print is logged; the case is found through the scoped selector (out of scope → 404)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from approvals.selectors import chain_for
from audit.services import Access, access_log
from core.security import SecrecyLevel
from employees.labour_law import service_years_text
from employees.models import LabourContract
from printing.render import pdf_response, render_pdf

from . import policies
from .models import ExitInterview
from .selectors import cases_visible_to

NOTICE_TITLE = "员工离职申请表"
NOTICE_CODE = "LZ"
HANDOVER_TITLE = "离职交接清单"
HANDOVER_CODE = "JJ"
CERTIFICATE_TITLE = "离职证明"
CERTIFICATE_CODE = "ZM"
INTERVIEW_TITLE = "离职面谈记录"
INTERVIEW_CODE = "MT"


def _case(request, pk):
    return get_object_or_404(
        cases_visible_to(request.user).select_related("employee__department", "employee__position"), pk=pk
    )


def _pdf(request, case, *, template, title, code, context=None, chain=None) -> HttpResponse:
    pdf = render_pdf(
        template=template,
        context={"case": case, "employee": case.employee, **(context or {})},
        title=title,
        form_number=code,
        classification=SecrecyLevel.INTERNAL,
        approval_chain=chain,
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, obj=case, detail=title)
    return pdf_response(pdf, f"{title}-{case.employee.number}.pdf")


@require_GET
def notice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    if not case.is_resignation:
        raise Http404
    return _pdf(
        request,
        case,
        template="offboarding/pdf/notice.html",
        title=NOTICE_TITLE,
        code=NOTICE_CODE,
        chain=chain_for(case),
    )


@require_GET
def handover_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    items = case.handover_items.select_related("done_by", "handed_to")
    return _pdf(
        request,
        case,
        template="offboarding/pdf/handover.html",
        title=HANDOVER_TITLE,
        code=HANDOVER_CODE,
        context={"items": items},
    )


@require_GET
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The certificate of termination (art. 50; Implementing Regulations art. 24): contract term, termination
    date, position and years of service — issued whatever the state of the handover."""
    case = _case(request, pk)
    policies.can_print_certificate(request.user, case).enforce()
    employee = case.employee
    contract = (
        LabourContract.objects.filter(employee=employee, start_date__lte=case.day).order_by("-start_date").first()
    )
    return _pdf(
        request,
        case,
        template="offboarding/pdf/certificate.html",
        title=CERTIFICATE_TITLE,
        code=CERTIFICATE_CODE,
        context={"contract": contract, "service": service_years_text(employee.hire_date, case.day)},
    )


@require_GET
def interview_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    if case.employee.user_id == request.user.pk:
        raise Http404
    interview = get_object_or_404(ExitInterview.objects.select_related("interviewer"), case=case)
    return _pdf(
        request,
        case,
        template="offboarding/pdf/interview.html",
        title=INTERVIEW_TITLE,
        code=INTERVIEW_CODE,
        context={"interview": interview},
    )
