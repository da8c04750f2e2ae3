"""The demo register: every page shows something to the logins that use it."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from approvals.models import RequestStepStatus
from confidentiality.models import AccessRequest, Destruction, Document, Handover, Issue, RequestStatus
from confidentiality.selectors import documents_visible_to

pytestmark = pytest.mark.django_db


def _user(name):
    return get_user_model().objects.get(username=name)


def test_demo_register_has_every_level_and_state(demo):
    assert set(Document.objects.values_list("level", flat=True)) == {2, 3, 4}
    assert Document.objects.values("owning_department").distinct().count() >= 5
    assert (
        Issue.objects.filter(
            returned_at__isnull=True, return_due__lt=__import__("django.utils.timezone").utils.timezone.localdate()
        ).count()
        == 1
    )
    assert Destruction.objects.filter(destroyed_at__isnull=True).exists()
    assert Handover.objects.exists()


def test_the_production_manager_has_a_pending_access_request_to_decide(demo, client):
    pending = AccessRequest.objects.get(status=RequestStatus.PENDING)
    manager = _user("prod_manager")
    from approvals.selectors import latest_request_for

    step = latest_request_for(pending).steps.get(status=RequestStepStatus.PENDING)
    assert step.assigned_to == manager
    client.force_login(manager)
    assert client.get(reverse("approvals:decide", args=[step.pk])).status_code == 200


@pytest.mark.parametrize(
    ("username", "pages"),
    [
        (
            "records_keeper",
            ["document_list", "issue_list", "destruction_list", "handover_list", "access_log", "access_request_list"],
        ),
        ("prod_manager", ["document_list", "my_copies"]),
        ("hr", ["access_request_list"]),
        ("gm", ["document_list", "my_copies"]),
    ],
)
def test_demo_pages_show_something(demo, client, username, pages):
    user = _user(username)
    client.force_login(user)
    for name in pages:
        response = client.get(reverse(f"confidentiality:{name}"))
        assert response.status_code == 200, name
        assert "table-cards" in response.content.decode()
        assert 'text-muted">' not in response.content.decode().split("<tbody>", 1)[1][:200], name


def test_the_employee_and_the_records_keeper_see_only_their_reach(demo):
    assert documents_visible_to(_user("employee")).count() == 0
    keeper = documents_visible_to(_user("records_keeper"))
    assert not keeper.filter(level=4).exists() and keeper.filter(level=3).exists()
