"""Reads of the register. The ONE access rule lives here: `documents_visible_to(user)`.

A user reads a classified document when their clearance is at least its level AND one of: they are on its
distribution list (hold or held an issued copy), they have a valid, unexpired access grant, or they are a
records keeper or the confidentiality officer. Every list, detail, search, picker, count, dashboard card,
export, notification text, admin changelist and file view goes through it; anything else answers 404.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from core import roles

from .models import ConfidentialityEvent, Copy, CopyStatus, Document, Grant, Issue

# Who keeps the register: they reach every document up to their clearance.
KEEPER_ROLES = (roles.RECORDS_KEEPER, roles.CONFIDENTIALITY_OFFICER)


def is_keeper(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_role(*KEEPER_ROLES))


def valid_grants(user, today=None) -> QuerySet[Grant]:
    today = today or timezone.localdate()
    return Grant.objects.filter(user=user, ended_at__isnull=True, valid_from__lte=today, valid_until__gte=today)


def documents_visible_to(user, *, today=None) -> QuerySet[Document]:
    """The documents `user` may know of and read (the one rule)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Document.objects.none()
    within_clearance = Document.objects.filter(level__lte=user.clearance)
    if is_keeper(user):
        return within_clearance
    distributed = Issue.objects.filter(document=OuterRef("pk"), recipient=user)
    granted = valid_grants(user, today).filter(document=OuterRef("pk"))
    return within_clearance.filter(Exists(distributed) | Exists(granted))


def can_read_document(user, document: Document, *, today=None) -> bool:
    return documents_visible_to(user, today=today).filter(pk=document.pk).exists()


def search_documents(user, query: str = "") -> QuerySet[Document]:
    documents = documents_visible_to(user).select_related("owning_department")
    query = (query or "").strip()
    if query:
        documents = documents.filter(Q(number__icontains=query) | Q(title__icontains=query))
    return documents


def copies_held_by(user) -> QuerySet[Copy]:
    """The copies `user` holds now (issued, not returned), each with its document: offboarding's handover list
    and the job-change return list call this."""
    return (
        Copy.objects.filter(holder=user, status=CopyStatus.ISSUED)
        .select_related("document", "document__owning_department")
        .order_by("document__number", "number")
    )


def open_issue_of(copy: Copy) -> Issue | None:
    return copy.issues.filter(returned_at__isnull=True).select_related("recipient").first()


def events_visible_to(user) -> QuerySet[ConfidentialityEvent]:
    """The access log of the register: keepers only, and only the documents they reach."""
    if not is_keeper(user):
        return ConfidentialityEvent.objects.none()
    reachable = documents_visible_to(user).values("pk")
    return ConfidentialityEvent.objects.filter(Q(document__isnull=True) | Q(document__in=reachable)).select_related(
        "actor", "person", "document", "copy"
    )


def reader_copy_number(user, document: Document) -> str:
    """The copy the watermark names: the copy the reader holds (or last held), else how they read it."""
    issue = (
        Issue.objects.filter(document=document, recipient=user)
        .select_related("copy")
        .order_by("returned_at", "-issued_at")
        .first()
    )
    if issue is not None:
        return str(issue.copy.number)
    grant = valid_grants(user).filter(document=document).first()
    if grant is not None:
        return f"G{grant.pk}"
    return "RK"
