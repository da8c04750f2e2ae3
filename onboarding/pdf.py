"""Printed forms of onboarding and probation (spec 04/10): 员工试用期评估表, 试用转正工作报告,
员工试用考核转正审批表, 调薪单 and 试用期解除劳动合同审批表. The registration form (员工资料登记表) is
employees' and is linked from the case page.

Salary figures are secret: the 调薪单 prints only for users who see secret HR data, and the approval form
masks the salaries for everyone else.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from approvals.selectors import chain_for
from audit.services import Access, access_log
from core.security import MASK, SecrecyLevel
from employees.pdf import SALARY_SLIP_TITLE, render_salary_slip
from printing.render import pdf_response, render_pdf

from . import policies
from .models import Conversion, ProbationReview, Recommendation, SelfReport
from .selectors import cases_visible_to, probation_terminations
from .services import latest_review

REVIEW_TITLE = "员工试用期评估表"
REVIEW_FORM_CODE = "PR"
SELF_REPORT_TITLE = "试用转正工作报告"
SELF_REPORT_FORM_CODE = "SR"
CONVERSION_TITLE = "员工试用考核转正审批表"
CONVERSION_FORM_CODE = "CV"
TERMINATION_TITLE = "试用期解除劳动合同审批表"
TERMINATION_FORM_CODE = "PT"


def _case(request, pk):
    return get_object_or_404(
        cases_visible_to(request.user).select_related("employee__department", "employee__position"), pk=pk
    )


def _conversion(request, pk, conversion_pk) -> Conversion:
    case = _case(request, pk)
    return get_object_or_404(
        Conversion.objects.select_related("review__reviewer", "created_by").filter(case=case), pk=conversion_pk
    )


@require_GET
def review_pdf(request: HttpRequest, pk: int, review_pk: int) -> HttpResponse:
    case = _case(request, pk)
    review = get_object_or_404(ProbationReview.objects.select_related("reviewer"), pk=review_pk, case=case)
    pdf = render_pdf(
        template="onboarding/pdf/review.html",
        context={"case": case, "employee": case.employee, "review": review},
        title=REVIEW_TITLE,
        form_number=REVIEW_FORM_CODE,
        classification=SecrecyLevel.INTERNAL,
        request=request,
    )
    return pdf_response(pdf, f"{REVIEW_TITLE}-{case.employee.number}.pdf")


@require_GET
def self_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    report = SelfReport.objects.filter(case=case).select_related("submitted_by").first()
    if report is None:
        raise Http404
    pdf = render_pdf(
        template="onboarding/pdf/self_report.html",
        context={"case": case, "employee": case.employee, "report": report},
        title=SELF_REPORT_TITLE,
        form_number=SELF_REPORT_FORM_CODE,
        classification=SecrecyLevel.INTERNAL,
        request=request,
    )
    return pdf_response(pdf, f"{SELF_REPORT_TITLE}-{case.employee.number}.pdf")


@require_GET
def conversion_pdf(request: HttpRequest, pk: int, conversion_pk: int) -> HttpResponse:
    """The approval form: review summary, the conditions, the slip (salaries masked without clearance), chain."""
    conversion = _conversion(request, pk, conversion_pk)
    case = conversion.case
    secret = request.user.sees_secret_hr_data
    pdf = render_pdf(
        template="onboarding/pdf/conversion.html",
        context={
            "case": case,
            "employee": case.employee,
            "conversion": conversion,
            "review": conversion.review,
            "old_salary": conversion.old_salary if secret else MASK,
            "new_salary": conversion.new_salary if secret else MASK,
        },
        title=CONVERSION_TITLE,
        form_number=CONVERSION_FORM_CODE,
        classification=SecrecyLevel.SECRET if secret else SecrecyLevel.INTERNAL,
        approval_chain=chain_for(conversion),
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, obj=conversion, detail=CONVERSION_TITLE)
    return pdf_response(pdf, f"{CONVERSION_TITLE}-{case.employee.number}.pdf")


@require_GET
def salary_slip_pdf(request: HttpRequest, pk: int, conversion_pk: int) -> HttpResponse:
    policies.can_print_salary_slip(request.user).enforce()
    conversion = _conversion(request, pk, conversion_pk)
    case = conversion.case
    # The one 调薪单 of every salary change (employees.pdf), with the conversion's figures and its chain.
    pdf = render_salary_slip(
        employee=case.employee,
        previous_salary=conversion.old_salary,
        new_salary=conversion.new_salary,
        effective_date=conversion.effective_date,
        reason="试用期满转正调薪",
        status=conversion.get_status_display(),
        approval_chain=chain_for(conversion),
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, obj=conversion, detail=SALARY_SLIP_TITLE)
    return pdf_response(pdf, f"{SALARY_SLIP_TITLE}-{case.employee.number}.pdf")


@require_GET
def termination_pdf(request: HttpRequest, pk: int, termination_pk: int) -> HttpResponse:
    """试用期解除劳动合同审批表: the reason against the conditions, the trade union informed, the approval chain."""
    case = _case(request, pk)
    policies.can_print_termination(request.user, case).enforce()
    termination = get_object_or_404(probation_terminations(case).select_related("created_by"), pk=termination_pk)
    review = latest_review(case)
    pdf = render_pdf(
        template="onboarding/pdf/termination.html",
        context={
            "case": case,
            "employee": case.employee,
            "termination": termination,
            "review": review if review is not None and review.recommendation == Recommendation.TERMINATE else None,
        },
        title=TERMINATION_TITLE,
        form_number=TERMINATION_FORM_CODE,
        classification=SecrecyLevel.INTERNAL,
        approval_chain=chain_for(termination),
        request=request,
    )
    return pdf_response(pdf, f"{TERMINATION_TITLE}-{case.employee.number}.pdf")
