"""core.pagination.IdPaginator: the same pages as Django's Paginator, fetched by primary key."""

import pytest
from django.core.paginator import Paginator
from django.db.models import Count

from core.pagination import IdPaginator
from org.models import Department
from org.services import department_create


@pytest.mark.django_db
@pytest.mark.parametrize("orphans", [0, 2])
def test_every_page_has_the_rows_and_order_of_djangos_paginator(orphans):
    for n in range(23):
        department_create(code=f"D{n:02d}", name=f"部门{n % 4}")
    qs = Department.objects.annotate(children_count=Count("children")).order_by("name", "-code")
    ours, django = IdPaginator(qs, 5, orphans=orphans), Paginator(qs, 5, orphans=orphans)
    assert ours.num_pages == django.num_pages
    for number in ours.page_range:
        assert list(ours.page(number)) == list(django.page(number))
        assert all(hasattr(d, "children_count") for d in ours.page(number))
    assert list(ours.get_page(999)) == list(django.get_page(999))


@pytest.mark.django_db
def test_an_empty_list_has_one_empty_page():
    page = IdPaginator(Department.objects.order_by("pk"), 5).get_page(1)
    assert list(page) == [] and page.number == 1
