"""Printed forms of training (spec 05), each under the company's own name: 培训签到记录表 (sign-in sheet with a
signature column), 专业培训考核表 (assessment), 员工培训履历表 (training history), the competence matrix and
年度培训计划表."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_GET

from approvals.selectors import chain_for
from audit.services import Access, access_log
from core.security import SecrecyLevel
from employees.selectors import employees_visible_to
from printing.render import pdf_response, render_pdf

from .history import history_for
from .selectors import plan_progress, plans_visible_to, sessions_visible_to
from .views import _employee, _matrix

SIGNIN_TITLE = "培训签到记录表"
ASSESSMENT_TITLE = "专业培训考核表"
HISTORY_TITLE = "员工培训履历表"
MATRIX_TITLE = "岗位能力矩阵表"
PLAN_TITLE = "年度培训计划表"


def _session(request, pk):
    return get_object_or_404(sessions_visible_to(request.user).select_related("plan_item__plan"), pk=pk)


def _participants(request, session):
    return list(
        session.participants.filter(employee__in=employees_visible_to(request.user)).select_related(
            "employee__department", "employee__position"
        )
    )


@require_GET
def signin_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    pdf = render_pdf(
        template="training/pdf/signin.html",
        context={"session": session, "participants": _participants(request, session)},
        title=SIGNIN_TITLE,
        form_number="TR-SI",
        classification=SecrecyLevel.INTERNAL,
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, obj=session, detail=SIGNIN_TITLE)
    return pdf_response(pdf, f"{SIGNIN_TITLE}-{session.pk}.pdf")


@require_GET
def assessment_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    pdf = render_pdf(
        template="training/pdf/assessment.html",
        context={"session": session, "participants": _participants(request, session)},
        title=ASSESSMENT_TITLE,
        form_number="TR-AS",
        classification=SecrecyLevel.INTERNAL,
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, obj=session, detail=ASSESSMENT_TITLE)
    return pdf_response(pdf, f"{ASSESSMENT_TITLE}-{session.pk}.pdf")


@require_GET
def history_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    employee = _employee(request.user, pk)
    pdf = render_pdf(
        template="training/pdf/history.html",
        context={"employee": employee, **history_for(employee)},
        title=HISTORY_TITLE,
        form_number="TR-HI",
        classification=SecrecyLevel.INTERNAL,
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, obj=employee, detail=HISTORY_TITLE)
    return pdf_response(pdf, f"{HISTORY_TITLE}-{employee.number}.pdf")


@require_GET
def matrix_pdf(request: HttpRequest) -> HttpResponse:
    data = _matrix(request)
    pdf = render_pdf(
        template="training/pdf/matrix.html",
        context=data,
        title=MATRIX_TITLE,
        form_number="TR-MX",
        classification=SecrecyLevel.INTERNAL,
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, obj=data["department"], detail=MATRIX_TITLE)
    return pdf_response(pdf, f"{MATRIX_TITLE}.pdf")


@require_GET
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    pdf = render_pdf(
        template="training/pdf/plan.html",
        context={"plan": plan, "items": plan_progress(plan)},
        title=PLAN_TITLE,
        form_number="TR-PL",
        classification=SecrecyLevel.INTERNAL,
        approval_chain=chain_for(plan),
        request=request,
    )
    return pdf_response(pdf, f"{PLAN_TITLE}-{plan.year}.pdf")


DEPARTMENT_FORMS = {
    # form code: (title, template)
    "analysis": ("岗位技能分析表", "training/pdf/analysis.html"),
    "assessment": ("员工技能考核表", "training/pdf/skill_assessment.html"),
    "scoring": ("员工技能评测表", "training/pdf/skill_scoring.html"),
    "result": ("员工能力评价表", "training/pdf/skill_result.html"),
}


@require_GET
def department_form_pdf(request: HttpRequest, form: str) -> HttpResponse:
    """The yearly competence forms of a department, each under its own name (spec 05)."""
    from .selectors import post_skill_analysis

    if form not in DEPARTMENT_FORMS:
        raise Http404
    title, template = DEPARTMENT_FORMS[form]
    data = _matrix(request)
    context = {**data, "year": timezone.localdate().year}
    if form == "analysis" and data["department"] is not None:
        context["analysis"] = post_skill_analysis(data["department"])
    pdf = render_pdf(
        template=template,
        context=context,
        title=title,
        form_number=f"TR-{form[:2].upper()}",
        classification=SecrecyLevel.INTERNAL,
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, obj=data["department"], detail=title)
    return pdf_response(pdf, f"{title}.pdf")


@require_GET
def review_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from org.selectors import departments_visible_to

    from .models import CompetenceReview
    from .selectors import post_skill_analysis

    review = get_object_or_404(
        CompetenceReview.objects.filter(department__in=departments_visible_to(request.user)).select_related(
            "department"
        ),
        pk=pk,
    )
    pdf = render_pdf(
        template="training/pdf/review.html",
        context={"review": review, "analysis": post_skill_analysis(review.department)},
        title="岗位胜任评价表",
        form_number="TR-CR",
        classification=SecrecyLevel.INTERNAL,
        approval_chain=chain_for(review),
        request=request,
    )
    return pdf_response(pdf, f"岗位胜任评价表-{review.department.name}-{review.year}.pdf")
