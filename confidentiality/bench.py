"""Benchmark pages of the register (see benchmarks/registry.py): what the benchmark user reaches by the rule."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.http import urlencode

from benchmarks.registry import Page, list_pages

from . import policies
from .models import AccessRequest, Destruction, Disclosure, Handover, Issue, ReproductionRequest
from .selectors import can_read_document, documents_visible_to, is_keeper


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
            Page(
                "Classified document picker, search",
                f"{reverse('confidentiality:pick_documents')}?{urlencode({'q': heaviest.title[:2]})}",
                "list",
            ),
        ]
        if policies.can_request_disclosure(user, heaviest):
            url = reverse("confidentiality:disclosure_create", args=[heaviest.pk])
            found.append(Page("Classified: outside disclosure request (form)", url, "form"))
    found += _request_pages(user, documents)
    filed = next(
        (
            d
            for d in documents.exclude(file="").order_by("-pk")[:20]
            if can_read_document(user, d) and d.file.storage.exists(d.file.name)  # a reused database, files gone
        ),
        None,
    )
    if filed is not None:
        url = reverse("confidentiality:document_file", args=[filed.pk])
        found.append(Page("Classified document file (decrypted, watermarked PDF)", url, "pdf"))
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
            # Measured as "pdf": a file rendered whole.
            Page(
                "Export: classified access log (xlsx)",
                f"{reverse('confidentiality:access_log_export')}?{urlencode({'kind': 'issued'})}",
                "pdf",
            ),
            Page(
                "Classified: people picker, search",
                f"{reverse('confidentiality:pick_people')}?{urlencode({'q': '王'})}",
                "list",
            ),
        ]
        if policies.can_register(user):
            found.append(Page("Classified document form, new", reverse("confidentiality:document_create"), "form"))
        if heaviest is not None and policies.can_edit(user, heaviest):
            url = reverse("confidentiality:document_edit", args=[heaviest.pk])
            found.append(Page("Classified document form, edit (most issues)", url, "form"))
        pending = Destruction.objects.filter(document__in=documents, destroyed_at__isnull=True).order_by("pk").first()
        if pending is not None and policies.can_record_destruction(user, pending):
            url = reverse("confidentiality:destruction_record", args=[pending.pk])
            found.append(Page("Classified: destruction record (form)", url, "form"))
        handover = Handover.objects.filter(Q(from_keeper=user) | Q(to_keeper=user)).order_by("-pk").first()
        if handover is not None:
            url = reverse("confidentiality:handover_detail", args=[handover.pk])
            found.append(Page("Custody handover detail", url, "detail"))
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


def _request_pages(user, documents) -> list[Page]:
    """The latest print request and outside disclosure: the user's own, or any on the register for a keeper."""
    found = []
    for label, model, name in (
        ("Classified print request detail", ReproductionRequest, "reproduction_detail"),
        ("Classified disclosure detail", Disclosure, "disclosure_detail"),
    ):
        subjects = (
            model.objects.filter(document__in=documents) if is_keeper(user) else model.objects.filter(applicant=user)
        )
        subject = subjects.order_by("-pk").first()
        if subject is not None:
            found.append(Page(label, reverse(f"confidentiality:{name}", args=[subject.pk]), "detail"))
    return found
