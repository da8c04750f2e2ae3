"""Benchmark pages of the KPI review (see benchmarks/registry.py for the convention)."""

from django.db.models import Count
from django.urls import reverse

from benchmarks.registry import Page, list_pages

from .models import Cycle, ImprovementPlan, KpiTemplate, SheetStatus
from .selectors import sheets_visible_to, uses_team_pages


def pages(user) -> list[Page]:
    if not user.is_authenticated:
        return []
    sheets = sheets_visible_to(user)
    # The heaviest sheet: the one with the most steps.
    heaviest = sheets.annotate(n=Count("steps")).order_by("-n", "pk").first()
    found = list_pages(
        "KPI sheets",
        "performance:sheet_list",
        total=sheets.count(),
        filters={"status": SheetStatus.LOCKED, "grade": "C"},
        search=heaviest.employee.name[:1] if heaviest else "",
    )
    if heaviest is not None:
        found += [
            Page("KPI sheet detail (most steps)", heaviest.get_absolute_url(), "detail"),
            Page("PDF: KPI sheet (KPI考核表)", reverse("performance:sheet_pdf", args=[heaviest.pk]), "pdf"),
        ]
    plan = ImprovementPlan.objects.filter(sheet__in=sheets).order_by("-pk").first()
    if plan is not None:
        found += [
            Page("Improvement plan", reverse("performance:plan_detail", args=[plan.sheet_id]), "detail"),
            Page("PDF: improvement plan (绩效改进计划)", reverse("performance:plan_pdf", args=[plan.sheet_id]), "pdf"),
        ]
    found.append(Page("Peer feedback asked of me", reverse("performance:peer_list"), "list"))
    if not uses_team_pages(user):
        return found
    cycle = Cycle.objects.exclude(status=Cycle.Status.DRAFT).annotate(n=Count("sheets")).order_by("-n", "pk").first()
    found += [
        *list_pages("KPI review cycles", "performance:cycle_list", total=Cycle.objects.count()),
        *list_pages("KPI templates", "performance:template_list", total=KpiTemplate.objects.count()),
        Page("Grade table", reverse("performance:grade_table"), "form"),
    ]
    template = KpiTemplate.objects.filter(is_current=True).order_by("pk").first()
    if template is not None:
        found.append(Page("KPI template detail", template.get_absolute_url(), "detail"))
    if cycle is not None:
        found += [
            Page("KPI cycle detail (most sheets)", cycle.get_absolute_url(), "detail"),
            Page("KPI department summary", reverse("performance:cycle_summary", args=[cycle.pk]), "detail"),
            Page("PDF: department summary", reverse("performance:cycle_summary_pdf", args=[cycle.pk]), "pdf"),
        ]
    if user.is_hr:
        found += [
            Page("New KPI template", reverse("performance:template_create"), "form"),
            Page("New review cycle", reverse("performance:cycle_create"), "form"),
        ]
        if template is not None:
            found.append(
                Page("New KPI template version", reverse("performance:template_version", args=[template.pk]), "form")
            )
    return found
