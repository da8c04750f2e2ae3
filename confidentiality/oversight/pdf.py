"""Printed forms of oversight: the meeting handout register (会议资料发放登记表), the inspection record
(保密检查记录表) and the leak incident record (泄密事件处理记录表). Each is fetched through its scoped selector
(→ 404), asks its policy, carries the secrecy mark of what it shows, and every print is in the access log."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_GET

from audit.services import Access, access_log
from core.security import SecrecyLevel
from printing.render import pdf_response, render_pdf

from . import policies
from .models import VENUE_CHECKLIST
from .selectors import incidents_visible_to, inspections_visible_to, meetings_visible_to

HANDOUT_REGISTER_TITLE = "会议资料发放登记表"
HANDOUT_REGISTER_CODE = "BM"
INSPECTION_TITLE = "保密检查记录表"
INSPECTION_CODE = "BJ"
INCIDENT_TITLE = "泄密事件处理记录表"
INCIDENT_CODE = "XM"


@require_GET
def handout_register_pdf(request, pk):
    meeting = get_object_or_404(meetings_visible_to(request.user).select_related("organiser", "department"), pk=pk)
    policies.can_print_meeting(request.user, meeting).enforce()
    labels = {stage: dict(items) for stage, items in VENUE_CHECKLIST.items()}
    checks = list(meeting.venue_checks.select_related("checked_by").order_by("checked_at", "pk"))
    for check in checks:
        check.labels = [str(labels[check.stage].get(code, code)) for code in check.items]
    pdf = render_pdf(
        template="confidentiality_oversight/pdf/handout_register.html",
        context={
            "meeting": meeting,
            "attendees": list(meeting.attendees.select_related("user").order_by("pk")),
            "handouts": list(
                meeting.handouts.select_related("recipient", "issued_by", "collected_by").order_by("number")
            ),
            "checks": checks,
        },
        title=HANDOUT_REGISTER_TITLE,
        form_number=HANDOUT_REGISTER_CODE,
        classification=SecrecyLevel(meeting.level),
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, obj=meeting, detail=HANDOUT_REGISTER_TITLE)
    return pdf_response(pdf, f"{HANDOUT_REGISTER_TITLE}-{meeting.number}.pdf")


@require_GET
def inspection_pdf(request, pk):
    inspection = get_object_or_404(inspections_visible_to(request.user).select_related("created_by"), pk=pk)
    # Whoever sees the inspection (officers, management, its inspectors and action owners) may print it.
    pdf = render_pdf(
        template="confidentiality_oversight/pdf/inspection.html",
        context={
            "inspection": inspection,
            "departments": list(inspection.departments.order_by("path")),
            "inspectors": list(inspection.inspectors.order_by("username")),
            "actions": list(
                inspection.actions.select_related("department", "owner", "closed_by").order_by("due_on", "pk")
            ),
            "today": timezone.localdate(),
        },
        title=INSPECTION_TITLE,
        form_number=INSPECTION_CODE,
        classification=SecrecyLevel.INTERNAL,
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, obj=inspection, detail=INSPECTION_TITLE)
    return pdf_response(pdf, f"{INSPECTION_TITLE}-{inspection.planned_on:%Y%m%d}.pdf")


@require_GET
def incident_pdf(request, pk):
    incident = get_object_or_404(incidents_visible_to(request.user).select_related("reported_by", "decided_by"), pk=pk)
    policies.can_see_investigation(request.user, incident).enforce()
    pdf = render_pdf(
        template="confidentiality_oversight/pdf/incident.html",
        context={
            "incident": incident,
            "responsibilities": list(incident.responsibilities.select_related("person")),
            "rewards": list(incident.rewards.select_related("person")),
        },
        title=INCIDENT_TITLE,
        form_number=INCIDENT_CODE,
        classification=SecrecyLevel(max(incident.level or SecrecyLevel.SECRET, SecrecyLevel.SECRET)),
        request=request,
    )
    access_log(by=request.user, access=Access.PRINT, obj=incident, detail=INCIDENT_TITLE)
    return pdf_response(pdf, f"{INCIDENT_TITLE}-{incident.number}.pdf")
