"""Messenger notices (issue 24): the inbox's notifications also go to WeCom, DingTalk and Feishu (a group robot,
or a work notice to the person).

One adapter per provider turns a notice into that provider's HTTP request (robot signatures included). What is
sent is the notification's kind and an absolute link to the page to act on — never its title or body, which may
name a person or a classified document: the messenger is outside the company's control, the page behind the
link checks who opens it.
"""

import base64
import hashlib
import hmac
import json
import time
import urllib.parse
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from core import outbound
from core.crypto import decrypt

from . import kinds
from .models import MessengerChannel, Notification, Provider


class DeliveryError(Exception):
    """The provider refused or could not be reached; the message says why (never a key)."""


@dataclass(frozen=True)
class Notice:
    """What leaves the company for one notification: a one-line text and the link to act on."""

    text: str
    url: str
    recipient_name: str
    external_id: str = ""


def absolute_url(path: str) -> str:
    site = settings.HRMS_SITE_URL.rstrip("/")
    if not path:
        return f"{site}/notifications/"
    return f"{site}{path}" if path.startswith("/") else path


def notice_for(notification: Notification, *, external_id: str = "") -> Notice:
    """The safe content of a notification: its kind's label and a link through the inbox (which marks it read)."""
    return Notice(
        text=str(kinds.label_for(notification.kind)),
        url=absolute_url(f"/notifications/{notification.pk}/open/"),
        recipient_name=notification.recipient.get_full_name() or notification.recipient.get_username(),
        external_id=external_id,
    )


def _post_json(url: str, payload: dict, *, headers: dict | None = None) -> dict:
    return _checked(url, outbound.json_request(url, payload, headers=headers))


def _get_json(url: str) -> dict:
    return _checked(url, outbound.json_request(url))


def _checked(url: str, data: dict) -> dict:
    # WeCom and DingTalk answer errcode 0, Feishu code 0 (StatusCode 0 in older robots).
    code = data.get("errcode", data.get("code", data.get("StatusCode", 0)))
    if code not in (0, "0", None):
        host = urllib.parse.urlsplit(url).netloc
        raise DeliveryError(f"{host}: {code} {data.get('errmsg') or data.get('msg') or ''}".strip())
    return data


def sign_dingtalk(secret: str, timestamp_ms: int) -> str:
    """DingTalk robot signature: Base64(HMAC-SHA256(key=secret, "timestamp\\nsecret")), URL-encoded by the caller."""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def sign_feishu(secret: str, timestamp_s: int) -> str:
    """Feishu robot signature: Base64(HMAC-SHA256(key="timestamp\\nsecret", empty message))."""
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def _markdown(notice: Notice) -> str:
    return f"**{notice.text}**\n\n{_('For')}: {notice.recipient_name}\n\n[{_('Open')}]({notice.url})"


def send_wecom_robot(channel: MessengerChannel, notice: Notice) -> None:
    _post_json(
        decrypt(channel.webhook_url_encrypted), {"msgtype": "markdown", "markdown": {"content": _markdown(notice)}}
    )


def send_dingtalk_robot(channel: MessengerChannel, notice: Notice) -> None:
    url = decrypt(channel.webhook_url_encrypted)
    secret = decrypt(channel.secret_encrypted)
    if secret:
        timestamp = int(time.time() * 1000)
        sign = urllib.parse.quote_plus(sign_dingtalk(secret, timestamp))
        url = f"{url}{'&' if '?' in url else '?'}timestamp={timestamp}&sign={sign}"
    _post_json(url, {"msgtype": "markdown", "markdown": {"title": notice.text, "text": _markdown(notice)}})


def send_feishu_robot(channel: MessengerChannel, notice: Notice) -> None:
    payload: dict = {
        "msg_type": "text",
        "content": {"text": f"{notice.text}\n{_('For')}: {notice.recipient_name}\n{notice.url}"},
    }
    secret = decrypt(channel.secret_encrypted)
    if secret:
        timestamp = int(time.time())
        payload = {"timestamp": str(timestamp), "sign": sign_feishu(secret, timestamp), **payload}
    _post_json(decrypt(channel.webhook_url_encrypted), payload)


def send_wecom_app(channel: MessengerChannel, notice: Notice) -> None:
    base = (channel.api_base or "https://qyapi.weixin.qq.com").rstrip("/")
    query = urllib.parse.urlencode({"corpid": channel.app_key, "corpsecret": decrypt(channel.secret_encrypted)})
    token = _get_json(f"{base}/cgi-bin/gettoken?{query}")["access_token"]
    _post_json(
        f"{base}/cgi-bin/message/send?access_token={urllib.parse.quote(token)}",
        {
            "touser": notice.external_id,
            "msgtype": "textcard",
            "agentid": int(channel.agent_id or 0),
            "textcard": {"title": notice.text, "description": notice.text, "url": notice.url, "btntxt": _("Open")},
        },
    )


def send_dingtalk_app(channel: MessengerChannel, notice: Notice) -> None:
    base = (channel.api_base or "https://oapi.dingtalk.com").rstrip("/")
    query = urllib.parse.urlencode({"appkey": channel.app_key, "appsecret": decrypt(channel.secret_encrypted)})
    token = _get_json(f"{base}/gettoken?{query}")["access_token"]
    _post_json(
        f"{base}/topapi/message/corpconversation/asyncsend_v2?access_token={urllib.parse.quote(token)}",
        {
            "agent_id": channel.agent_id,
            "userid_list": notice.external_id,
            "msg": {
                "msgtype": "action_card",
                "action_card": {
                    "title": notice.text,
                    "markdown": f"**{notice.text}**",
                    "single_title": _("Open"),
                    "single_url": notice.url,
                },
            },
        },
    )


def send_feishu_app(channel: MessengerChannel, notice: Notice) -> None:
    """Feishu work notice: the app bot writes to the person (im/v1/messages, addressed by their Feishu user_id),
    with a tenant_access_token fetched by the app ID and secret."""
    base = (channel.api_base or "https://open.feishu.cn").rstrip("/")
    token = _post_json(
        f"{base}/open-apis/auth/v3/tenant_access_token/internal",
        {"app_id": channel.app_key, "app_secret": decrypt(channel.secret_encrypted)},
    )["tenant_access_token"]
    _post_json(
        f"{base}/open-apis/im/v1/messages?receive_id_type=user_id",
        {
            "receive_id": notice.external_id,
            "msg_type": "text",
            # Feishu wants the content as a JSON string inside the JSON body.
            "content": json.dumps({"text": f"{notice.text}\n{notice.url}"}, ensure_ascii=False),
        },
        headers={"Authorization": f"Bearer {token}"},
    )


ADAPTERS = {
    Provider.WECOM_ROBOT: send_wecom_robot,
    Provider.WECOM_APP: send_wecom_app,
    Provider.DINGTALK_ROBOT: send_dingtalk_robot,
    Provider.DINGTALK_APP: send_dingtalk_app,
    Provider.FEISHU_ROBOT: send_feishu_robot,
    Provider.FEISHU_APP: send_feishu_app,
}


def send(channel: MessengerChannel, notice: Notice) -> None:
    """Send one notice through the channel's adapter; raises DeliveryError when the provider did not take it."""
    if channel.is_personal and not notice.external_id:
        raise DeliveryError(_("The recipient has no account in this messenger."))
    try:
        ADAPTERS[channel.provider](channel, notice)
    except outbound.OutboundError as error:
        raise DeliveryError(str(error)) from None
    except KeyError as error:
        raise DeliveryError(f"unexpected answer: no {error}") from None
