"""Benchmark pages of the approval engine (see benchmarks/registry.py for the convention)."""

from django.db.models import OuterRef
from django.urls import reverse
from django.utils.http import urlencode

from benchmarks.registry import Page, list_pages
from core.queries import subquery_count

from .models import Decision, RequestStep
from .selectors import pending_steps_for, requests_of, requests_visible_to


def pages(user) -> list[Page]:
    if not user.is_authenticated:
        return []
    # The delegation form (who approves for me), with its user picker (core.pickers).
    found: list[Page] = [
        Page("Delegations form", reverse("approvals:delegations"), "form"),
        Page("Delegate picker, search", f"{reverse('approvals:pick_delegates')}?{urlencode({'q': '王'})}", "list"),
    ]
    # The inbox and "my requests" take no filter or search, only ?page=: the first and a deep page.
    inbox_total = pending_steps_for(user).count()
    if inbox_total:
        found += list_pages("Approvals inbox", "approvals:inbox", total=inbox_total)
        # The decision page: the chain and what the approver decides on (the process's context).
        first = pending_steps_for(user).first()
        found.append(Page("Decision page", reverse("approvals:decide", args=[first.pk]), "detail"))
    own_total = requests_of(user).count()
    if own_total:
        found += list_pages("My requests", "approvals:my_requests", total=own_total)
    # The heaviest request page: the longest chain (the steps of every round and the decisions).
    heaviest = (
        requests_visible_to(user)
        .annotate(
            history=subquery_count(RequestStep.objects.filter(request=OuterRef("pk")), "request")
            + subquery_count(Decision.objects.filter(request=OuterRef("pk")), "request")
        )
        .order_by("-history", "pk")
        .first()
    )
    if heaviest is not None:
        found.append(
            Page("Request detail (longest chain)", reverse("approvals:request_detail", args=[heaviest.pk]), "detail")
        )
    return found
