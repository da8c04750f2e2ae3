"""Benchmark pages of recruitment (see benchmarks/registry.py for the convention)."""

from django.db.models import Count
from django.urls import reverse

from benchmarks.registry import Page, list_pages

from .models import Offer, Requisition
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
    found = [
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
    return found
