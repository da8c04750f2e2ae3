"""Messenger notices (issue 24): each adapter against a local fake endpoint that checks payload and signature;
delivery through the one notify() path, logged, retried, never blocking the caller, never carrying the title."""

import base64
import hashlib
import hmac
import json
import urllib.parse

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse

from core.crypto import decrypt, encrypt
from notifications import channels
from notifications.models import ChannelDelivery, DeliveryStatus, MessengerAccount, MessengerChannel, Provider
from notifications.services import notify
from org.services import department_create
from tests.factories import EmployeeFactory, PositionFactory

pytestmark = pytest.mark.django_db

SECRET_TITLE = "绝密文件《新型号设计方案》归还提醒 ID 110101199003074258"


def _channel(provider, url="", secret="", **extra):
    return MessengerChannel.objects.create(
        name=str(provider),
        provider=provider,
        enabled=True,
        webhook_url_encrypted=encrypt(url),
        secret_encrypted=encrypt(secret),
        **extra,
    )


@pytest.fixture
def recipient(make_user):
    return make_user("zhang", first_name="三", last_name="张", email="zhang@example.com")


def _notify(recipient, django_capture_on_commit_callbacks, kind="approval.step"):
    with django_capture_on_commit_callbacks(execute=True):
        return notify(recipient=recipient, kind=kind, title=SECRET_TITLE, body=SECRET_TITLE, url="/approvals/steps/7/")


def test_a_wecom_robot_gets_the_kind_and_a_link_but_never_the_title(
    fake_endpoint, recipient, django_capture_on_commit_callbacks, settings
):
    settings.HRMS_SITE_URL = "https://hr.example.com"
    channel = _channel(Provider.WECOM_ROBOT, url=f"{fake_endpoint.url}/cgi-bin/webhook/send?key=K1")
    notification = _notify(recipient, django_capture_on_commit_callbacks)

    (sent,) = fake_endpoint.received
    assert sent.path == "/cgi-bin/webhook/send" and sent.query == {"key": "K1"}
    assert sent.json["msgtype"] == "markdown"
    content = sent.json["markdown"]["content"]
    assert f"https://hr.example.com/notifications/{notification.pk}/open/" in content
    assert "张" in content
    assert "绝密" not in sent.body.decode() and "110101" not in sent.body.decode()
    delivery = ChannelDelivery.objects.get(channel=channel, notification=notification)
    assert (delivery.status, delivery.attempts, delivery.error) == (DeliveryStatus.SENT, 1, "")


def test_a_dingtalk_robot_request_is_signed_with_the_timestamp_and_secret(
    fake_endpoint, recipient, django_capture_on_commit_callbacks
):
    _channel(Provider.DINGTALK_ROBOT, url=f"{fake_endpoint.url}/robot/send?access_token=T1", secret="SEC-ding")
    _notify(recipient, django_capture_on_commit_callbacks)

    (sent,) = fake_endpoint.received
    timestamp = sent.query["timestamp"]
    expected = base64.b64encode(
        hmac.new(b"SEC-ding", f"{timestamp}\nSEC-ding".encode(), hashlib.sha256).digest()
    ).decode()
    assert sent.query["access_token"] == "T1"
    assert sent.query["sign"] == expected  # parse_qs already undid the URL encoding
    assert sent.json["msgtype"] == "markdown" and "/open/" in sent.json["markdown"]["text"]


def test_a_feishu_robot_body_carries_its_signature(fake_endpoint, recipient, django_capture_on_commit_callbacks):
    _channel(Provider.FEISHU_ROBOT, url=f"{fake_endpoint.url}/open-apis/bot/v2/hook/H1", secret="SEC-fs")
    _notify(recipient, django_capture_on_commit_callbacks)

    (sent,) = fake_endpoint.received
    body = sent.json
    expected = base64.b64encode(hmac.new(f"{body['timestamp']}\nSEC-fs".encode(), b"", hashlib.sha256).digest())
    assert body["sign"] == expected.decode()
    assert body["msg_type"] == "text" and "/open/" in body["content"]["text"]
    assert "绝密" not in sent.body.decode()


