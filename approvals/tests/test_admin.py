import pytest
from django.urls import reverse

from approvals.models import Flow

pytestmark = pytest.mark.django_db


def test_an_administrator_edits_a_flow_with_its_steps_inline(admin_client):
    flow = Flow.objects.get(code="position_jd")
    assert admin_client.get(reverse("admin:approvals_flow_changelist")).status_code == 200
    page = admin_client.get(reverse("admin:approvals_flow_change", args=[flow.pk]))
    assert page.status_code == 200
    assert "steps-TOTAL_FORMS" in page.content.decode()
    for name in ("request", "delegation"):
        assert admin_client.get(reverse(f"admin:approvals_{name}_changelist")).status_code == 200
