"""Secrets at rest (issue 24): Fernet with a key from the environment; production refuses to start without it."""

import os
import subprocess
import sys

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


def test_production_refuses_to_start_without_the_encryption_key():
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "x" * 50,
        "DATABASE_URL": "postgres://u@127.0.0.1/db",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DJANGO_ALLOWED_HOSTS": "hr.example.com",
    }
    env.pop("HRMS_FIELD_ENCRYPTION_KEY", None)
    result = subprocess.run(
        [sys.executable, "-c", "import hrms.settings.production"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0 and "HRMS_FIELD_ENCRYPTION_KEY must be set" in result.stderr
