"""The employee import (employees.resources): lookups loaded once per import, rows validated one by one,
saved in batches with the same audit entries django-auditlog's signals write."""

import datetime

import pytest
import tablib
from auditlog.context import set_actor
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from import_export.resources import Diff

from core import roles
from core.security import SecrecyLevel, mask_id_number
from core.validators import build_id_number
from employees.models import Employee
from employees.resources import EmployeeResource, created_changes
from tests.factories import EmployeeFactory

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


@pytest.fixture
def hr(make_user):
    return make_user("importer", roles=[roles.HR], clearance=SecrecyLevel.SECRET)


def _row(n: int, *, department="QA", position="QA-IN", manager="", id_number=None):
    return [
        f"IMP{n:03d}",
        f"导入{n}",
        "M",
        BIRTH.isoformat(),
        id_number or build_id_number("310101", BIRTH, 500 + n),
        "2024-05-06",
        department,
        position,
        "regular",
        "regular",
        manager,
    ]


def _dataset(rows) -> tablib.Dataset:
    return tablib.Dataset(*rows, headers=HEADERS)


def _entries(action=None):
    qs = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Employee))
    return qs.filter(action=action) if action is not None else qs


def test_the_dry_run_reports_each_rows_errors_and_saves_nothing(org, hr):
    taken = org.worker.id_number
    rows = [
        _row(1),
        _row(2, department="NOPE"),
        _row(3, id_number=taken),  # another employee's ID number
        _row(4, id_number=build_id_number("310101", BIRTH, 504)),
        _row(5, id_number=build_id_number("310101", BIRTH, 504)),  # the same as row 4
        _row(4, id_number=build_id_number("310101", BIRTH, 506)),  # row 4's employee number again
        _row(7, position="ST-OP"),  # a position of another department
    ]
    result = EmployeeResource(user=hr).import_data(_dataset(rows), dry_run=True)
    invalid = {row.number: set(row.error_dict) for row in result.invalid_rows}
    # Row 3's birth date is not the one in the (other employee's) ID number either.
    assert invalid == {
        2: {"department"},
        3: {"birth_date", "id_number"},
        5: {"id_number"},
        6: {"number"},
        7: {"position"},
    }
    assert not result.has_errors()
    assert not Employee.objects.filter(number__startswith="IMP").exists()
    assert not _entries(LogEntry.Action.CREATE).filter(object_repr__contains="IMP").exists()


