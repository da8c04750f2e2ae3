"""Lifecycle webhooks (issue 24): hired, converted, transferred, separated, clearance changed reach a subscribed
endpoint, signed, without secret fields; failures retry and are logged; an administrator replays a delivery."""

import datetime
import hashlib
import hmac
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.services import login_update_access
from core import roles
from core.crypto import encrypt
from core.security import SecrecyLevel
from employees import signals
from employees.models import JobChange, JobChangeKind
from integrations.models import DeliveryStatus, Event, WebhookDelivery, WebhookEndpoint
from integrations.services import sign
from onboarding.models import ProbationStatus
from onboarding.services._common import _make_regular

pytestmark = pytest.mark.django_db
SECRET = "whsec-test"


@pytest.fixture
def endpoint(fake_endpoint):
    return WebhookEndpoint.objects.create(
        name="payroll", url=f"{fake_endpoint.url}/hook", secret_encrypted=encrypt(SECRET), enabled=True
    )


def _verified(received) -> dict:
    """The request's body, after checking its signature the way docs/webhooks.md tells receivers to."""
    timestamp = received.headers["X-HRMS-Timestamp"]
    expected = (
        "sha256=" + hmac.new(SECRET.encode(), timestamp.encode() + b"." + received.body, hashlib.sha256).hexdigest()
    )
    assert hmac.compare_digest(received.headers["X-HRMS-Signature"], expected)
    assert abs(int(timestamp) - timezone.now().timestamp()) < 60
    return json.loads(received.body)


def _no_secrets(received, employee):
    body = received.body.decode()
    assert employee.id_number not in body
    assert "salary" not in body and str(employee.base_salary) not in body
    assert not employee.phone or employee.phone not in body


def test_a_hire_is_sent_signed_without_salary_or_id_number(
    company, start_case, endpoint, fake_endpoint, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = start_case()
    (received,) = fake_endpoint.received
    body = _verified(received)
    assert received.headers["X-HRMS-Event"] == "employee.hired"
    assert body["event"] == "employee.hired" and body["data"]["employee"]["number"] == case.employee.number
    assert body["data"]["employee"]["department"]["code"] == "PRD-ST"
    assert body["data"]["start_date"] == case.start_date.isoformat()
    _no_secrets(received, case.employee)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, str(delivery.event_id)) == (DeliveryStatus.SENT, 1, body["id"])


def test_a_conversion_to_regular_is_sent(
    company, start_case, endpoint, fake_endpoint, django_capture_on_commit_callbacks
):
    case = start_case()
    fake_endpoint.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _make_regular(case, by=company.hr, regular_from=timezone.localdate(), status=ProbationStatus.CONVERTED)
    (received,) = fake_endpoint.received
    body = _verified(received)
    assert body["event"] == "employee.converted" and body["data"]["how"] == "converted"
    assert body["data"]["employee"]["status"] == "regular"


def test_a_transfer_names_both_posts(company, start_case, endpoint, fake_endpoint, django_capture_on_commit_callbacks):
    case = start_case()
    employee = case.employee
    change = JobChange(
        employee=employee,
        kind=JobChangeKind.TRANSFER,
        effective_date=timezone.localdate(),
        from_department=company.stamping,
        from_position=company.frontline,
        to_department=company.quality,
        to_position=company.qa_post,
    )
    fake_endpoint.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signals.job_change_applied.send(sender=JobChange, change=change, employee=employee, by=company.hr)
    body = _verified(fake_endpoint.received[0])
    assert body["data"]["from"]["position"]["code"] == "ST-OP" and body["data"]["to"]["department"]["code"] == "QA"


def test_a_separation_is_sent_only_to_endpoints_subscribed_to_it(
    company, start_case, endpoint, fake_endpoint, django_capture_on_commit_callbacks
):
    endpoint.events = [Event.SEPARATED]
    endpoint.save()
    other = WebhookEndpoint.objects.create(
        name="dlp",
        url=f"{fake_endpoint.url}/dlp",
        secret_encrypted=encrypt("x"),
        enabled=True,
        events=[Event.CLEARANCE_CHANGED],
    )
    with django_capture_on_commit_callbacks(execute=True):
        case = start_case()
        signals.employee_separated.send(
            sender=type(case.employee), employee=case.employee, by=None, date=datetime.date(2026, 12, 31)
        )
    assert [r.path for r in fake_endpoint.received] == ["/hook"]
    assert _verified(fake_endpoint.received[0])["data"]["last_working_day"] == "2026-12-31"
    assert not WebhookDelivery.objects.filter(endpoint=other).exists()


