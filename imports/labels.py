"""Spreadsheets in the reader's words: a resource's export with each column titled by its field's label and each
choice by its label (部门编码, 类别 一线员工 …), and such a file read back — titles and labels in either interface
language (or the resource's own keys and codes) turned into what the resource reads."""

import re

import tablib
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.text import capfirst

LANGUAGES = ("zh-hans", "en")


def norm(text) -> str:
    return re.sub(r"\s+", "", str(text or "")).casefold()


def labels_of(text_of) -> set[str]:
    """A lazy text in every interface language, also the Chinese in brackets of an English label ("Bachelor
    (本科)" → 本科) and the label without it."""
    found = set()
    for language in LANGUAGES:
        with translation.override(language):
            text = str(text_of())
        found.add(norm(text))
        found.update(norm(inner) for inner in re.findall(r"[（(]([^()（）]+)[)）]", text))
        found.add(norm(re.sub(r"\s*[（(][^()（）]*[)）]\s*$", "", text)))
    found.discard("")
    return found


def _model_field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def column_label(model, name: str) -> str:
    field = _model_field(model, name)
    return capfirst(str(field.verbose_name)) if field is not None else name


def labelled_export(resource, queryset, *, exclude=()) -> tablib.Dataset:
    """The resource's export with titles and choice values in the active language; the `exclude` columns left out
    (those above the reader's clearance)."""
    model = resource._meta.model
    dataset = resource.export(queryset=queryset)
    for key in exclude:
        if key in dataset.headers:
            del dataset[key]
    keys = list(dataset.headers)
    choices = {}
    for key in keys:
        field = _model_field(model, key)
        if field is not None and field.choices:
            choices[key] = {str(code): str(label) for code, label in field.flatchoices}
    out = tablib.Dataset(headers=[column_label(model, key) for key in keys], title=dataset.title)
    for row in dataset:
        out.append([choices[k].get(str(v), v) if k in choices else v for k, v in zip(keys, row, strict=False)])
    return out


def dataset_from_labels(model, dataset: tablib.Dataset) -> tablib.Dataset:
    """Titles and choice labels (either language) back into the resource's keys and codes; anything unknown left
    as it is for the resource to report on its row and column."""
    aliases = {}
    for field in model._meta.concrete_fields:
        for alias in labels_of(lambda field=field: field.verbose_name) | {norm(field.name)}:
            aliases.setdefault(alias, field.name)
    headers = [aliases.get(norm(h), h) for h in dataset.headers]
    choices = {}
    for key in headers:
        field = _model_field(model, key)
        if field is not None and field.choices:
            mapping = {}
            for code, label in field.flatchoices:
                mapping[norm(code)] = code
                for alias in labels_of(lambda label=label: label):
                    mapping.setdefault(alias, code)
            choices[key] = mapping
    out = tablib.Dataset(headers=headers, title=dataset.title)
    for row in dataset:
        out.append(
            [
                choices[k].get(norm(v), v) if k in choices and v not in (None, "") else v
                for k, v in zip(headers, row, strict=False)
            ]
        )
    return out


def labels_for(model) -> dict[str, str]:
    """Each field's title in the active language (the import report's column names)."""
    return {field.name: column_label(model, field.name) for field in model._meta.concrete_fields}
