"""Demo data of issue 24 for `manage.py seed_demo` (after onboarding): a messenger channel for 生产部 and a
payroll webhook endpoint, both configured with fake keys and disabled, and a pending self-registration link
for the newest hire from an accepted offer (its address is printed: the token is not stored)."""

from django.contrib.auth import get_user_model

from core.crypto import encrypt
from notifications.models import MessengerChannel, Provider
from onboarding.models import OnboardingCase, RegistrationLink
from onboarding.services import registration_link_send, registration_url
from org.models import Department

from .models import Event, WebhookEndpoint

CHANNEL_NAME = "生产部企业微信群（演示）"
ENDPOINT_NAME = "工资系统（演示）"


def seed(*, stdout=None) -> None:
    production = Department.objects.filter(code="PRD").first()
    MessengerChannel.objects.get_or_create(
        name=CHANNEL_NAME,
        defaults={
            "provider": Provider.WECOM_ROBOT,
            "department": production,
            "enabled": False,
            "webhook_url_encrypted": encrypt("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=demo-not-a-key"),
        },
    )
    WebhookEndpoint.objects.get_or_create(
        name=ENDPOINT_NAME,
        defaults={
            "url": "https://payroll.example.invalid/hrms/webhook",
            "secret_encrypted": encrypt("demo-webhook-secret"),
            "events": [Event.HIRED, Event.CONVERTED, Event.TRANSFERRED, Event.SEPARATED],
            "enabled": False,
        },
    )
    _registration_link(stdout)


def _registration_link(stdout) -> None:
    hr = get_user_model().objects.filter(username="hr").first()
    case = (
        OnboardingCase.objects.filter(offer__isnull=False, status=OnboardingCase.Status.IN_PROGRESS)
        .select_related("employee")
        .order_by("-start_date", "-pk")
        .first()
    )
    if hr is None or case is None:
        return
    if RegistrationLink.objects.filter(case=case, status=RegistrationLink.Status.SENT).exists():
        return
    _link, token = registration_link_send(case=case, by=hr)
    if stdout is not None:
        stdout.write(f"  registration link for {case.employee.name} (works once): {registration_url(token)}")