@pytest.mark.parametrize(
    ("provider", "token_path", "send_path", "user_field"),
    [
        (Provider.WECOM_APP, "/cgi-bin/gettoken", "/cgi-bin/message/send", "touser"),
        (Provider.DINGTALK_APP, "/gettoken", "/topapi/message/corpconversation/asyncsend_v2", "userid_list"),
    ],
)
def test_a_work_notice_goes_to_the_recipients_messenger_account(
    fake_endpoint, recipient, django_capture_on_commit_callbacks, provider, token_path, send_path, user_field
):
    fake_endpoint.answer(token_path, body={"errcode": 0, "access_token": "AT-1"})
    _channel(provider, secret="APP-SECRET", app_key="corp-1", agent_id="1000002", api_base=fake_endpoint.url)
    MessengerAccount.objects.create(user=recipient, provider=provider, external_id="zhangsan")
    _notify(recipient, django_capture_on_commit_callbacks)

    token, message = fake_endpoint.received
    assert token.path == token_path and "APP-SECRET" in token.query.values()
    assert message.path == send_path and message.query == {"access_token": "AT-1"}
    assert message.json[user_field] == "zhangsan"
    assert "绝密" not in message.body.decode()


def test_a_feishu_work_notice_fetches_a_tenant_token_and_writes_to_the_persons_user_id(
    fake_endpoint, recipient, django_capture_on_commit_callbacks, settings
):
    settings.HRMS_SITE_URL = "https://hr.example.com"
    token_path = "/open-apis/auth/v3/tenant_access_token/internal"
    fake_endpoint.answer(token_path, body={"code": 0, "msg": "ok", "tenant_access_token": "t-TOKEN", "expire": 7200})
    fake_endpoint.answer("/open-apis/im/v1/messages", body={"code": 0, "msg": "success", "data": {}})
    _channel(Provider.FEISHU_APP, secret="FS-APP-SECRET", app_key="cli_a1b2", api_base=fake_endpoint.url)
    MessengerAccount.objects.create(user=recipient, provider=Provider.FEISHU_APP, external_id="ou-zhang")
    notification = _notify(recipient, django_capture_on_commit_callbacks)

    token, message = fake_endpoint.received
    assert token.method == "POST" and token.path == token_path
    assert token.json == {"app_id": "cli_a1b2", "app_secret": "FS-APP-SECRET"}
    assert message.method == "POST" and message.path == "/open-apis/im/v1/messages"
    assert message.query == {"receive_id_type": "user_id"}
    assert message.headers["Authorization"] == "Bearer t-TOKEN"
    assert message.json["receive_id"] == "ou-zhang" and message.json["msg_type"] == "text"
    text = json.loads(message.json["content"])["text"]
    assert f"https://hr.example.com/notifications/{notification.pk}/open/" in text
    assert "绝密" not in message.body.decode() and "110101" not in message.body.decode()
    assert "FS-APP-SECRET" not in message.body.decode()
    assert ChannelDelivery.objects.get().status == DeliveryStatus.SENT


def test_a_refused_feishu_work_notice_is_logged_with_its_code_but_not_the_secret(
    fake_endpoint, recipient, django_capture_on_commit_callbacks, settings
):
    settings.HRMS_DELIVERY_MAX_ATTEMPTS = 1
    fake_endpoint.answer(
        "/open-apis/auth/v3/tenant_access_token/internal", body={"code": 10014, "msg": "app secret invalid"}
    )
    _channel(Provider.FEISHU_APP, secret="FS-WRONG", app_key="cli_a1b2", api_base=fake_endpoint.url)
    MessengerAccount.objects.create(user=recipient, provider=Provider.FEISHU_APP, external_id="ou-zhang")
    _notify(recipient, django_capture_on_commit_callbacks)

    delivery = ChannelDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and "10014" in delivery.error
    assert "FS-WRONG" not in delivery.error and len(fake_endpoint.received) == 1


