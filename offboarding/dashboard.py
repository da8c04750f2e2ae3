"""Home-page cards: each handover party's open items; HR's and heads' cases with the last day near."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dashboard import Card, count_and_rows, register

from .models import CaseStatus
from .selectors import cases_visible_to, open_items_for, uses_case_list


@register
def offboarding_cards(user) -> list[Card]:
    cards = []
    count, items = count_and_rows(open_items_for(user).order_by("case__last_day", "pk"))
    if count:
        cards.append(
            Card(
                title=_("Open handover items"),
                url=reverse("offboarding:tasks"),
                count=count,
                items=[
                    (f"{i.case.employee.name} · {i.title}", reverse("offboarding:tick", args=[i.pk])) for i in items
                ],
                tone="warning",
            )
        )
    if uses_case_list(user):
        today = timezone.localdate()
        leaving = (
            cases_visible_to(user)
            .filter(status=CaseStatus.CONFIRMED, last_day__lte=today + datetime.timedelta(days=14))
            .select_related("employee")
            .order_by("last_day")
        )
        count, cases = count_and_rows(leaving)
        if count:
            cards.append(
                Card(
                    title=_("Leaving in the next 14 days"),
                    url=reverse("offboarding:case_list") + "?status=confirmed",
                    count=count,
                    items=[(f"{c.employee.name} · {c.last_day:%Y-%m-%d}", c.get_absolute_url()) for c in cases],
                    tone="primary",
                )
            )
    return cards
