import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.models import Delegation, Flow, RequestStatus
from approvals.services import request_submit

pytestmark = pytest.mark.django_db


def test_an_administrator_edits_a_flow_with_its_steps_inline(admin_client):
    flow = Flow.objects.get(code="position_jd")
    assert admin_client.get(reverse("admin:approvals_flow_changelist")).status_code == 200
    page = admin_client.get(reverse("admin:approvals_flow_change", args=[flow.pk]))
    assert page.status_code == 200
    assert "steps-TOTAL_FORMS" in page.content.decode()
    for name in ("request", "delegation"):
        assert admin_client.get(reverse(f"admin:approvals_{name}_changelist")).status_code == 200


def test_requests_steps_and_decisions_are_read_only_history_in_the_admin(
    admin_client, org, process, make_flow, subject
):
    make_flow([("dept_head",)])
    request = request_submit(subject=subject, by=org.worker)
    url = reverse("admin:approvals_request_change", args=[request.pk])

    page = admin_client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="_save"' not in body
    assert admin_client.post(url, {"status": "approved"}).status_code == 403
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    assert admin_client.post(reverse("admin:approvals_request_delete", args=[request.pk])).status_code == 403


def test_the_admin_records_delegations_under_the_same_rule_as_the_page(admin_client, org):
    """The HR manager's approvals cannot be handed to a frontline employee from the admin either."""
    today = timezone.localdate().isoformat()
    response = admin_client.post(
        reverse("admin:approvals_delegation_add"),
        {"from_user": org.hr_manager.pk, "to_user": org.outsider.pk, "start_date": today, "end_date": today},
    )
    assert response.status_code == 200
    assert "delegate_not_qualified" in {
        error.code for error in response.context["adminform"].form.errors.as_data()["to_user"]
    }
    assert not Delegation.objects.exists()
