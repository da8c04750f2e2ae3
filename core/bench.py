"""Benchmark page of the home dashboard (see benchmarks/registry.py for the convention)."""

from django.urls import reverse

from benchmarks.registry import Page


def pages(user) -> list[Page]:
    if not user.is_authenticated:
        return []
    # Not a list: one summary query per card that each app registers (core.dashboard, count and first rows in
    # one query) plus the navbar badges, constant whatever the volume (core/tests/test_home_queries.py). It is
    # measured against the detail budget (≤ 20 queries, p95 ≤ 150 ms).
    return [Page("Home dashboard", reverse("home"), "home")]
