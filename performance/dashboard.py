"""Home-page cards of the KPI review: my own sheet waiting for me, the sheets my department waits for me to
score, the peer feedback asked of me."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.dashboard import Card, count_and_rows, register
from org.selectors import scope_department_ids

from .models import Cycle, Sheet, SheetStatus
from .selectors import peer_requests_for


@register
def performance_cards(user) -> list[Card]:
    if not user.is_authenticated:
        return []
    cards = []
    mine = (
        Sheet.objects.filter(employee__user=user, status__in=[SheetStatus.SELF, SheetStatus.ACKNOWLEDGEMENT])
        .select_related("cycle")
        .order_by("-cycle__start_date")
    )
    count, rows = count_and_rows(mine)
    if count:
        items = [(f"{s.cycle.name} · {s.get_status_display()}", s.get_absolute_url()) for s in rows]
        cards.append(
            Card(
                title=_("My KPI sheet waits for me"),
                count=count,
                url=rows[0].get_absolute_url(),
                items=items,
                tone="warning",
            )
        )
    ids = scope_department_ids(user)
    if ids:
        todo = (
            Sheet.objects.filter(
                department_id__in=ids,
                cycle__status=Cycle.Status.OPEN,
                status__in=[SheetStatus.GOALS, SheetStatus.SCORING, SheetStatus.INTERVIEW],
            )
            .exclude(employee__user=user)
            .select_related("employee")
            .order_by("cycle__scoring_deadline", "employee__number")
        )
        count, rows = count_and_rows(todo)
        if count:
            url = reverse("performance:sheet_list") + "?" + urlencode({"todo": "1"})
            items = [(f"{s.employee.name} · {s.get_status_display()}", s.get_absolute_url()) for s in rows]
            cards.append(Card(title=_("KPI sheets to review"), count=count, url=url, items=items, tone="danger"))
    peers = peer_requests_for(user).filter(
        answered_at__isnull=True, sheet__status__in=[SheetStatus.GOALS, SheetStatus.SELF, SheetStatus.SCORING]
    )
    count, rows = count_and_rows(peers.order_by("pk"))
    if count:
        items = [(s.sheet.employee.name, s.get_absolute_url()) for s in rows]
        cards.append(
            Card(title=_("Peer feedback asked of me"), count=count, url=reverse("performance:peer_list"), items=items)
        )
    return cards
