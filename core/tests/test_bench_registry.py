"""The benchmark's page registry (benchmarks/registry.py and each app's bench.py) resolves on demo data."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.registry import BUDGETS, list_pages, pages_for

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


DAILY_PAGES = {
    # The approvals inbox and "my requests" are registered where the user has rows: on the demo data the HR
    # manager has steps waiting and no request of their own, the production head the other way round.
    "hr_manager": {"Home dashboard", "Approvals inbox list", "Request detail (longest chain)", "Notifications list"},
    "prod_head": {"Home dashboard", "My requests list", "Request detail (longest chain)", "Notifications list"},
}


@pytest.mark.parametrize("username", ["hr_manager", "prod_head"])
def test_the_daily_pages_are_registered_and_the_approval_and_notification_pages_keep_their_budget(
    demo, client, username
):
    """Home, approvals and notifications are measured and stay within their query budgets."""
    user = demo.get(username=username)
    client.force_login(user)
    pages = pages_for(user)
    labels = {page.label for page in pages}
    assert DAILY_PAGES[username] <= labels
    assert "Notifications list, filtered" in labels  # the Unread tab
    assert {page.kind for page in pages if page.label == "Home dashboard"} == {"home"}

    over = []
    for page in pages:
        if page.url != "/" and not page.url.startswith(("/approvals/", "/notifications/")):
            continue
        client.get(page.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.url).status_code == 200
        if len(captured.captured_queries) > BUDGETS[page.kind][0]:
            over.append((page.label, len(captured.captured_queries)))
    assert over == []
