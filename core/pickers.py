"""Search-as-you-type pickers: how a form chooses a person, a candidate, a position or a requisition.

A <select> of every candidate is 16,000 options (330 KB, seconds per page). A picker field stays a
ModelChoiceField — its queryset is the user's scoped queryset, so an id typed outside the scope fails
validation — but its widget renders only the chosen option(s) and a search box. static/js/picker.js fills a
results list from the kind's autocomplete endpoint (`picker_view`): the user's scoped rows (the app's
selectors, refused with 403/404 like the app's pages), at most `LIMIT` of them, searched by name / number /
code, in a constant number of queries.

Each app declares its kinds as `PickerSource`s next to its forms and serves them from its own urls; the field
and its widget are in core.widgets:

    EMPLOYEES = PickerSource(url_name="employees:pick_employees", rows=..., search_fields=("number", "name"), ...)
    manager = PickerField(EMPLOYEES, only=("active",), queryset=...)          # forms.py
    pick_employees = picker_view(EMPLOYEES)                                   # views.py
"""

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import Model, Q, QuerySet
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from core.pinyin import is_pinyin_query

LIMIT = 20  # results per search: type more to narrow


@dataclass(frozen=True)
class PickerSource:
    """One kind of thing to pick, and what its autocomplete endpoint searches.

    `rows(user)` returns the user's scoped rows (a form's field takes them as its queryset); `check(user)`
    raises (PermissionDenied → 403, Http404) for users who have no page with such a picker, as those pages do.
    `filters` are named narrowings a field asks for with `only=` (the same narrowing as the field's queryset, so
    every result offered is a valid choice). `narrowing` are narrowings by a value the form's other fields give
    (e.g. the positions of the department chosen beside: `forward={"department": "to_department"}` on the
    field). `keys` are the fields a form may submit instead of the primary key (a field's `to_field_name`).
    """

    url_name: str
    rows: Callable[..., QuerySet]
    check: Callable[..., None]
    search_fields: tuple[str, ...]
    label: Callable[[Model], str]
    ordering: tuple[str, ...] = ("pk",)
    select_related: tuple[str, ...] = ()
    filters: Mapping[str, Callable[[QuerySet], QuerySet]] = field(default_factory=dict)
    narrowing: Mapping[str, Callable[[QuerySet, str], QuerySet]] = field(default_factory=dict)
    keys: tuple[str, ...] = ("pk",)
    placeholder: str = _("Type to search…")
    # Where the rows' pinyin search keys are (core.pinyin): "" on the model itself, "position__" through a
    # relation; None for rows without a name in Chinese.
    pinyin: str | None = None

    def search(self, qs: QuerySet, text: str) -> QuerySet:
        """Every word of `text` in one of the search fields (so "生产 王" finds 王 in 生产部); a word of Latin
        letters also as the start of the full pinyin or of the initials (zhangwei, zwq → 张伟强)."""
        return search(qs, text, self.search_fields, pinyin=self.pinyin)


def search(qs: QuerySet, text: str, fields: tuple[str, ...], *, pinyin: str | None = None) -> QuerySet:
    """The one search of names, numbers and phones behind every picker and the navigation's search box."""
    for word in text.split()[:5]:
        match = reduce(operator.or_, (Q(**{f"{name}__icontains": word}) for name in fields))
        if pinyin is not None and is_pinyin_query(word):
            key = word.lower()
            match |= Q(**{f"{pinyin}name_pinyin__startswith": key}) | Q(**{f"{pinyin}name_initials__startswith": key})
        qs = qs.filter(match)
    return qs


def picker_view(source: PickerSource):
    """The autocomplete endpoint of a kind: GET ?q=…&only=…&key=… → {"results": [{id, text}], "more": bool}."""

    @require_GET
    def view(request):
        source.check(request.user)
        qs = source.rows(request.user)
        for name in request.GET.getlist("only"):
            if name not in source.filters:
                return HttpResponseBadRequest("unknown filter")
            qs = source.filters[name](qs)
        for name, narrow in source.narrowing.items():
            if value := request.GET.get(name, "").strip():
                qs = narrow(qs, value)
        key = request.GET.get("key", "pk")
        if key not in source.keys:
            return HttpResponseBadRequest("unknown key")
        qs = source.search(qs, request.GET.get("q", "")[:100])
        rows = list(qs.select_related(*source.select_related).order_by(*source.ordering)[: LIMIT + 1])
        results = [{"id": str(getattr(obj, key)), "text": source.label(obj)} for obj in rows[:LIMIT]]
        return JsonResponse({"results": results, "more": len(rows) > LIMIT})

    view.__doc__ = f"Search-as-you-type results for {source.url_name}."
    return view
