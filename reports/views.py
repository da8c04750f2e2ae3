"""The report pages: each report as a page with its chart, an xlsx file and a printed PDF (the chart as SVG).
Exports and prints are logged as accesses."""

import tablib
from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from audit.services import Access, access_log
from core.spreadsheets import xlsx_download
from employees.models import Employee
from printing.render import PRINT_LANGUAGE, pdf_response, render_pdf

from . import policies
from .reports import REPORTS

FORM_CODE = "RPT"


def _report(request, code):
    report = REPORTS.get(code)
    if report is None:
        raise Http404
    policies.can_view_report(request.user, report).enforce()
    return report


@require_GET
def report_list(request):
    policies.can_view_reports(request.user).enforce()
    reports = [r for r in REPORTS.values() if policies.can_view_report(request.user, r)]
    return render(request, "reports/report_list.html", {"reports": reports})


@require_GET
def report_detail(request, code):
    report = _report(request, code)
    return render(request, "reports/report_detail.html", {"report": report, "data": report.build(request.user)})


@require_GET
def report_xlsx(request, code):
    report = _report(request, code)
    data = report.build(request.user)
    dataset = tablib.Dataset(*data.rows, headers=[str(h) for h in data.headers], title=str(report.title)[:31])
    return xlsx_download(request, dataset, filename=str(report.title), model=Employee, detail=str(report.title))


@require_GET
def report_pdf(request, code):
    report = _report(request, code)
    with translation.override(PRINT_LANGUAGE):
        title = str(report.title)
        data = report.build(request.user)
    pdf = render_pdf(
        template="reports/pdf/report.html",
        context={"data": data, "chart_svg": data.chart.svg()},
        title=title,
        form_number=FORM_CODE,
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, model=Employee, count=len(data.rows), detail=title)
    return pdf_response(pdf, f"report-{code}.pdf")
