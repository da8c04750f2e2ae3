"""Benchmark pages of the retention review (see benchmarks/registry.py for the convention)."""

from django.urls import reverse
from django.utils import timezone

from benchmarks.registry import Page, list_pages

from .policies import can_review
from .selectors import due_overview


def pages(user) -> list[Page]:
    if not can_review(user):
        return []
    found = [Page("Retention overview", reverse("retention:overview"), "list")]
    for row in due_overview(timezone.localdate()):
        found += list_pages(
            f"Retention review: {row.policy.record_type}",
            "retention:review",
            total=row.count,
            args=(row.policy.record_type,),
        )
    return found
