"""Home-page cards. Each app registers a function (user) -> list[Card]; the home page shows them all."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, Window

ROWS = 5


@dataclass
class Card:
    title: str
    count: int | None = None
    url: str = ""
    items: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    tone: str = "primary"
    chart: object = None  # a core.charts.Chart drawn on the card (the card then spans two columns)


_providers: list[Callable] = []


def register(provider: Callable) -> Callable:
    _providers.append(provider)
    return provider


def cards_for(user) -> list[Card]:
    cards: list[Card] = []
    for provider in _providers:
        cards.extend(provider(user))
    return cards


def count_and_rows(qs: QuerySet, rows: int = ROWS) -> tuple[int, list]:
    """A card's total and its first rows in one query: COUNT(*) OVER () is computed before the LIMIT."""
    found = list(qs.annotate(card_total=Window(Count("pk")))[:rows])
    return (found[0].card_total if found else 0), found
