"""Secrets at rest (issue 24): Fernet with a key from the environment (production refuses to start without it:
core/tests/test_production_settings.py)."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from core.crypto import decrypt, encrypt


def test_a_secret_round_trips_and_is_not_stored_in_clear():
    token = encrypt("SEC-123")
    assert "SEC-123" not in token and decrypt(token) == "SEC-123"
    assert encrypt("") == "" and decrypt("") == ""


def test_a_secret_written_under_another_key_cannot_be_read(settings):
    token = encrypt("SEC-123")
    settings.HRMS_FIELD_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(ImproperlyConfigured):
        decrypt(token)
