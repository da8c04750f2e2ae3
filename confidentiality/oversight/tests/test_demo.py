"""The demo company shows every oversight page with something on it, to each demo user within their reach."""

import pytest
from django.test import Client

from benchmarks.registry import BUDGETS  # noqa: F401  (the bench module must import)
from confidentiality.oversight import bench
from confidentiality.oversight.models import Handout, Incident, Inspection, Medium, Meeting

pytestmark = pytest.mark.django_db

USERS = (
    "security_officer",
    "records_keeper",
    "gm",
    "vp",
    "prod_manager",
    "hr_manager",
    "prod_head",
    "qa_head",
    "employee",
    "auditor",
)


def _client(username):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_demo_has_every_state_and_a_second_run_adds_nothing(demo):
    from django.core.management import call_command

    counts = (Meeting.objects.count(), Incident.objects.count(), Inspection.objects.count(), Medium.objects.count())
    assert counts == (3, 2, 2, 3)
    assert Handout.objects.filter(collected_at__isnull=True).count() == 1
    assert Incident.objects.filter(status=Incident.Status.DECIDED).exists()
    assert Incident.objects.filter(status=Incident.Status.REPORTED).exists()
    call_command("seed_demo", force=True)
    assert (
        Meeting.objects.count(),
        Incident.objects.count(),
        Inspection.objects.count(),
        Medium.objects.count(),
    ) == counts


@pytest.mark.parametrize("username", USERS)
def test_every_bench_page_answers_for_every_demo_user(demo, username):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    client = _client(username)
    for page in bench.pages(user):
        response = client.get(page.url)
        assert response.status_code == 200, (username, page.label, page.url)
    assert client.get("/").status_code == 200


def test_the_records_keeper_does_not_see_the_top_secret_meeting(demo):
    client = _client("records_keeper")
    top = Meeting.objects.get(level=4)
    body = client.get("/confidentiality/oversight/meetings/").content.decode()
    assert "报价策略会" in body and top.title not in body and top.number not in body
    assert client.get(top.get_absolute_url()).status_code == 404
    officer = _client("security_officer")
    assert top.title in officer.get("/confidentiality/oversight/meetings/").content.decode()
