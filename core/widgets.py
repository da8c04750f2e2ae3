"""Selects that stay cheap with hundreds of options (list filters: every department), and pickers for thousands.

Django renders each <option> through two templates and builds each choice from a model instance; with a few
hundred options that is most of a list page's time. `CompactSelect` writes the same HTML in Python, and
`CompactModelChoiceField` takes its options from one `values_list()` query. Validation and the cleaned value
(a model instance) are those of `ModelChoiceField`.

Where the options are thousands (people, candidates) or grow without end (positions, requisitions), a
`PickerField` renders only the chosen option(s) and a search box that asks the kind's autocomplete endpoint
(core.pickers: `PickerSource`, `picker_view`; static/js/picker.js).
"""

from collections.abc import Callable, Mapping

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from core.pickers import PickerSource


class CompactSelect(forms.Select):
    """A <select> rendered without a template per option: same markup, same selection rules as forms.Select."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        selected_values = set(self.format_value(value))
        parts = [format_html('<select name="{}"{}>', name, flatatt(final_attrs))]
        has_selected = False
        for option_value, option_label in self.choices:
            if isinstance(option_label, list | tuple):
                parts.append(format_html('<optgroup label="{}">', option_value))
                for sub_value, sub_label in option_label:
                    has_selected = self._option(parts, sub_value, sub_label, selected_values, has_selected)
                parts.append("</optgroup>")
            else:
                has_selected = self._option(parts, option_value, option_label, selected_values, has_selected)
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every piece went through format_html

    def _option(self, parts, value, label, selected_values, has_selected) -> bool:
        value = "" if value is None else str(value)
        selected = value in selected_values and (self.allow_multiple_selected or not has_selected)
        parts.append(
            format_html('<option value="{}"{}>{}</option>', value, mark_safe(" selected") if selected else "", label)
        )
        return has_selected or selected


class ValuesChoiceIterator(ModelChoiceIterator):
    """The field's choices from one values_list() query: (pk, label) without building model instances."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, *values in self.queryset.values_list("pk", *self.field.label_fields):
            yield (pk, self.field.label_from_values(*values))


class CompactModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField for large selects. Subclasses (or the constructor) say which columns make the label."""

    widget = CompactSelect
    iterator = ValuesChoiceIterator
    label_fields: tuple[str, ...] = ()

    def __init__(self, *args, option_fields: tuple[str, ...] = (), option_label: Callable | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if option_fields:
            self.label_fields = option_fields
        self._option_label = option_label

    def label_from_values(self, *values) -> str:
        """The option text from the `label_fields` values (override, or pass `option_label`)."""
        if self._option_label is not None:
            return self._option_label(*values)
        return " ".join(str(v) for v in values)


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
        # A hidden select cannot show the browser's message: the search box says it is required, the server checks.
        widget["required"] = bool(widget["attrs"].pop("required", False))
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
        # Whether the field is required now (a form may relax it after the field was built); never queries.
        return True


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
