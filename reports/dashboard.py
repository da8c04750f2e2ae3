"""The key charts on the home page of HR and the general manager: headcount against authorised headcount, and
hires and separations by month (the reports' own data)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core import roles
from core.dashboard import Card, register

from .reports import headcount, turnover


@register
def key_charts(user) -> list[Card]:
    if not (user.is_hr or user.has_role(roles.GM)):
        return []
    return [
        Card(
            title=_("Headcount against authorised headcount"),
            url=reverse("reports:report_detail", args=["headcount"]),
            chart=headcount(user).chart,
        ),
        Card(
            title=_("Hires, separations and turnover by month"),
            url=reverse("reports:report_detail", args=["turnover"]),
            chart=turnover(user).chart,
        ),
    ]