def test_the_commit_creates_the_rows_with_one_audit_entry_each(org, hr):
    rows = [_row(n) for n in range(1, 6)] + [_row(6, manager="IMP001")]
    with set_actor(hr, remote_addr="10.0.0.7"):
        result = EmployeeResource(user=hr).import_data(_dataset(rows), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 6
    created = {e.number: e for e in Employee.objects.filter(number__startswith="IMP")}
    assert len(created) == 6
    assert created["IMP006"].manager == created["IMP001"]
    assert (created["IMP001"].department, created["IMP001"].position) == (org.quality, org.inspector)
    entries = {
        e.object_id: e for e in _entries(LogEntry.Action.CREATE).filter(object_id__in=[e.pk for e in created.values()])
    }
    assert set(entries) == {e.pk for e in created.values()}
    entry = entries[created["IMP006"].pk]
    assert (entry.actor, entry.remote_addr, entry.object_repr) == (hr, "10.0.0.7", str(created["IMP006"]))
    # The same changes as django-auditlog's own diff; the ID number masked.
    assert entry.changes == {k: list(v) for k, v in model_instance_diff(None, created["IMP006"]).items()}
    assert entry.changes["id_number"][1] == mask_id_number(created["IMP006"].id_number)
    assert entry.changes["manager"] == ["None", str(created["IMP001"].pk)]


def test_created_changes_are_auditlogs_diff_of_a_new_row(org):
    employee = EmployeeFactory(position=org.inspector, manager=org.head)
    assert created_changes(employee) == model_instance_diff(None, employee)


def test_reimporting_updates_changed_rows_with_an_audit_entry_and_skips_unchanged_ones(org, hr):
    resource = EmployeeResource(user=hr)
    assert not resource.import_data(_dataset([_row(1), _row(2)]), dry_run=False).has_validation_errors()
    changed = _row(1)
    changed[1] = "改名"
    result = EmployeeResource(user=hr).import_data(_dataset([changed, _row(2)]), dry_run=False)
    assert (result.totals["update"], result.totals["skip"]) == (1, 1)
    employee = Employee.objects.get(number="IMP001")
    assert employee.name == "改名"
    update = _entries(LogEntry.Action.UPDATE).get(object_id=employee.pk)
    # As the save signal's entry: the changed field (and the auto_now timestamp, which a save also moves).
    assert update.changes["name"] == ["导入1", "改名"]
    assert set(update.changes) == {"name", "updated_at"}


def test_the_import_costs_no_query_per_row(org, hr):
    def queries(rows):
        with CaptureQueriesContext(connection) as captured:
            result = EmployeeResource(user=hr).import_data(_dataset(rows), dry_run=True)
        assert not result.has_validation_errors()
        return len(captured.captured_queries)

    queries([_row(n) for n in range(1, 6)])  # warm-up: content types and the like are cached once per process
    few, many = queries([_row(n) for n in range(1, 6)]), queries([_row(n) for n in range(1, 51)])
    # No query per row; SQLite may split a bulk INSERT in two (its limit of 999 parameters per statement).
    assert few <= many <= few + 2


class _LibraryDiffResource(EmployeeResource):
    def get_diff_class(self):
        return Diff


def test_the_previews_row_diff_is_import_exports_own_html(org, hr):
    """The cheaper diff of new rows renders exactly what import-export's Diff renders (values escaped, empty
    cells empty, unchanged defaults plain); an updated row still gets the library's diff."""
    EmployeeResource(user=hr).import_data(_dataset([_row(9)]), dry_run=False)
    renamed = _row(9)
    renamed[1] = "改名 <b>&</b>\nx"
    rows = [_row(1, manager="IMP009"), _row(2), renamed]
    rows[1][1] = "A & <B>\nC"
    ours = EmployeeResource(user=hr).import_data(_dataset(rows), dry_run=True)
    theirs = _LibraryDiffResource(user=hr).import_data(_dataset(rows), dry_run=True)
    assert [r.import_type for r in ours.rows] == ["new", "new", "update"]
    assert [r.diff for r in ours.rows] == [r.diff for r in theirs.rows]
    assert "A &amp; &lt;B&gt;&para;<br>C" in ours.rows[1].diff[1]


def test_created_changes_of_a_row_without_manager_are_auditlogs_diff(org):
    employee = EmployeeFactory(position=org.inspector, manager=None, email="")
    assert created_changes(employee) == model_instance_diff(None, employee)


def test_a_dry_run_computes_no_audit_entries(org, hr, monkeypatch):
    """They would be rolled back with the rows; the commit computes them (one per created employee)."""
    calls = []
    monkeypatch.setattr("employees.resources.log_bulk_changes", lambda pairs, action: calls.append(len(pairs)))
    rows = [_row(n) for n in range(1, 4)]
    EmployeeResource(user=hr).import_data(_dataset(rows), dry_run=True)
    assert calls == []
    EmployeeResource(user=hr).import_data(_dataset(rows), dry_run=False)
    assert calls == [3]


def test_the_admin_preview_shows_each_rows_values_and_errors_in_plain_words(org, users, client, en):
    """Through the admin import page: the new row's values, the bad row's error; nothing written."""
    hr = users["hr"]
    hr.is_staff = True
    hr.save()
    hr.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_employee", "change_employee", "view_employee"])
    )
    client.force_login(hr)

    def preview(rows):
        upload = SimpleUploadedFile("e.csv", _dataset(rows).export("csv").encode())
        response = client.post(
            reverse("admin:employees_employee_import"), {"format": "0", "resource": "0", "import_file": upload}
        )
        assert response.status_code == 200
        return response.content.decode()

    valid = preview([_row(1), _row(2)])
    assert '<ins style="background:#e6ffe6;">导入1</ins>' in valid  # each row's values
    assert '<ins style="background:#e6ffe6;">IMP002</ins>' in valid
    invalid = preview([_row(1), _row(2, department="NOPE")])
    assert "No department with code" in invalid and "NOPE" in invalid
    assert not Employee.objects.filter(number__startswith="IMP").exists()
