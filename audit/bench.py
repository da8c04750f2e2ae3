"""Benchmark pages of the audit trail (see benchmarks/registry.py for the convention)."""

from auditlog.models import LogEntry
from django.urls import reverse

from benchmarks.registry import Page, list_pages

from .policies import can_export_trail, can_view_trail


def pages(user) -> list[Page]:
    if not can_view_trail(user):
        return []
    total = LogEntry.objects.count()
    if not total:
        return []
    # Filtered by action (changes only), searched by person (the HR staff login), and a deep page.
    found = list_pages(
        "Audit trail",
        "audit:entry_list",
        total=total,
        filters={"action": LogEntry.Action.UPDATE},
        search="hr",
        search_param="person",
    )
    if can_export_trail(user):  # measured as "pdf": a file rendered whole
        found.append(Page("Export: audit trail (xlsx)", f"{reverse('audit:entry_export')}?action=1", "pdf"))
    return found