def test_a_clearance_change_is_sent(company, endpoint, fake_endpoint, django_capture_on_commit_callbacks, make_user):
    user = make_user("li", roles=[roles.EMPLOYEE])
    with django_capture_on_commit_callbacks(execute=True):
        login_update_access(
            user=user, by=company.hr_manager, role_names=[roles.EMPLOYEE], clearance=SecrecyLevel.SECRET
        )
    body = _verified(fake_endpoint.received[0])
    assert body["event"] == "user.clearance_changed"
    assert (body["data"]["username"], body["data"]["old"], body["data"]["new"]) == ("li", 1, 2)


def test_a_disabled_endpoint_gets_nothing(
    company, start_case, endpoint, fake_endpoint, django_capture_on_commit_callbacks
):
    endpoint.enabled = False
    endpoint.save()
    with django_capture_on_commit_callbacks(execute=True):
        start_case()
    assert fake_endpoint.received == [] and not WebhookDelivery.objects.exists()


def test_a_failing_receiver_is_retried_logged_and_never_undoes_the_hire(
    company, start_case, endpoint, fake_endpoint, django_capture_on_commit_callbacks, settings
):
    settings.HRMS_DELIVERY_MAX_ATTEMPTS = 3
    fake_endpoint.answer("/hook", status=503)
    with django_capture_on_commit_callbacks(execute=True):
        case = start_case()
    assert case.pk and len(fake_endpoint.received) == 3
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 3) and "HTTP 503" in delivery.error
    ids = {r.headers["X-HRMS-Delivery"] for r in fake_endpoint.received}
    assert ids == {str(delivery.event_id)}


def test_an_administrator_replays_a_delivery_with_the_same_event_id(
    admin_client, company, start_case, endpoint, fake_endpoint, django_capture_on_commit_callbacks, settings
):
    settings.HRMS_DELIVERY_MAX_ATTEMPTS = 1
    fake_endpoint.answer("/hook", status=500)
    with django_capture_on_commit_callbacks(execute=True):
        start_case()
    failed = WebhookDelivery.objects.get()
    fake_endpoint.answers.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:integrations_webhookdelivery_changelist"),
            {"action": "replay", "_selected_action": [failed.pk]},
        )
    assert response.status_code == 302
    replay = WebhookDelivery.objects.exclude(pk=failed.pk).get()
    assert replay.replay_of == failed and replay.status == DeliveryStatus.SENT
    assert _verified(fake_endpoint.received[-1])["id"] == str(failed.event_id)


def test_the_admin_never_shows_the_signing_secret(admin_client, endpoint):
    page = admin_client.get(reverse("admin:integrations_webhookendpoint_change", args=[endpoint.pk])).content.decode()
    assert SECRET not in page and endpoint.secret_encrypted not in page
    response = admin_client.post(
        reverse("admin:integrations_webhookendpoint_add"),
        {
            "name": "门禁",
            "url": "https://access.example.com/hr",
            "secret": "S2",
            "events": ["employee.hired"],
            "enabled": "on",
        },
    )
    assert response.status_code == 302
    created = WebhookEndpoint.objects.get(name="门禁")
    assert created.events == ["employee.hired"] and "S2" not in created.secret_encrypted


def test_an_enabled_endpoint_needs_a_secret(admin_client):
    response = admin_client.post(
        reverse("admin:integrations_webhookendpoint_add"),
        {"name": "x", "url": "https://x.example.com/", "secret": "", "enabled": "on"},
    )
    assert response.status_code == 200 and not WebhookEndpoint.objects.exists()


def test_the_signature_is_the_documented_hmac():
    assert sign("k", "1700000000", b"{}") == "sha256=" + hmac.new(b"k", b"1700000000.{}", hashlib.sha256).hexdigest()


def test_a_staff_user_without_rights_cannot_replay(client, make_user, endpoint):
    user = make_user("staffer", is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:integrations_webhookdelivery_changelist")).status_code == 403
