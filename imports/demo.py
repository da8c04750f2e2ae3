"""Demo import jobs for `manage.py seed_demo` (after org and employees): the HR manager's roster files, one
checked with every row valid (waiting for "Import now"), one with problems per row and column. Through the
service, as a user would; a second run adds nothing."""

import datetime

import tablib
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core.validators import build_id_number
from org.models import Position

from . import policies, services
from .models import ImportJob

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
]
BIRTH = datetime.date(1996, 4, 18)


def _file(name: str, rows) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tablib.Dataset(*rows, headers=HEADERS).export("csv").encode("utf-8-sig"))


def seed(*, stdout=None) -> None:
    hr = get_user_model().objects.filter(username="hr_manager").first()
    position = Position.objects.select_related("department").filter(is_active=True).order_by("pk").first()
    if hr is None or position is None or not policies.can_start(hr, "employees"):
        return
    if ImportJob.objects.filter(created_by=hr).exists():
        return
    dept, code = position.department.code, position.code
    rows = [
        [
            "D90001",
            "周导入",
            "M",
            BIRTH.isoformat(),
            build_id_number("320502", BIRTH, 901),
            "2026-12-01",
            dept,
            code,
            "regular",
            "probation",
        ],
        [
            "D90002",
            "吴导入",
            "F",
            BIRTH.isoformat(),
            build_id_number("320502", BIRTH, 902),
            "2026-12-01",
            dept,
            code,
            "regular",
            "probation",
        ],
    ]
    bad = [
        rows[0],
        ["D90003", "郑导入", "M", BIRTH.isoformat(), "123", "2026-12-01", "NO-SUCH-DEPT", code, "regular", "probation"],
    ]
    with translation.override("zh-hans"):
        services.import_job_start(kind="employees", upload=_file("12月新员工.csv", rows), by=hr)
        services.import_job_start(kind="employees", upload=_file("12月新员工-有错.csv", bad), by=hr)
    if stdout:
        stdout.write(f"imports: {ImportJob.objects.filter(created_by=hr).count()} import jobs")
