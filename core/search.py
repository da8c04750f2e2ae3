"""The navigation's search box: people, candidates, requisitions and positions by name, number, phone, full pinyin
or pinyin initials, through the same sources as the pickers (core.pickers) — each with its own access check and
scoped rows, so the box finds nothing its pages would not show."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from core.pickers import PickerSource

PER_KIND = 10


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    results: list  # (url, text)
    more: bool


def _sources() -> list[tuple[str, object, PickerSource]]:
    from employees.forms import EMPLOYEES
    from org.forms import POSITIONS
    from recruitment.forms import CANDIDATES, REQUISITIONS

    return [
        ("people", _("People"), EMPLOYEES),
        ("candidates", _("Candidates"), CANDIDATES),
        ("requisitions", _("Requisitions"), REQUISITIONS),
        ("positions", _("Positions"), POSITIONS),
    ]


def search_everything(user, text: str) -> list[Group]:
    """What the user may find for `text`: one group per kind they have pages for (one query each)."""
    text = text.strip()[:100]
    if not text:
        return []
    groups = []
    for key, title, source in _sources():
        try:
            source.check(user)
        except (PermissionDenied, Http404):
            continue
        qs = source.search(source.rows(user), text).select_related(*source.select_related).order_by(*source.ordering)
        rows = list(qs[: PER_KIND + 1])
        groups.append(
            Group(
                key=key,
                title=str(title),
                results=[(row.get_absolute_url(), source.label(row)) for row in rows[:PER_KIND]],
                more=len(rows) > PER_KIND,
            )
        )
    return groups
