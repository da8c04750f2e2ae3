"""Home-page card of the satisfaction survey: the open surveys a user has still to answer (nothing else: the
card never says who answered)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.dashboard import Card, count_and_rows, register

from .selectors import open_invitations


@register
def survey_cards(user) -> list[Card]:
    if not user.is_authenticated:
        return []
    count, invitations = count_and_rows(open_invitations(user).order_by("survey__end_date", "pk"))
    if not count:
        return []
    return [
        Card(
            title=_("Satisfaction survey to answer (anonymous)"),
            url=reverse("survey:list"),
            count=count,
            items=[(i.survey.title, reverse("survey:answer", args=[i.survey_id])) for i in invitations],
            tone="warning",
        )
    ]
