"""Departments and positions as xlsx in the reader's words, read back by their imports (titles and labels in
Chinese), scoped and logged."""

import io

import openpyxl
import pytest
import tablib
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports.models import ImportJob
from org.models import Position
from org.resources import positions_from_labels


def _sheet(response):
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    return list(rows[0]), rows[1:]


def test_positions_export_with_chinese_titles_and_labels_and_is_logged(users, login, org):
    before = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    headers, rows = _sheet(login(users["hr"]).get(reverse("org:position_export")))
    assert "编码" in headers or headers[0] != "code"
    assert "category" not in headers and "department" not in headers
    assert {r[0] for r in rows} >= {org.stamper.code, org.inspector.code}
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() == before + 1


def test_a_head_exports_only_their_departments(users, login, org):
    _headers, rows = _sheet(login(users["head"]).get(reverse("org:department_export")))
    assert {r[0] for r in rows} == {org.production.code, org.stamping.code}


@pytest.mark.parametrize("who", ["me", "outsider"])
def test_an_employee_exports_nothing(users, login, who):
    assert login(users[who]).get(reverse("org:position_export")).status_code == 403


def test_labels_read_back_as_codes(org):
    category = Position._meta.get_field("category")
    code, label = category.flatchoices[0]
    from django.utils import translation

    with translation.override("zh-hans"):
        title = str(category.verbose_name)
        text = str(label)
    out = positions_from_labels(tablib.Dataset(["P1", text], headers=["code", title]))
    assert out.headers == ["code", "category"] and out[0][1] == code


def test_the_exported_positions_import_back(users, login, org, settings):
    client = login(users["hr"])
    content = client.get(reverse("org:position_export")).content
    client.post(
        reverse("imports:start", args=["positions"]),
        {"file": SimpleUploadedFile("positions.xlsx", content, content_type="application/octet-stream")},
    )
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportJob.Status.READY, job.result
