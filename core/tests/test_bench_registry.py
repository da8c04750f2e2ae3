"""The benchmark's page registry (benchmarks/registry.py and each app's bench.py) resolves on demo data."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from benchmarks.registry import list_pages, pages_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", force=True, stdout=io.StringIO())
    return get_user_model().objects


@pytest.mark.parametrize("username", ["hr_manager", "prod_head"])
def test_every_registered_page_answers_200(demo, client, username):
    """Every page the benchmark requests exists and renders for the HR manager and a department head."""
    user = demo.get(username=username)
    client.force_login(user)
    pages = pages_for(user)

    assert {"list", "detail", "pdf"} <= {page.kind for page in pages}
    failed = [(page.label, page.url, status) for page in pages if (status := client.get(page.url).status_code) != 200]
    assert failed == []


def test_a_list_is_measured_first_filtered_searched_and_deep():
    pages = list_pages("Employees", "employees:employee_list", total=10000, filters={"status": "regular"}, search="王")

    assert [page.url.split("?", 1)[-1] for page in pages][1:] == ["status=regular", "q=%E7%8E%8B", "page=100"]
    assert {page.kind for page in pages} == {"list"}
