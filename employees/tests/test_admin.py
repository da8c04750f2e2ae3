"""The admin cannot bypass the rules: fields with their own flow are read-only, a separated employee's record
and contracts are read-only, a contract's decision not to renew is made on the employee page (art. 42), and
re-importing the spreadsheet changes neither a separated record nor salary, post or status."""

import datetime

import pytest
import tablib
from django.contrib.auth.models import Permission
from django.urls import reverse

from employees.models import EmployeeStatus, LabourContract, ProtectedPeriod
from employees.resources import EmployeeResource
from tests.factories import LabourContractFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_hr(users, client):
    hr = users["hr"]
    hr.is_staff = True
    hr.save()
    hr.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                f"{action}_{model}"
                for action in ("add", "change", "view")
                for model in ("employee", "labourcontract", "protectedperiod")
            ]
        )
    )
    client.force_login(hr)
    return client


def _separate(employee):
    employee.status, employee.separated_on = EmployeeStatus.SEPARATED, datetime.date(2025, 6, 30)
    employee.save()


def test_the_employee_admin_does_not_edit_salary_post_or_status(org, staff_hr):
    url = reverse("admin:employees_employee_change", args=[org.worker.pk])
    form = staff_hr.get(url).context["adminform"].form
    assert {"base_salary", "department", "position", "status", "separated_on", "number"}.isdisjoint(form.fields)
    assert "phone" in form.fields


def test_a_separated_employee_is_read_only_in_the_admin(org, staff_hr):
    _separate(org.worker)
    contract = LabourContractFactory(employee=org.worker, signed_on=None)
    url = reverse("admin:employees_employee_change", args=[org.worker.pk])
    response = staff_hr.get(url)
    assert response.status_code == 200 and not response.context["has_change_permission"]
    assert staff_hr.post(url, {"phone": "1", "name": "改名"}).status_code == 403
    org.worker.refresh_from_db()
    assert org.worker.name == "李冲压"
    contract_url = reverse("admin:employees_labourcontract_change", args=[contract.pk])
    assert not staff_hr.get(contract_url).context["has_change_permission"]
    assert staff_hr.post(contract_url, {"signed_on": "2025-01-01"}).status_code == 403
    period = ProtectedPeriod.objects.create(
        employee=org.worker, reason="medical", start_date=datetime.date(2025, 5, 1), created_by=org.head.user
    )
    assert not staff_hr.get(reverse("admin:employees_protectedperiod_change", args=[period.pk])).context[
        "has_change_permission"
    ]


def test_not_renewing_is_not_decided_in_the_admin(org, staff_hr):
    """The art. 42 check lives in the 'not renewed' action on the employee page: read-only here."""
    contract = LabourContractFactory(employee=org.worker)
    form = staff_hr.get(reverse("admin:employees_labourcontract_change", args=[contract.pk])).context["adminform"].form
    assert "not_renewed_on" not in form.fields and "not_renewed_reason" not in form.fields
    assert "probation_months" in form.fields  # validated by LabourContract.clean() (art. 19) like every path


def test_re_importing_changes_neither_a_separated_record_nor_salary_post_or_status(org, users):
    _separate(org.inspector_emp)
    resource = EmployeeResource(user=users["hr"])
    export = resource.export()
    by_number = {row["number"]: i for i, row in enumerate(export.dict)}
    rows = export.dict
    rows[by_number[org.worker.number]]["base_salary"] = "9999.00"
    rows[by_number[org.head.number]]["status"] = EmployeeStatus.PROBATION
    rows[by_number[org.inspector_emp.number]]["phone"] = "13900000000"
    rows[by_number[org.me.number]]["phone"] = "13700000000"  # a plain field: fine
    dataset = tablib.Dataset(headers=export.headers)
    for row in rows:
        dataset.append([row[h] for h in export.headers])

    result = EmployeeResource(user=users["hr"]).import_data(dataset, dry_run=True)

    errors = {row.number - 1: set(row.error_dict) for row in result.invalid_rows}
    assert errors == {
        by_number[org.worker.number]: {"base_salary"},
        by_number[org.head.number]: {"status"},
        by_number[org.inspector_emp.number]: {"number"},
    }


def test_a_contract_export_from_the_admin_is_audit_logged(org, staff_hr):
    from auditlog.models import LogEntry

    LabourContractFactory(employee=org.worker)
    fields = {f"labourcontractresource_{name}": "on" for name in ("number", "employee", "probation_months")}
    response = staff_hr.post(
        reverse("admin:employees_labourcontract_export"), {"format": "0", "resource": "0", **fields}
    )
    assert response["Content-Disposition"].startswith("attachment")
    entry = LogEntry.objects.get(object_pk="export", action=LogEntry.Action.ACCESS)
    assert "probation_months" in entry.changes["export"][1]


def test_the_admin_adds_no_contract_for_a_separated_employee(org, staff_hr):
    _separate(org.worker)
    data = {
        "employee": org.worker.pk,
        "number": "LC-SEP",
        "contract_type": "fixed",
        "start_date": "2024-03-01",
        "end_date": "2025-02-28",
        "probation_months": "0",
    }
    response = staff_hr.post(reverse("admin:employees_labourcontract_add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    response = staff_hr.post(reverse("admin:employees_labourcontract_add"), {**data, "employee": org.head.pk})
    assert response.status_code == 302  # an employee still here: saved
    assert LabourContract.objects.filter(number="LC-SEP").get().employee == org.head
