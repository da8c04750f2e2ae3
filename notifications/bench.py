"""Benchmark pages of the notification inbox (see benchmarks/registry.py for the convention)."""

from django.urls import reverse

from benchmarks.registry import Page, list_pages

from .selectors import notifications_for


def pages(user) -> list[Page]:
    if not user.is_authenticated:
        return []
    form = [Page("E-mail preferences form", reverse("notifications:preferences"), "form")]
    total = notifications_for(user).count()
    if not total:
        return form
    # The inbox has one filter (?filter=unread, the "Unread" tab) and no search.
    return form + list_pages("Notifications", "notifications:inbox", total=total, filters={"filter": "unread"})
