"""The production settings: secrets required, and `check --deploy` clean with a realistic environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REALISTIC_ENV = {
    "DJANGO_SETTINGS_MODULE": "hrms.settings.production",
    "DJANGO_SECRET_KEY": "k7Qz2v9XbR4mW8pL1tY6nC3sF5hJ0dG-aE_uI9oP2rT4yU6iO8pA1sD3fG5hJ7kL",
    "DATABASE_URL": "postgres://hrms@127.0.0.1:5432/hrms",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DJANGO_ALLOWED_HOSTS": "hr.example.com",
    "HRMS_CONFIDENTIAL_FILE_KEY": "Zm9yLXRlc3RzLW9ubHktbm90LWEtcmVhbC1rZXktMTI=",
    "HRMS_FIELD_ENCRYPTION_KEY": "ZmllbGRzLWZvci10ZXN0cy1vbmx5LW5vdC1yZWFsLTE=",
}


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in REALISTIC_ENV and not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean | env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_reports_no_issue_with_a_realistic_environment(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=REALISTIC_ENV | {"HRMS_VAR_DIR": str(tmp_path)})

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "missing", ["DJANGO_SECRET_KEY", "REDIS_URL", "HRMS_CONFIDENTIAL_FILE_KEY", "HRMS_FIELD_ENCRYPTION_KEY"]
)
def test_production_refuses_to_start_without_a_required_variable(tmp_path, missing):
    env = {k: v for k, v in REALISTIC_ENV.items() if k != missing} | {"HRMS_VAR_DIR": str(tmp_path)}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr


def test_production_refuses_a_confidential_file_key_that_is_not_a_fernet_key(tmp_path):
    env = REALISTIC_ENV | {"HRMS_VAR_DIR": str(tmp_path), "HRMS_CONFIDENTIAL_FILE_KEY": "too-short"}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "HRMS_CONFIDENTIAL_FILE_KEY must be a Fernet key" in result.stderr
