"""core.widgets: the compact select renders what Django's Select renders, from one values_list query."""

import pytest
from django import forms
from django.db import connection
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext

from core.widgets import CompactModelChoiceField, CompactSelect
from org.models import Department
from org.services import department_create

CHOICES = [("", "---------"), ("1", "一 <b>"), ("2", "二"), ("Group", [("3", "三"), ("4", "四")])]


@pytest.mark.parametrize("value", [None, "", "2", "4", "9"])
def test_the_compact_select_renders_like_djangos_select(value):
    attrs = {"id": "id_x", "class": "form-select", "required": True}
    compact = CompactSelect(choices=CHOICES).render("x", value, attrs=attrs)
    django = forms.Select(choices=CHOICES).render("x", value, attrs=attrs)
    assert parse_html(compact) == parse_html(django)


@pytest.mark.django_db
def test_the_compact_field_lists_options_in_one_query_and_cleans_to_the_instance():
    production = department_create(code="PRD", name="生产部")
    quality = department_create(code="QA", name="品质部")

    class Filter(forms.Form):
        department = CompactModelChoiceField(
            queryset=Department.objects.order_by("code"),
            required=False,
            option_fields=("code", "name"),
            option_label=lambda code, name: f"{code} {name}",
        )

    form = Filter(data={"department": str(quality.pk)})
    assert form.is_valid() and form.cleaned_data["department"] == quality  # one query: the chosen department
    with CaptureQueriesContext(connection) as captured:
        html = str(form["department"])
    assert len(captured.captured_queries) == 1  # every option, in one values_list query
    assert f'<option value="{quality.pk}" selected>QA 品质部</option>' in html
    assert f'<option value="{production.pk}">PRD 生产部</option>' in html
    assert not Filter(data={"department": "999999"}).is_valid()
