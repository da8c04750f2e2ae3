"""The printed summary report (员工满意度调查表总结报告): results by department and question with the charts as
SVG, and HR's conclusions and actions. Each reader prints what they may see (the same results as the page)."""

from django.http import HttpResponse

from audit.services import Access, access_log
from core.security import SecrecyLevel
from printing.render import pdf_response, render_pdf

REPORT_TITLE = "员工满意度调查表总结报告"
REPORT_FORM_CODE = "ES"


def render_report(request, survey, context: dict) -> HttpResponse:
    pdf = render_pdf(
        template="survey/pdf/report.html",
        context=context,
        title=REPORT_TITLE,
        form_number=REPORT_FORM_CODE,
        classification=SecrecyLevel.INTERNAL,
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, obj=survey, detail=REPORT_TITLE)
    return pdf_response(pdf, f"{REPORT_TITLE}-{survey.year}.pdf")
