"""The audit trail page: who reads it, its filters, constant queries, masked secrets and the logged export."""

import datetime
import io

import openpyxl
import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from audit.services import Access, access_log
from core import roles
from core.security import SecrecyLevel
from employees.models import Employee
from tests.factories import EmployeeFactory

LIST = reverse("audit:entry_list")
EXPORT = reverse("audit:entry_export")


@pytest.fixture
def people(db, make_user):
    secret = SecrecyLevel.SECRET
    return {
        "hr_manager": make_user("hr_mgr", roles=[roles.HR_MANAGER], clearance=secret, last_name="王", first_name="芳"),
        "auditor": make_user("auditor", roles=[roles.AUDITOR]),
        "hr": make_user("hr", roles=[roles.HR], clearance=secret, email="hr@example.com"),
        "head": make_user("head", roles=[roles.DEPT_HEAD]),
        "employee": make_user("worker", roles=[roles.EMPLOYEE]),
    }


def _rows(response):
    return response.context["rows"]


@pytest.mark.parametrize(("who", "status"), [("hr_manager", 200), ("auditor", 200)])
def test_the_hr_manager_and_auditors_read_the_trail_and_see_the_link(people, login, who, status):
    client = login(people[who])
    assert client.get(LIST).status_code == status
    assert client.get(EXPORT).status_code == status
    assert LIST in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("who", ["hr", "head", "employee"])
def test_hr_staff_heads_and_employees_are_refused(people, login, who):
    client = login(people[who])
    assert client.get(LIST).status_code == 403
    assert client.get(EXPORT).status_code == 403
    assert LIST not in client.get(reverse("home")).content.decode()
    assert not LogEntry.objects.filter(object_pk="export").exists()


def test_the_filters_find_by_person_record_action_and_dates(people, login):
    worker = EmployeeFactory(name="李冲压", phone="13900000000")
    other = EmployeeFactory(name="赵检验")
    with set_actor(people["hr"]):
        worker.phone = "13800000000"
        worker.save()
    access_log(by=people["hr_manager"], access=Access.PRINT, obj=other, detail="员工资料登记表")
    client = login(people["auditor"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    by_person = _rows(client.get(LIST, {"person": "hr@example.com"}))
    assert [(row.object_repr, row.changes) for row in by_person] == [
        (str(worker), [("Phone", "13900000000", "13800000000")])
    ]
    by_name = _rows(client.get(LIST, {"person": "王芳"}))
    assert [(row.object_repr, row.changes) for row in by_name] == [(str(other), [("Printed", "", "员工资料登记表")])]

    employee_type = ContentType.objects.get_for_model(Employee).pk
    by_record = _rows(client.get(LIST, {"object_type": employee_type, "object": str(worker.pk)}))
    assert {row.object_pk for row in by_record} == {str(worker.pk)} and len(by_record) == 2  # created, changed
    assert {row.action for row in _rows(client.get(LIST, {"object": "赵检验"}))} == {"created", "accessed"}
    updates = _rows(client.get(LIST, {"action": LogEntry.Action.UPDATE}))
    assert str(worker) in {row.object_repr for row in updates} and {row.action for row in updates} == {"changed"}

    today = timezone.localdate()
    assert len(_rows(client.get(LIST, {"date_from": today, "date_to": today}))) == LogEntry.objects.count()
    assert _rows(client.get(LIST, {"date_to": today - datetime.timedelta(days=1)})) == []


def test_the_page_runs_the_same_queries_for_few_and_many_entries(people, login, django_assert_max_num_queries):
    client = login(people["auditor"])
    EmployeeFactory()
    client.get(LIST)  # content types cached, as in a running server
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for _ in range(30):
        access_log(by=people["hr"], access=Access.EXPORT, model=Employee, count=3, detail="number")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST, {"page": 1})
    assert len(_rows(response)) > 30


def test_secret_values_stay_masked_for_readers_without_clearance(people, login):
    with set_actor(people["hr"]):
        worker = EmployeeFactory(base_salary=6000, id_number="310101199001011234")
        worker.base_salary = 7777
        worker.save()
    body = login(people["auditor"]).get(LIST).content.decode()
    assert "7777" not in body and "0101199001011" not in body
    cleared = login(people["hr_manager"]).get(LIST).content.decode()
    assert "7777" not in cleared and "310101199001011234" not in cleared


def test_the_export_holds_the_filtered_rows_masked_and_is_itself_logged(people, login):
    with set_actor(people["hr"]):
        worker = EmployeeFactory(name="李冲压", base_salary=6000)
        worker.base_salary = 8888
        worker.save()
    EmployeeFactory(name="赵检验")
    response = login(people["auditor"]).get(EXPORT, {"object": "李冲压"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 3  # headers, the create and the change of 李冲压 only
    assert all("李冲压" in row[5] for row in values[1:])
    assert not any("8888" in str(cell) for row in values for cell in row)
    export = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_pk="export")
    assert export.actor == people["auditor"]
    assert export.content_type == ContentType.objects.get_for_model(LogEntry)
    assert "object=李冲压" in export.changes_dict[Access.EXPORT][1]


def test_the_admin_trail_is_only_for_those_who_read_the_trail(db, make_user, login):
    """A staff user given the log-entry permission is not an auditor: the admin's trail stays closed to them."""
    from django.contrib.auth.models import Permission

    from core import roles

    staff = make_user("clerk", roles=[roles.HR])
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(Permission.objects.get(codename="view_logentry", content_type__app_label="auditlog"))
    assert login(staff).get(reverse("admin:auditlog_logentry_changelist")).status_code == 403
    auditor = make_user("auditor2", roles=[roles.AUDITOR])
    auditor.is_staff = True
    auditor.save()
    assert login(auditor).get(reverse("admin:auditlog_logentry_changelist")).status_code == 200


def test_the_trail_speaks_chinese_and_shows_no_reverse_relations(people, login):
    """django-auditlog has no Chinese: the actions are ours ("新建", "修改"); an application's interviews (a reverse
    relation) are not listed as a change of the application."""
    worker = EmployeeFactory(name="钱新建")
    worker.phone = "13911112222"
    worker.save()
    client = login(people["hr_manager"])
    rows = _rows(client.get(LIST, {"object": "钱新建"}))
    actions = {row.action for row in rows}
    assert {"新建", "修改"} <= actions, actions
    labels = {label for row in rows for label, _old, _new in row.changes}
    assert not any(".None" in new for row in rows for _label, _old, new in row.changes)
    assert "Job changes" not in labels and "Contracts" not in labels
