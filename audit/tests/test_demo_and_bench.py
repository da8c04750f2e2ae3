"""The demo company shows the audit trail (to the demo auditor) and the benchmark measures its page in budget."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarks.registry import BUDGETS, pages_for

pytestmark = pytest.mark.django_db


def test_the_demo_auditor_sees_changes_prints_and_exports(demo, login):
    auditor = get_user_model().objects.get(username="auditor")
    client = login(auditor)
    assert reverse("audit:entry_list") in client.get(reverse("home")).content.decode()
    actions = {
        row.action
        for action, _label in LogEntry.Action.choices
        for row in client.get(reverse("audit:entry_list"), {"action": action}).context["rows"]
    }
    assert {"新建", "修改", "访问"} <= actions
    printed = client.get(reverse("audit:entry_list"), {"person": "hr_manager", "action": LogEntry.Action.ACCESS})
    assert printed.context["rows"]


def test_the_benchmark_measures_the_audit_page_for_the_hr_manager_within_budget(demo, client):
    user = get_user_model().objects.get(username="hr_manager")
    client.force_login(user)
    pages = [page for page in pages_for(user) if page.url.startswith(reverse("audit:entry_list"))]
    assert {page.label for page in pages} >= {
        "Audit trail list",
        "Audit trail list, filtered",
        "Audit trail list, search",
    }
    over = []
    for page in pages:
        client.get(page.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.url).status_code == 200
        budget = BUDGETS[page.kind][0]  # None for the xlsx export (a file, budgeted by time)
        if budget is not None and len(captured.captured_queries) > budget:
            over.append((page.label, len(captured.captured_queries)))
    assert over == []
    head = get_user_model().objects.get(username="prod_head")
    assert not [page for page in pages_for(head) if page.url.startswith(reverse("audit:entry_list"))]
