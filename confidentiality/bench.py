"""Benchmark pages of the register (see benchmarks/registry.py): what the benchmark user reaches by the rule."""

from django.db.models import Count
from django.urls import reverse

from benchmarks.registry import Page, list_pages

from .models import AccessRequest, Issue
from .selectors import documents_visible_to, is_keeper


def pages(user) -> list[Page]:
    if not user.is_authenticated:
        return []
    documents = documents_visible_to(user)
    found = [
        Page("Classified: my copies and grants", reverse("confidentiality:my_copies"), "list"),
        Page("Classified: ask for access (form)", reverse("confidentiality:access_request_create"), "form"),
        Page("Classified: access requests", reverse("confidentiality:access_request_list"), "list"),
    ]
    heaviest = documents.annotate(n=Count("issues")).order_by("-n", "pk").first()
    if heaviest is not None:
        found += [
            *list_pages(
                "Classified documents",
                "confidentiality:document_list",
                total=documents.count(),
                filters={"status": "classified"},
                search=heaviest.title[:4],
            ),
            Page("Classified document detail (most issues)", heaviest.get_absolute_url(), "detail"),
            Page(
                "Classified: print request (form)",
                reverse("confidentiality:reproduction_create", args=[heaviest.pk]),
                "form",
            ),
        ]
    access = AccessRequest.objects.filter(applicant=user).order_by("-pk").first()
    if access is not None:
        found += [
            Page("Classified access request detail", access.get_absolute_url(), "detail"),
            Page(
                "PDF: access request (涉密文件借阅审批表)",
                reverse("confidentiality:access_request_pdf", args=[access.pk]),
                "pdf",
            ),
        ]
    if is_keeper(user):
        found += [
            *list_pages(
                "Distribution register",
                "confidentiality:issue_list",
                total=Issue.objects.filter(document__in=documents).count(),
                filters={"overdue": 1},
            ),
            *list_pages("Classified access log", "confidentiality:access_log", total=10000, filters={"kind": "issued"}),
            Page("Destruction register", reverse("confidentiality:destruction_list"), "list"),
            Page("Custody handovers", reverse("confidentiality:handover_list"), "list"),
        ]
        if heaviest is not None:
            found += [
                Page(
                    "Classified: issue a copy (form)",
                    reverse("confidentiality:copy_issue", args=[heaviest.copies.order_by("pk").first().pk]),
                    "form",
                ),
                Page(
                    "PDF: distribution register (文件发放登记表)",
                    reverse("confidentiality:distribution_register_pdf", args=[heaviest.pk]),
                    "pdf",
                ),
            ]
        found.append(
            Page(
                "PDF: destruction register (涉密文件销毁登记表)",
                reverse("confidentiality:destruction_register_pdf") + "?year=2026",
                "pdf",
            )
        )
    return found
