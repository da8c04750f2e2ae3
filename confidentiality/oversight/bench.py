"""Benchmark pages of oversight (see benchmarks/registry.py): every list, detail, form and PDF page the user
reaches, objects picked through the scoped selectors (the heaviest where it matters)."""

from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode

from benchmarks.registry import Page, list_pages

from . import policies
from .models import CorrectiveAction, Incident, Inspection, Medium
from .selectors import incidents_visible_to, inspections_visible_to, is_officer, media_visible_to, meetings_visible_to

NAME = "confidentiality_oversight:"


def _url(name, *args) -> str:
    return reverse(NAME + name, args=args)


def pages(user) -> list[Page]:
    if not user.is_authenticated:
        return []
    return [*_meeting_pages(user), *_incident_pages(user), *_inspection_pages(user), *_media_pages(user)]


def _meeting_pages(user) -> list[Page]:
    meetings = meetings_visible_to(user)
    found: list[Page] = []
    if policies.can_schedule_meeting(user):
        found.append(Page("Classified meeting form", _url("meeting_create"), "form"))
    heaviest = meetings.annotate(n=Count("handouts")).order_by("-n", "-pk").first()
    if heaviest is None:
        return found
    found += list_pages(
        "Classified meetings", NAME + "meeting_list", total=meetings.count(), filters={"uncollected": 1}, search="会"
    )
    found.append(Page("Classified meeting detail (most handouts)", heaviest.get_absolute_url(), "detail"))
    if policies.can_print_meeting(user, heaviest):
        found.append(
            Page("PDF: meeting handout register (会议资料发放登记表)", _url("handout_register_pdf", heaviest.pk), "pdf")
        )
    managed = next((m for m in meetings.order_by("-starts_at")[:20] if policies.can_manage_meeting(user, m)), None)
    if managed is not None:
        found += [
            Page("Meeting edit form", _url("meeting_edit", managed.pk), "form"),
            Page("Venue check form", _url("venue_check", managed.pk, "before"), "form"),
            Page("Handout issue form", _url("handouts_issue", managed.pk), "form"),
            Page("Meeting minutes form", _url("minutes_record", managed.pk), "form"),
        ]
    return found


def _incident_pages(user) -> list[Page]:
    incidents = incidents_visible_to(user)
    found = [
        *list_pages("Leak incidents", NAME + "incident_list", total=incidents.count(), filters={"open": 1}),
        Page("Leak report form", _url("incident_report"), "form"),
    ]
    incident = incidents.annotate(n=Count("responsibilities")).order_by("-n", "-pk").first()
    if incident is None:
        return found
    found.append(Page("Leak incident detail", incident.get_absolute_url(), "detail"))
    if policies.can_see_investigation(user, incident):
        found.append(Page("PDF: leak incident record (泄密事件处理记录表)", _url("incident_pdf", incident.pk), "pdf"))
    handled = incidents.exclude(status=Incident.Status.CLOSED).order_by("-pk").first()
    if handled is not None and policies.can_handle_incident(user, handled):
        found += [
            Page("Investigation form", _url("incident_investigate", handled.pk), "form"),
            Page("Responsible person form", _url("responsibility_record", handled.pk), "form"),
            Page("Decision form", _url("incident_decide", handled.pk), "form"),
            Page("Reward form", _url("reward_record", handled.pk), "form"),
        ]
    return found


def _inspection_pages(user) -> list[Page]:
    inspections = inspections_visible_to(user)
    heaviest = inspections.annotate(n=Count("actions")).order_by("-n", "-pk").first()
    found: list[Page] = []
    if policies.can_plan_inspection(user):
        found.append(Page("Inspection plan form", _url("inspection_create"), "form"))
    if heaviest is None:
        return found
    found += list_pages(
        "Confidentiality inspections",
        NAME + "inspection_list",
        total=inspections.count(),
        filters={"kind": Inspection.Kind.HOLIDAY},
    )
    found += [
        Page("Confidentiality inspection detail (most actions)", heaviest.get_absolute_url(), "detail"),
        Page("PDF: inspection record (保密检查记录表)", _url("inspection_pdf", heaviest.pk), "pdf"),
    ]
    if policies.can_record_inspection(user, heaviest):
        found.append(Page("Inspection record form", _url("inspection_record", heaviest.pk), "form"))
    done = inspections.filter(status=Inspection.Status.DONE).order_by("-pk").first()
    if done is not None and policies.can_record_inspection(user, done):
        found.append(Page("Corrective action form", _url("action_add", done.pk), "form"))
    open_actions = CorrectiveAction.objects.filter(inspection__in=inspections, closed_on__isnull=True).order_by("-pk")
    action = next((a for a in open_actions[:20] if policies.can_close_action(user, a)), None)
    if action is not None:
        found.append(
            Page("Corrective action close form", _url("action_close", action.inspection_id, action.pk), "form")
        )
    return found


def _media_pages(user) -> list[Page]:
    media = media_visible_to(user)
    found: list[Page] = []
    if policies.can_register_medium(user):
        found.append(Page("Storage medium form", _url("medium_create"), "form"))
    heaviest = media.annotate(n=Count("loans")).order_by("-n", "pk").first()
    if heaviest is None:
        return found
    found += list_pages("Classified storage media", NAME + "medium_list", total=media.count(), search="U")
    found.append(Page("Storage medium detail (longest history)", heaviest.get_absolute_url(), "detail"))
    store = media.filter(status=Medium.Status.IN_STORE).order_by("pk").first()
    if store is not None and policies.can_issue_medium(user, store):
        found.append(Page("Medium issue form", _url("medium_issue", store.pk), "form"))
    issued = media.filter(status=Medium.Status.ISSUED).order_by("pk").first()
    if issued is not None and policies.can_report_medium_lost(user, issued):
        found.append(Page("Medium lost report form", _url("medium_lost", issued.pk), "form"))
    if is_officer(user) or policies.can_schedule_meeting(user):
        found.append(Page("Login picker (oversight), search", f"{_url('pick_users')}?{urlencode({'q': '王'})}", "list"))
    return found
