"""Benchmark pages of the KPI review (see benchmarks/registry.py for the convention)."""

from django.db.models import Count
from django.urls import reverse

from benchmarks.registry import Page, list_pages

from . import policies
from .models import Cycle, ImprovementPlan, KpiTemplate, PeerFeedback, SheetStatus
from .selectors import plan_grades, sheets_visible_to, uses_team_pages


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
    found += _sheet_form_pages(user, sheets)
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
        if cycle is not None:
            found.append(
                Page("Export: KPI cycle results (xlsx)", reverse("performance:cycle_export", args=[cycle.pk]), "pdf")
            )
        editable = next((c for c in Cycle.objects.order_by("-pk")[:20] if policies.can_edit_cycle(user, c)), None)
        if editable is not None:
            found.append(Page("Review cycle form, edit", reverse("performance:cycle_edit", args=[editable.pk]), "form"))
    return found


def _sheet_form_pages(user, sheets) -> list[Page]:
    """Each step's form on a recent sheet the step's policy lets this user fill in."""
    low = plan_grades()
    recent = []
    for status in SheetStatus.values:
        recent += sheets.filter(status=status).select_related("employee", "cycle").order_by("-pk")[:30]
    found: list[Page] = []
    for label, name, allowed in (
        ("KPI sheet: agree the goals (form)", "performance:sheet_goals", policies.can_agree_goals),
        ("KPI sheet: self-assessment (form)", "performance:sheet_self", policies.can_self_assess),
        ("KPI sheet: manager scoring (form)", "performance:sheet_score", policies.can_score),
        ("KPI sheet: feedback interview (form)", "performance:sheet_interview", policies.can_record_interview),
        ("KPI sheet: acknowledge (form)", "performance:sheet_acknowledge", policies.can_acknowledge),
        ("KPI sheet: HR calibration (form)", "performance:sheet_calibrate", policies.can_calibrate),
        ("KPI sheet: change a locked sheet (form)", "performance:sheet_amend", policies.can_amend_locked),
        ("KPI sheet: ask colleagues (form)", "performance:sheet_peers", policies.can_request_peers),
        ("KPI sheet: consequences (form)", "performance:sheet_consequences", policies.can_record_consequences),
        (
            "Improvement plan form, new",
            "performance:plan_create",
            lambda user, sheet: policies.can_create_plan(user, sheet, low_grades=low),
        ),
    ):
        sheet = next((sheet for sheet in recent if allowed(user, sheet)), None)
        if sheet is not None:
            found.append(Page(label, reverse(name, args=[sheet.pk]), "form"))
    peers = PeerFeedback.objects.filter(reviewer__user=user, answered_at__isnull=True).select_related(
        "reviewer", "sheet"
    )
    peer = next((peer for peer in peers.order_by("-pk")[:20] if policies.can_answer_peer(user, peer)), None)
    if peer is not None:
        found.append(Page("Peer feedback answer form", reverse("performance:peer_answer", args=[peer.pk]), "form"))
    return found
