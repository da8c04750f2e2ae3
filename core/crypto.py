"""Secrets kept in the database (messenger keys, webhook secrets) are encrypted with Fernet; they are written
through forms that never show them again and read only when a message is sent."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _fernet() -> Fernet:
    key = settings.HRMS_FIELD_ENCRYPTION_KEY
    if not key:
        # Development and tests only: production.py refuses to start without the variable.
        key = base64.urlsafe_b64encode(hashlib.sha256(f"fields:{settings.SECRET_KEY}".encode()).digest())
    try:
        return Fernet(key)
    except ValueError as error:
        raise ImproperlyConfigured(f"HRMS_FIELD_ENCRYPTION_KEY is not a Fernet key: {error}") from error


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
