"""Printed forms of the KPI review (spec 06/10): the KPI sheet (KPI考核表) with its steps, the improvement plan
(绩效改进计划) and the department summary with its grade-distribution chart (drawn as SVG on the server)."""

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from audit.services import Access, access_log
from core.security import SecrecyLevel
from printing.render import pdf_response, render_pdf

from . import policies
from .models import ImprovementPlan
from .selectors import sheets_visible_to

SHEET_TITLE = "KPI考核表"
SHEET_FORM_CODE = "KPI"
PLAN_TITLE = "绩效改进计划"
PLAN_FORM_CODE = "PIP"
SUMMARY_TITLE = "部门绩效等级分布汇总表"
SUMMARY_FORM_CODE = "KPS"


def _sheet(request, pk):
    return get_object_or_404(
        sheets_visible_to(request.user).select_related("employee", "department", "position", "cycle", "template"),
        pk=pk,
    )


@require_GET
def sheet_pdf(request, pk):
    sheet = _sheet(request, pk)
    pdf = render_pdf(
        template="performance/pdf/sheet.html",
        context={
            "sheet": sheet,
            "items": list(sheet.items.all()),
            "steps": list(sheet.steps.select_related("by")),
            "show_result": policies.can_see_result(request.user, sheet).allowed,
        },
        title=SHEET_TITLE,
        form_number=SHEET_FORM_CODE,
        classification=SecrecyLevel.INTERNAL,
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, obj=sheet, detail=SHEET_TITLE)
    return pdf_response(pdf, f"{SHEET_TITLE}-{sheet.employee.number}-{sheet.cycle_id}.pdf")


@require_GET
def plan_pdf(request, pk):
    sheet = _sheet(request, pk)
    policies.can_see_result(request.user, sheet).enforce()
    plan = get_object_or_404(ImprovementPlan.objects.select_related("owner", "created_by"), sheet=sheet)
    pdf = render_pdf(
        template="performance/pdf/plan.html",
        context={"sheet": sheet, "plan": plan},
        title=PLAN_TITLE,
        form_number=PLAN_FORM_CODE,
        classification=SecrecyLevel.INTERNAL,
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, obj=plan, detail=PLAN_TITLE)
    return pdf_response(pdf, f"{PLAN_TITLE}-{sheet.employee.number}.pdf")


def summary_pdf(request, cycle, data, chart):
    pdf = render_pdf(
        template="performance/pdf/summary.html",
        context={"cycle": cycle, "data": data, "chart": chart},
        title=SUMMARY_TITLE,
        form_number=SUMMARY_FORM_CODE,
        classification=SecrecyLevel.INTERNAL,
        request=request,
    )
    return pdf_response(pdf, f"{SUMMARY_TITLE}-{cycle.pk}.pdf")