def test_no_feishu_work_notice_for_someone_without_a_feishu_account(
    fake_endpoint, recipient, django_capture_on_commit_callbacks
):
    _channel(Provider.FEISHU_APP, secret="S", app_key="cli_a1b2", api_base=fake_endpoint.url)
    MessengerAccount.objects.create(user=recipient, provider=Provider.WECOM_APP, external_id="zhangsan")
    _notify(recipient, django_capture_on_commit_callbacks)
    assert fake_endpoint.received == [] and not ChannelDelivery.objects.exists()


def test_the_admin_takes_a_feishu_work_notice_without_an_agent_id_and_keeps_its_secret_write_only(admin_client):
    url = reverse("admin:notifications_messengerchannel_add")
    refused = admin_client.post(url, {"name": "飞书", "provider": Provider.FEISHU_APP, "app_key": "cli_a1b2"})
    assert refused.status_code == 200 and not MessengerChannel.objects.exists()

    response = admin_client.post(
        url, {"name": "飞书", "provider": Provider.FEISHU_APP, "app_key": "cli_a1b2", "secret": "FS-SECRET-1"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    channel = MessengerChannel.objects.get()
    assert channel.is_personal and "FS-SECRET-1" not in channel.secret_encrypted
    assert decrypt(channel.secret_encrypted) == "FS-SECRET-1"
    page = admin_client.get(reverse("admin:notifications_messengerchannel_change", args=[channel.pk])).content.decode()
    assert "FS-SECRET-1" not in page and channel.secret_encrypted not in page


def test_no_work_notice_is_logged_for_someone_without_a_messenger_account(
    fake_endpoint, recipient, django_capture_on_commit_callbacks
):
    _channel(Provider.WECOM_APP, secret="S", app_key="corp", agent_id="1", api_base=fake_endpoint.url)
    _notify(recipient, django_capture_on_commit_callbacks)
    assert fake_endpoint.received == [] and not ChannelDelivery.objects.exists()


def test_a_department_channel_gets_its_departments_people_only(
    fake_endpoint, make_user, django_capture_on_commit_callbacks
):
    production = department_create(code="PRD", name="生产部")
    stamping = department_create(code="PRD-ST", name="冲压课", parent=production)
    quality = department_create(code="QA", name="品质部")
    worker, inspector = make_user("worker"), make_user("inspector")
    EmployeeFactory(position=PositionFactory(department=stamping), user=worker)
    EmployeeFactory(position=PositionFactory(department=quality), user=inspector)
    _channel(Provider.WECOM_ROBOT, url=f"{fake_endpoint.url}/prd", department=production)

    _notify(worker, django_capture_on_commit_callbacks)
    _notify(inspector, django_capture_on_commit_callbacks)

    assert [r.path for r in fake_endpoint.received] == ["/prd"]


def test_a_channel_limited_to_kinds_ignores_the_others(fake_endpoint, recipient, django_capture_on_commit_callbacks):
    _channel(Provider.WECOM_ROBOT, url=f"{fake_endpoint.url}/hook", kinds=["approval.step"])
    _notify(recipient, django_capture_on_commit_callbacks, kind="something.else")
    assert fake_endpoint.received == []
    _notify(recipient, django_capture_on_commit_callbacks)
    assert len(fake_endpoint.received) == 1


def test_a_disabled_channel_sends_nothing(fake_endpoint, recipient, django_capture_on_commit_callbacks):
    channel = _channel(Provider.WECOM_ROBOT, url=f"{fake_endpoint.url}/hook")
    channel.enabled = False
    channel.save()
    _notify(recipient, django_capture_on_commit_callbacks)
    assert fake_endpoint.received == []


def test_a_refusing_messenger_is_retried_then_logged_failed_and_the_notification_still_stands(
    fake_endpoint, recipient, django_capture_on_commit_callbacks, settings
):
    settings.HRMS_DELIVERY_MAX_ATTEMPTS = 3
    fake_endpoint.answer("/hook", status=200, body={"errcode": 93000, "errmsg": "invalid webhook url"})
    _channel(Provider.WECOM_ROBOT, url=f"{fake_endpoint.url}/hook?key=SECRET-KEY")
    notification = _notify(recipient, django_capture_on_commit_callbacks)

    assert len(fake_endpoint.received) == 3
    delivery = ChannelDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 3)
    assert "93000" in delivery.error and "SECRET-KEY" not in delivery.error
    assert notification.pk and recipient.notifications.count() == 1


def test_an_unreachable_messenger_does_not_fail_the_request_that_notified(
    recipient, django_capture_on_commit_callbacks, settings
):
    settings.HRMS_DELIVERY_MAX_ATTEMPTS = 1
    _channel(Provider.FEISHU_ROBOT, url="http://127.0.0.1:9/hook", secret="x")
    _notify(recipient, django_capture_on_commit_callbacks)
    delivery = ChannelDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and "127.0.0.1:9" in delivery.error


def test_the_retry_delay_doubles(settings):
    from notifications.services import retry_delay

    settings.HRMS_DELIVERY_BACKOFF_SECONDS = 60
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [60, 120, 240, 480]


def test_the_admin_stores_the_keys_encrypted_and_never_shows_them_again(admin_client):
    url = reverse("admin:notifications_messengerchannel_add")
    response = admin_client.post(
        url,
        {
            "name": "生产部群",
            "provider": Provider.DINGTALK_ROBOT,
            "webhook_url": "https://oapi.dingtalk.com/robot/send?access_token=TOKEN-123",
            "secret": "SEC-XYZ",
            "enabled": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    channel = MessengerChannel.objects.get()
    assert "TOKEN-123" not in channel.webhook_url_encrypted and decrypt(channel.secret_encrypted) == "SEC-XYZ"
    page = admin_client.get(reverse("admin:notifications_messengerchannel_change", args=[channel.pk])).content.decode()
    assert "TOKEN-123" not in page and "SEC-XYZ" not in page and channel.secret_encrypted not in page

    # Saving again with the fields left empty keeps the stored keys.
    admin_client.post(
        reverse("admin:notifications_messengerchannel_change", args=[channel.pk]),
        {"name": "生产部群", "provider": Provider.DINGTALK_ROBOT, "webhook_url": "", "secret": "", "enabled": "on"},
    )
    channel.refresh_from_db()
    assert channel.enabled and decrypt(channel.webhook_url_encrypted).endswith("TOKEN-123")


def test_the_delivery_log_is_in_the_admin_and_can_be_sent_again(
    admin_client, fake_endpoint, recipient, django_capture_on_commit_callbacks, settings
):
    settings.HRMS_DELIVERY_MAX_ATTEMPTS = 1
    fake_endpoint.answer("/hook", status=500, body={})
    _channel(Provider.WECOM_ROBOT, url=f"{fake_endpoint.url}/hook")
    _notify(recipient, django_capture_on_commit_callbacks)
    delivery = ChannelDelivery.objects.get()
    listing = admin_client.get(reverse("admin:notifications_channeldelivery_changelist")).content.decode()
    assert "HTTP 500" in listing

    fake_endpoint.answer("/hook", body={"errcode": 0})
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:notifications_channeldelivery_changelist"),
            {"action": "send_again", "_selected_action": [delivery.pk]},
        )
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT


def test_every_registered_kind_label_is_safe_to_send():
    """What leaves the company is the kind's label: labels are fixed words, never a name or a document title."""
    from notifications import kinds

    for code, label in kinds.registered():
        assert "%(" not in str(label) and "{" not in str(label), code


def test_the_text_sent_is_built_from_the_kind_not_from_the_title(recipient):
    notification = notify(recipient=recipient, kind="approval.step", title=SECRET_TITLE, url="/x/")
    notice = channels.notice_for(notification)
    assert SECRET_TITLE not in notice.text and notice.url.endswith(f"/notifications/{notification.pk}/open/")
    assert urllib.parse.urlsplit(notice.url).scheme in ("http", "https")


def test_site_admin_lists_the_new_models():
    assert {MessengerChannel, MessengerAccount, ChannelDelivery} <= set(site._registry)
