"""Home-page cards. Each app registers a function (user) -> list[Card]; the home page shows them all."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Card:
    title: str
    count: int | None = None
    url: str = ""
    items: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    tone: str = "primary"


_providers: list[Callable] = []


def register(provider: Callable) -> Callable:
    _providers.append(provider)
    return provider


def cards_for(user) -> list[Card]:
    cards: list[Card] = []
    for provider in _providers:
        cards.extend(provider(user))
    return cards
