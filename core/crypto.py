"""Secrets kept in the database (messenger keys, webhook secrets) are encrypted with Fernet; they are written
through forms that never show them again and read only when a message is sent."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def fernet(setting: str = "HRMS_FIELD_ENCRYPTION_KEY", *, purpose: str = "fields") -> Fernet:
    """The Fernet of one key setting (each purpose has its own key, so one can be rotated without the other).

    Without the variable — development and tests only: production.py refuses to start without it — a key is
    derived from SECRET_KEY and the purpose."""
    key = getattr(settings, setting, "")
    if not key:
        key = base64.urlsafe_b64encode(hashlib.sha256(f"{purpose}:{settings.SECRET_KEY}".encode()).digest())
    try:
        return Fernet(key)
    except ValueError as error:
        raise ImproperlyConfigured(f"{setting} is not a Fernet key: {error}") from error


def _fernet() -> Fernet:
    return fernet()


def encrypt(plain: str) -> str:
    """The ciphertext of ``plain`` as text ("" stays "": nothing configured)."""
    return _fernet().encrypt(plain.encode()).decode() if plain else ""


def decrypt(token: str) -> str:
    """The plain text of a stored secret; a secret written under another key cannot be read and says so."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured("A stored secret cannot be decrypted with HRMS_FIELD_ENCRYPTION_KEY.") from error
