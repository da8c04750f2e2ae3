"""The roster (花名册): columns per reader, secret columns only for cleared readers, exports logged and in the
reader's language, and the exported file read back by the employee import with Chinese titles and labels."""

import io

import openpyxl
import pytest
import tablib
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.security import mask_id_number
from employees.models import Education, Employee
from employees.roster import dataset_from_roster
from imports import services as import_services
from imports.models import ImportJob
from tests.factories import EmployeeFactory

ALL = ["number", "name", "gender", "id_number", "education", "department", "position", "base_salary", "status"]


def _choose(client, columns):
    return client.post(reverse("employees:roster_columns"), {"columns": columns})


def _sheet(response):
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book.active.values)
    return list(rows[0]), [list(r) for r in rows[1:]]


def test_hr_cleared_for_secret_data_sees_and_exports_the_id_number_and_salary(users, login, org):
    org.worker.base_salary = 6500
    org.worker.education = Education.BACHELOR
    org.worker.save()
    client = login(users["hr"])
    _choose(client, ALL)
    page = client.get(reverse("employees:roster")).content.decode()
    assert org.worker.id_number in page
    headers, rows = _sheet(client.get(reverse("employees:roster_export")))
    assert headers[0] == "工号" and {"性别", "部门", "学历", "岗位"} <= set(headers)
    row = next(r for r in rows if r[0] == org.worker.number)
    assert "男" in row or "女" in row
    assert "本科" in row and org.stamping.name in row and org.stamper.title in row
    assert org.worker.id_number in row


def test_columns_above_the_readers_clearance_are_neither_offered_shown_nor_exported(users, login, org):
    client = login(users["hr_uncleared"])
    _choose(client, ALL)
    page = client.get(reverse("employees:roster")).content.decode()
    assert 'value="id_number"' not in page and 'value="base_salary"' not in page
    assert org.worker.id_number not in page and mask_id_number(org.worker.id_number) not in page
    headers, rows = _sheet(client.get(reverse("employees:roster_export")))
    assert "基本工资（月薪，元）" not in headers and not any(h.startswith("身份证") for h in headers)
    assert not any(org.worker.id_number in map(str, row) for row in rows)


def test_the_chosen_columns_are_kept_for_the_next_visit(users, login):
    client = login(users["hr"])
    _choose(client, ["number", "address"])
    page = client.get(reverse("employees:roster")).content.decode()
    assert 'id="col-address" checked' in page and 'id="col-phone" checked' not in page


def test_a_department_head_exports_only_their_department(users, login, org):
    headers, rows = _sheet(login(users["head"]).get(reverse("employees:roster_export")))
    numbers = {r[0] for r in rows}
    assert org.worker.number in numbers and org.inspector_emp.number not in numbers


@pytest.mark.parametrize("who", ["me", "outsider"])
def test_an_employee_has_no_roster(users, login, who):
    client = login(users[who])
    assert client.get(reverse("employees:roster")).status_code == 403
    assert client.get(reverse("employees:roster_export")).status_code == 403


def test_every_export_is_logged_with_its_columns_and_count(users, login, org):
    before = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    login(users["gm"]).get(reverse("employees:roster_export"), {"department": org.quality.pk})
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).latest("pk")
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() == before + 1
    assert entry.actor == users["gm"] and "2" in entry.object_repr  # 赵检验, 钱自助


def test_filter_and_sort_apply_to_page_and_export(users, login, org):
    client = login(users["hr"])
    _choose(client, ["number", "name"])
    _headers, rows = _sheet(
        client.get(reverse("employees:roster_export"), {"department": org.quality.pk, "sort": "-name"})
    )
    names = [r[1] for r in rows]
    assert set(names) == {"赵检验", "钱自助"} and names == sorted(names, reverse=True)


def test_the_roster_keeps_its_queries_whatever_the_number_of_rows(users, login, org, django_assert_max_num_queries):
    client = login(users["hr"])
    _choose(client, ALL + ["manager"])
    client.get(reverse("employees:roster"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("employees:roster"))
    EmployeeFactory.create_batch(15, position=org.stamper, manager=org.head)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("employees:roster"))


def test_chinese_titles_and_labels_read_back_as_codes(org):
    data = tablib.Dataset(
        ["E1", "男", "本科", org.stamping.name, org.stamper.title, "正式", "试用期", org.head.name],
        headers=["工号", "性别", "学历", "部门", "岗位", "用工类型", "状态", "直属上级"],
    )
    out = dataset_from_roster(data)
    assert out.headers[:7] == ["number", "gender", "education", "department", "position", "employment_type", "status"]
    assert out[0][:7] == ("E1", "M", "bachelor", org.stamping.code, org.stamper.code, "regular", "probation")


def _upload(client, response):
    return client.post(
        reverse("imports:start", args=["employees"]),
        {"file": SimpleUploadedFile("roster.xlsx", response, content_type="application/octet-stream")},
    )


def test_the_exported_roster_imports_back_and_an_error_is_named_in_chinese(users, login, org, settings):
    settings.HRMS_IMPORT_BACKGROUND_ROWS = 1000
    client = login(users["hr"])
    _choose(
        client,
        [
            "number",
            "name",
            "gender",
            "birth_date",
            "id_number",
            "education",
            "hire_date",
            "department",
            "position",
            "employment_type",
            "status",
        ],
    )
    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("employees:roster_export")).content))
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == org.worker.number)
    row[headers.index("学历")].value = "博士后"  # not a level of education the record knows
    buffer = io.BytesIO()
    book.save(buffer)
    _upload(client, buffer.getvalue())
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportJob.Status.INVALID, job.result
    problem = job.result["problems"][0]
    assert problem["column"] == "学历" and "博士后" in " ".join(problem["messages"])
    row[headers.index("学历")].value = "本科"
    buffer = io.BytesIO()
    book.save(buffer)
    _upload(client, buffer.getvalue())
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportJob.Status.READY, job.result
    import_services.import_job_commit(job=job, by=users["hr"])
    assert Employee.objects.get(pk=org.worker.pk).education == Education.BACHELOR
