"""Benchmark pages of recruitment (see benchmarks/registry.py for the convention)."""

from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode

from benchmarks.registry import Page, list_pages
from core import roles
from org.selectors import positions_visible_to

from . import policies
from .models import Interview, Offer, Requisition
from .selectors import applications_visible_to, candidates_visible_to, requisitions_visible_to
from .views._access import uses_recruitment


def pages(user) -> list[Page]:
    if not uses_recruitment(user):
        return []
    requisitions = requisitions_visible_to(user)
    # The requisition with the most applications: the heaviest board and detail page.
    biggest = requisitions.annotate(n=Count("applications")).order_by("-n", "pk").first()
    if biggest is None:
        return []
    applications = applications_visible_to(user)
    application = applications.annotate(n=Count("interviews")).order_by("-n", "pk").first()
    search = urlencode({"q": biggest.position.title[:2], "only": "open"})
    found = [
        Page("Requisition picker, search", f"{reverse('recruitment:pick_requisitions')}?{search}", "list"),
        *list_pages(
            "Requisitions",
            "recruitment:requisition_list",
            total=requisitions.count(),
            filters={"status": Requisition.Status.FILLED},
            search=biggest.position.title[:2],
        ),
        *list_pages(
            "Applications",
            "recruitment:application_list",
            total=applications.count(),
            filters={"stage": "rejected"},
            search="王",
        ),
        Page(
            "Requisition detail (most applications)",
            reverse("recruitment:requisition_detail", args=[biggest.pk]),
            "detail",
        ),
        Page(
            "Pipeline board (most applications)", reverse("recruitment:requisition_board", args=[biggest.pk]), "detail"
        ),
        Page(
            "PDF: headcount requisition (人员增补申请表)",
            reverse("recruitment:requisition_pdf", args=[biggest.pk]),
            "pdf",
        ),
    ]
    if user.is_hr:
        found += list_pages(
            "Candidates",
            "recruitment:candidate_list",
            total=candidates_visible_to(user).count(),
            filters={"source_channel": "online"},
            search="李",
        )
        found.append(Page("Channel report", reverse("recruitment:channel_report"), "list"))
        candidate = candidates_visible_to(user).annotate(n=Count("applications")).order_by("-n", "pk").first()
        if candidate is not None:
            found.append(
                Page(
                    "Candidate detail (most applications)",
                    reverse("recruitment:candidate_detail", args=[candidate.pk]),
                    "detail",
                )
            )
        # Files rendered whole are measured as "pdf" (budgeted by time).
        found += [
            Page("Export: candidates (xlsx)", reverse("recruitment:candidate_export"), "pdf"),
            Page("Candidate import template (csv)", reverse("recruitment:candidate_import_template"), "pdf"),
        ]
        candidates_search = f"{reverse('recruitment:pick_candidates')}?{urlencode({'q': '李'})}"
        found.append(Page("Candidate picker, search", candidates_search, "list"))
    found.append(
        Page(
            "Requisition form: headcount panel (htmx)",
            f"{reverse('recruitment:headcount_panel')}?{urlencode({'position': biggest.position_id, 'headcount': 2})}",
            "list",
        )
    )
    interview = Interview.objects.filter(application__in=applications).order_by("-scheduled_at", "-pk").first()
    if interview is not None:
        found.append(
            Page("Interview calendar file (ics)", reverse("recruitment:interview_ics", args=[interview.pk]), "pdf")
        )
    mine = (
        Interview.objects.filter(application__in=applications, interviewers=user)
        .exclude(status=Interview.Status.CANCELLED)
        .exclude(evaluations__evaluator=user)
        .order_by("-scheduled_at", "-pk")
        .first()
    )
    if mine is not None:
        found.append(
            Page("Interview evaluation form", reverse("recruitment:evaluation_create", args=[mine.pk]), "form")
        )
    if application is not None:
        found += [
            Page("Application detail (most interviews)", application.get_absolute_url(), "detail"),
            Page(
                "PDF: interview evaluation (面试评价表)",
                reverse("recruitment:evaluation_pdf", args=[application.pk]),
                "pdf",
            ),
        ]
    if user.sees_secret_hr_data:  # the offer letter carries the salary
        # Sent only once the hire is approved (policies.can_send_offer).
        offered = (
            applications.filter(offer__status__in=[Offer.Status.APPROVED, Offer.Status.ACCEPTED])
            .order_by("-pk")
            .first()
        )
        if offered is not None:
            found.append(
                Page("PDF: offer letter (录用通知书)", reverse("recruitment:offer_pdf", args=[offered.pk]), "pdf")
            )
    return found + _form_pages(user, requisitions, applications)


def _form_pages(user, requisitions, applications) -> list[Page]:
    """The form pages (new and edit), with their pickers (core.pickers): the requisition form for whoever may
    ask for people, the rest for HR (the offer, which carries the salary, for cleared HR)."""
    found: list[Page] = []
    if user.is_hr or (user.has_role(roles.DEPT_HEAD, roles.DEPT_MANAGER) and positions_visible_to(user).exists()):
        found.append(Page("Requisition form, new", reverse("recruitment:requisition_create"), "form"))
    editable = requisitions.filter(status__in=Requisition.EDITABLE_STATUSES)
    if not user.is_hr:
        editable = editable.filter(requested_by=user)
    draft = editable.order_by("-pk").first()
    if draft is not None:
        found.append(Page("Requisition form, edit", reverse("recruitment:requisition_update", args=[draft.pk]), "form"))
    if not user.is_hr:
        return found
    found += [
        Page("Candidate form, new", reverse("recruitment:candidate_create"), "form"),
        Page("Candidate import form", reverse("recruitment:candidate_import"), "form"),
        Page("Application form, new", reverse("recruitment:application_create"), "form"),
    ]
    candidate = candidates_visible_to(user).not_anonymised().order_by("-pk").first()
    if candidate is not None:
        found.append(Page("Candidate form, edit", reverse("recruitment:candidate_update", args=[candidate.pk]), "form"))
    recruiting = requisitions.filter(status__in=[Requisition.Status.APPROVED, Requisition.Status.RECRUITING])
    planned = recruiting.order_by("-pk").first()
    if planned is not None:
        found.append(Page("Recruitment plan form", reverse("recruitment:plan_edit", args=[planned.pk]), "form"))
    open_applications = applications.filter(requisition__in=recruiting).order_by("-pk")[:50]
    application = next((a for a in open_applications if policies.can_schedule_interview(user, a)), None)
    if application is not None:
        found.append(
            Page("Interview form, new", reverse("recruitment:interview_create", args=[application.pk]), "form")
        )
    if user.sees_secret_hr_data:
        editable_offer = Offer.objects.filter(application__in=applications, status__in=Offer.EDITABLE_STATUSES)
        offered = editable_offer.order_by("-pk").values_list("application_id", flat=True).first()
        if offered is not None:
            found.append(Page("Offer form, edit", reverse("recruitment:offer_edit", args=[offered]), "form"))
    return found
