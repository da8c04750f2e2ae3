"""Volume data on top of the demo, and every bench page within its query budget."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.registry import BUDGETS
from confidentiality import bench
from confidentiality.models import ConfidentialityEvent, Document, Issue

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", ["records_keeper", "hr_manager", "prod_head"])
def test_volume_register_and_bench_pages_within_budget(demo, client, username):
    before = Document.objects.count()
    call_command(
        "seed_volume", employees=600, years=3, seed=3, today=datetime.date.today(), batch_size=500, stdout=io.StringIO()
    )
    assert Document.objects.count() - before >= 200
    assert Issue.objects.filter(returned_at__isnull=True).exists()
    assert ConfidentialityEvent.objects.count() > 500

    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    pages = bench.pages(user)
    assert pages
    for page in pages:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.url)
        assert response.status_code == 200, page.url
        limit = BUDGETS[page.kind][0]
        if limit is not None:
            assert len(queries) <= limit, (page.label, len(queries))
