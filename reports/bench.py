"""Benchmark pages of the reports (see benchmarks/registry.py): each report's page, xlsx and print; the roster,
its export and the search box (issue 23's desk pages)."""

from django.urls import reverse
from django.utils.http import urlencode

from benchmarks.registry import Page

from . import policies
from .reports import REPORTS


def pages(user) -> list[Page]:
    if not policies.can_view_reports(user):
        return []
    found = [Page("Reports", reverse("reports:report_list"), "list")]
    for report in REPORTS.values():
        if not policies.can_view_report(user, report):
            continue
        found += [
            Page(f"Report: {report.code}", reverse("reports:report_detail", args=[report.code]), "detail"),
            Page(f"Report xlsx: {report.code}", reverse("reports:report_xlsx", args=[report.code]), "pdf"),
            Page(f"PDF: report {report.code}", reverse("reports:report_pdf", args=[report.code]), "pdf"),
        ]
    found += [
        Page("Roster", reverse("employees:roster"), "list"),
        Page("Roster, sorted by name", f"{reverse('employees:roster')}?sort=-name", "list"),
        Page("Export: roster (xlsx)", reverse("employees:roster_export"), "pdf"),
        Page("Search box: pinyin initials", f"{reverse('search')}?{urlencode({'q': 'zw'})}", "list"),
        Page("Search box: surname", f"{reverse('search')}?{urlencode({'q': '王'})}", "list"),
    ]
    return found
