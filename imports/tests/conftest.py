"""The employees tests' organisation and users, plus files to import."""

import datetime

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from core.validators import build_id_number
from employees.tests.conftest import en, org, users  # noqa: F401  (fixtures)

HEADERS = [
    "number",
    "name",
    "gender",
    "birth_date",
    "id_number",
    "hire_date",
    "department",
    "position",
    "employment_type",
    "status",
    "manager",
]
BIRTH = datetime.date(1990, 1, 2)


def employee_row(n: int, *, department="QA", position="QA-IN"):
    return [
        f"IMP{n:03d}",
        f"导入{n}",
        "M",
        BIRTH.isoformat(),
        build_id_number("310101", BIRTH, 500 + n),
        "2024-05-06",
        department,
        position,
        "regular",
        "regular",
        "",
    ]


def employees_csv(rows, name="roster.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tablib.Dataset(*rows, headers=HEADERS).export("csv").encode())


@pytest.fixture
def limits(settings):
    """Small limits, so that a few rows make a "big" file."""
    settings.HRMS_IMPORT_BACKGROUND_ROWS = 3
    settings.HRMS_IMPORT_MAX_ROWS = 20
    settings.HRMS_IMPORT_MAX_BYTES = 20_000
    return settings
