"""Benchmark pages of the retention review (see benchmarks/registry.py for the convention)."""

from django.urls import reverse

from benchmarks.registry import Page

from .models import RetentionPolicy
from .policies import can_review


def pages(user) -> list[Page]:
    if not can_review(user):
        return []
    found = [Page("Retention overview", reverse("retention:overview"), "list")]
    for record_type in RetentionPolicy.objects.order_by("pk").values_list("record_type", flat=True):
        url = reverse("retention:review", args=[record_type])
        found.append(Page(f"Retention review: {record_type}", url, "list"))
        found.append(Page(f"Retention review: {record_type}, page 10", f"{url}?page=10", "list"))
    return found
