"""Home-page cards of the register: a reader's copies to sign for or return; for the records keeper, copies out
past their deadline. Counted only over the documents the one rule lets the user reach."""

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.dashboard import Card, count_and_rows, register
from core.security import SecrecyLevel

from .models import Issue
from .selectors import documents_visible_to, is_keeper


@register
def confidentiality_cards(user) -> list[Card]:
    if not user.is_authenticated or user.clearance < SecrecyLevel.SECRET:
        return []
    reachable = documents_visible_to(user)
    cards = []
    mine = (
        Issue.objects.filter(recipient=user, returned_at__isnull=True, document__in=reachable)
        .select_related("document", "copy")
        .order_by("return_due", "pk")
    )
    count, rows = count_and_rows(mine)
    if count:
        url = reverse("confidentiality:my_copies")
        cards.append(
            Card(
                title=_("Classified copies I hold"),
                count=count,
                url=url,
                items=[(f"{i.document.number} · {i.return_due:%Y-%m-%d}", url) for i in rows],
                tone="warning",
            )
        )
    if is_keeper(user):
        overdue = (
            Issue.objects.filter(returned_at__isnull=True, return_due__lt=timezone.localdate(), document__in=reachable)
            .select_related("document", "recipient")
            .order_by("return_due", "pk")
        )
        count, rows = count_and_rows(overdue)
        cards.append(
            Card(
                title=_("Classified copies overdue for return"),
                count=count,
                url=f"{reverse('confidentiality:issue_list')}?{urlencode({'overdue': 1})}",
                items=[(f"{i.document.number} · {i.recipient}", i.document.get_absolute_url()) for i in rows],
                tone="danger" if count else "success",
            )
        )
    return cards
