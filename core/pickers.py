"""Search-as-you-type pickers: how a form chooses a person, a candidate, a position or a requisition.

A <select> of every candidate is 16,000 options (330 KB, seconds per page). A picker field stays a
ModelChoiceField — its queryset is the user's scoped queryset, so an id typed outside the scope fails
validation — but its widget renders only the chosen option(s) and a search box. static/js/picker.js fills a
results list from the kind's autocomplete endpoint (`picker_view`): the user's scoped rows (the app's
selectors, refused with 403/404 like the app's pages), at most `LIMIT` of them, searched by name / number /
code, in a constant number of queries.

Each app declares its kinds as `PickerSource`s next to its forms and serves them from its own urls:

    EMPLOYEES = PickerSource(url_name="employees:pick_employees", rows=..., search_fields=("number", "name"), ...)
    manager = PickerField(EMPLOYEES, only=("active",), queryset=...)          # forms.py
    pick_employees = picker_view(EMPLOYEES)                                   # views.py
"""

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import reduce

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import HttpResponseBadRequest, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

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

    def search(self, qs: QuerySet, text: str) -> QuerySet:
        """Every word of `text` in one of the search fields (so "生产 王" finds 王 in 生产部)."""
        for word in text.split()[:5]:
            qs = qs.filter(reduce(operator.or_, (Q(**{f"{name}__icontains": word}) for name in self.search_fields)))
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


class PickerMixin:
    """Renders the chosen option(s) only (one query), a search box and an empty results list."""

    template_name = "core/widgets/picker.html"
    source: PickerSource | None = None
    only: tuple[str, ...] = ()
    forward: Mapping[str, str] = {}
    key: str = "pk"

    def url(self) -> str:
        params = [("only", name) for name in self.only]
        if self.key != "pk":
            params.append(("key", self.key))
        url = reverse(self.source.url_name)
        return f"{url}?{urlencode(params)}" if params else url

    def chosen(self, values: list[str]) -> list[tuple[str, str]]:
        """(value, label) of the chosen rows, in the order given.

        A value outside the queryset (a manager who has left, an id typed outside the scope) stays chosen, labelled
        by the value alone: saving the form then fails on it, as it should, instead of silently clearing it, and
        nothing is read about a row outside the user's scope."""
        values = [v for v in values if v]
        field = getattr(self.choices, "field", None)
        if not values or field is None:
            return []
        try:
            qs = self.choices.queryset.filter(**{f"{self.key}__in": values}).select_related(*self.source.select_related)
            rows = {str(getattr(obj, self.key)): obj for obj in qs}
        except (ValueError, TypeError, ValidationError):
            rows = {}
        return [(value, field.label_from_instance(rows[value]) if value in rows else value) for value in values]

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)
        widget = context["widget"]
        widget["attrs"].pop("required", None)  # a hidden select cannot show the browser's message; the server checks
        css = widget["attrs"].get("class", "")
        widget["invalid"] = "is-invalid" in css.split()
        widget["chosen"] = self.chosen(self.format_value(value))
        widget["multiple"] = self.allow_multiple_selected
        widget["url"] = self.url()
        widget["search_id"] = self.id_for_label(widget["attrs"].get("id", ""))
        widget["placeholder"] = self.source.placeholder
        # The names of the fields beside whose value narrows the search, with this form's prefix ("np-…").
        prefix = name[: name.rfind("-") + 1]
        widget["forward"] = " ".join(f"{param}={prefix}{other}" for param, other in self.forward.items())
        if widget["multiple"]:
            widget["attrs"]["multiple"] = True
        return context

    def id_for_label(self, id_):
        # The label names the search box, the control the user types in (the select is hidden).
        return f"{id_}_search" if id_ else id_

    def use_required_attribute(self, initial):
        return False


class PickerSelect(PickerMixin, forms.Select):
    pass


class PickerSelectMultiple(PickerMixin, forms.SelectMultiple):
    pass


def _configure(field, source: PickerSource, only: tuple[str, ...], forward: Mapping[str, str]):
    for name in only:
        if name not in source.filters:
            raise ValueError(f"{source.url_name} has no filter {name!r}")
    for name in forward:
        if name not in source.narrowing:
            raise ValueError(f"{source.url_name} cannot be narrowed by {name!r}")
    key = field.to_field_name or "pk"
    if key not in source.keys:
        raise ValueError(f"{source.url_name} does not answer with {key!r}")
    field.source = source
    field.widget.source, field.widget.only, field.widget.key = source, tuple(only), key
    field.widget.forward = dict(forward)


class PickerField(forms.ModelChoiceField):
    """A ModelChoiceField picked by search: pass the kind's source, the user's scoped queryset and `only=` the
    source's filters that narrow it the same way."""

    widget = PickerSelect

    def __init__(
        self, source: PickerSource, *, only: tuple[str, ...] = (), forward: Mapping[str, str] | None = None, **kwargs
    ):
        super().__init__(**kwargs)
        _configure(self, source, only, forward or {})

    def label_from_instance(self, obj):
        return self.source.label(obj)


class PickerMultipleField(forms.ModelMultipleChoiceField):
    widget = PickerSelectMultiple

    def __init__(
        self, source: PickerSource, *, only: tuple[str, ...] = (), forward: Mapping[str, str] | None = None, **kwargs
    ):
        super().__init__(**kwargs)
        _configure(self, source, only, forward or {})

    def label_from_instance(self, obj):
        return self.source.label(obj)
