"""Requests this server makes to other systems (messenger notices, lifecycle webhooks): http(s) only, a timeout,
and errors that name the host but never the query string (it may carry a key)."""

import json
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings


class OutboundError(Exception):
    """The other system refused or could not be reached."""


def _check(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise OutboundError("only http(s) addresses are called")
    return parts.netloc


def request(url: str, *, method: str = "GET", body: bytes | None = None, headers: dict | None = None) -> bytes:
    """Send one request; returns the answer's body, raises OutboundError for a non-2xx answer or no answer."""
    host = _check(url)
    outgoing = urllib.request.Request(url, data=body, method=method, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(outgoing, timeout=settings.HRMS_DELIVERY_TIMEOUT_SECONDS) as answer:  # noqa: S310
            return answer.read()
    except urllib.error.HTTPError as error:
        raise OutboundError(f"{host}: HTTP {error.code}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise OutboundError(f"{host}: {getattr(error, 'reason', error)}") from None


def json_request(url: str, payload: dict | None = None, *, headers: dict | None = None) -> dict:
    """POST ``payload`` as JSON (GET when None) and read a JSON answer."""
    body = None if payload is None else json.dumps(payload, ensure_ascii=False).encode()
    sent_headers = {"Content-Type": "application/json; charset=utf-8", **(headers or {})} if body else headers
    raw = request(url, method="POST" if body is not None else "GET", body=body, headers=sent_headers)
    try:
        return json.loads(raw.decode() or "{}")
    except ValueError:
        raise OutboundError(f"{urllib.parse.urlsplit(url).netloc}: the answer is not JSON") from None
