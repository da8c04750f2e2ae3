"""Selects that stay cheap with hundreds of options (list filters: every department, position, requisition).

Django renders each <option> through two templates and builds each choice from a model instance; with a few
hundred options that is most of a list page's time. `CompactSelect` writes the same HTML in Python, and
`CompactModelChoiceField` takes its options from one `values_list()` query. Validation and the cleaned value
(a model instance) are those of `ModelChoiceField`.
"""

from collections.abc import Callable

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


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
