import datetime

import pytest
import tablib
from auditlog.models import LogEntry
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import roles
from core.security import SecrecyLevel, mask_id_number
from core.validators import build_id_number
from employees.models import Employee
from employees.resources import EmployeeResource
from org.models import Department
from org.resources import DepartmentResource

pytestmark = pytest.mark.django_db


def grant(user, *codenames):
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def staff_head(org):
    """The production head as a staff user allowed to view and change employees in the admin."""
    return grant(org.head.user, "view_employee", "change_employee", "delete_employee", "view_department")


def test_a_staff_department_head_sees_only_their_scope_in_the_admin(org, staff_head, login):
    client = login(staff_head)
    response = client.get(reverse("admin:employees_employee_changelist"))
    assert response.status_code == 200
    shown = set(response.context["cl"].queryset)
    assert org.worker in shown and org.head in shown
    assert org.inspector_emp not in shown
    other = reverse("admin:employees_employee_change", args=[org.inspector_emp.pk])
    assert client.get(other).status_code in (302, 404)
    departments = set(client.get(reverse("admin:org_department_changelist")).context["cl"].queryset)
    assert departments == {org.production, org.stamping}


def test_secret_fields_are_masked_and_employees_cannot_be_deleted_in_the_admin(org, staff_head, login):
    client = login(staff_head)
    response = client.get(reverse("admin:employees_employee_change", args=[org.worker.pk]))
    form = response.context["adminform"].form
    assert "id_number" not in form.fields and "base_salary" not in form.fields
    body = response.content.decode()
    assert org.worker.id_number not in body
    assert mask_id_number(org.worker.id_number) in body
    assert client.get(reverse("admin:employees_employee_delete", args=[org.worker.pk])).status_code == 403
    assert client.get(reverse("admin:employees_labourcontract_changelist")).status_code == 403


def test_the_employee_export_keeps_to_scope_and_drops_secret_columns(org, staff_head):
    dataset = EmployeeResource(user=staff_head).export()
    assert "id_number" not in dataset.headers and "base_salary" not in dataset.headers
    assert set(dataset["number"]) == {org.head.number, org.worker.number}


def test_an_admin_export_is_audit_logged(org, users, login):
    hr = grant(users["hr"], "view_employee")
    fields = {f"employeeresource_{name}": "on" for name in ("number", "name", "id_number")}
    response = login(hr).post(reverse("admin:employees_employee_export"), {"format": "0", "resource": "0", **fields})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_pk="export")
    assert entry.actor == hr
    assert "id_number" in entry.changes["export"][1]


def _departments_csv(rows):
    data = tablib.Dataset(headers=["code", "name", "parent", "head", "manager", "is_active", "sort_order"])
    for row in rows:
        data.append(row)
    return data


def test_the_import_preview_lists_row_errors_and_writes_nothing(org, users, login, en):
    """A dry run with an unknown parent code shows the row's error in plain words and creates nothing."""
    hr = grant(users["hr"], "add_department", "change_department", "view_department")
    csv = _departments_csv(
        [("PRD-WD", "焊接课", "PRD", "", "", "1", "1"), ("PRD-PT", "涂装课", "NOPE", "", "", "1", "2")]
    ).export("csv")
    response = login(hr).post(
        reverse("admin:org_department_import"),
        {"format": "0", "resource": "0", "import_file": SimpleUploadedFile("d.csv", csv.encode())},
    )
    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_validation_errors()
    body = response.content.decode()
    assert "NOPE" in body
    assert "No department with code" in body
    assert not Department.objects.filter(code__in=["PRD-WD", "PRD-PT"]).exists()


def test_reimporting_departments_updates_them_and_keeps_the_tree(org):
    resource = DepartmentResource()
    first = _departments_csv([("PRD-WD", "焊接课", "PRD", "", "", "1", "1")])
    assert not resource.import_data(first, dry_run=False).has_errors()
    again = _departments_csv(
        [
            ("PRD-WD", "焊接一课", "QA", org.head.number, "", "1", "1"),
            ("PRD-WD2", "焊接二课", "PRD-WD", "", "", "1", "2"),
        ]
    )
    result = DepartmentResource().import_data(again, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    welding = Department.objects.get(code="PRD-WD")
    assert Department.objects.filter(code="PRD-WD").count() == 1
    assert (welding.name, welding.parent, welding.head) == ("焊接一课", org.quality, org.head)
    assert welding.path == f"{org.quality.path}{welding.pk}/"
    child = Department.objects.get(code="PRD-WD2")
    assert child.path == f"{welding.path}{child.pk}/"


def test_importing_employees_by_department_and_position_code(org, make_user):
    hr = make_user("importer", roles=[roles.HR], clearance=SecrecyLevel.SECRET)
    birth = datetime.date(1990, 1, 2)
    data = tablib.Dataset(
        headers=[
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
    )
    data.append(
        [
            "IMP001",
            "导入甲",
            "M",
            "1990-01-02",
            build_id_number("310101", birth, 901),
            "2024-05-06",
            "QA",
            "QA-IN",
            "regular",
            "regular",
        ]
    )
    data.append(
        ["IMP002", "导入乙", "M", "1990-01-02", "310101199001029999", "2024-05-06", "QA", "ST-OP", "regular", "regular"]
    )
    result = EmployeeResource(user=hr).import_data(data, dry_run=True)
    assert result.has_validation_errors()
    invalid = {row.number: row.error_dict for row in result.invalid_rows}
    assert set(invalid) == {2}
    assert {"id_number", "position"} <= set(invalid[2])
    assert not Employee.objects.filter(number__startswith="IMP").exists()


# --- the admin site cannot bypass the process rules (org.policies) ------------------------------------------


@pytest.fixture
def position_admin_user(users):
    """HR staff with every admin permission on positions and job descriptions (Django's own permissions)."""
    return grant(
        users["hr"],
        "view_position",
        "change_position",
        "add_position",
        "view_jobdescription",
        "change_jobdescription",
        "add_jobdescription",
    )


def _position_post(position, **changes):
    data = {
        "department": position.department_id,
        "code": position.code,
        "title": position.title,
        "category": position.category,
        "authorised_headcount": position.authorised_headcount,
        "special_basis": position.special_basis,
        "special_basis_note": position.special_basis_note,
        "is_active": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not False}


def test_an_approved_job_description_is_read_only_in_the_admin(org, position_admin_user, login):
    from org.models import JobDescription
    from tests.factories import JobDescriptionFactory

    jd = JobDescriptionFactory(position=org.operator, status=JobDescription.Status.APPROVED, skills="冲压")
    client = login(position_admin_user)
    url = reverse("admin:org_jobdescription_change", args=[jd.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "duties" not in response.context["adminform"].form.fields
    client.post(url, {"duties": "改掉的职责", "skills": "改掉"})
    jd.refresh_from_db()
    assert jd.skills == "冲压"
    assert client.get(reverse("admin:org_jobdescription_add")).status_code == 403


def test_hr_cannot_change_the_authorised_headcount_or_special_flag_in_the_admin(org, position_admin_user, login):
    client = login(position_admin_user)
    url = reverse("admin:org_position_change", args=[org.operator.pk])
    form = client.get(url).context["adminform"].form
    assert "authorised_headcount" not in form.fields
    assert "is_special" not in form.fields and "special_basis" not in form.fields
    client.post(url, _position_post(org.operator, authorised_headcount=99, is_special="on", special_basis="customer"))
    org.operator.refresh_from_db()
    assert (org.operator.authorised_headcount, org.operator.is_special) == (5, False)


def test_the_hr_manager_changes_the_headcount_in_the_admin_through_the_service(org, make_user, login):
    hrm = grant(make_user("hrm-admin", roles=[roles.HR_MANAGER]), "view_position", "change_position")
    client = login(hrm)
    url = reverse("admin:org_position_change", args=[org.operator.pk])
    assert "authorised_headcount" in client.get(url).context["adminform"].form.fields
    response = client.post(url, _position_post(org.operator, authorised_headcount=8, title="操作工（新）"))
    assert response.status_code == 302
    org.operator.refresh_from_db()
    assert (org.operator.authorised_headcount, org.operator.title) == (8, "操作工（新）")


def test_rnd_sets_the_special_flag_in_the_admin_only_with_its_basis(org, make_user, login):
    rnd = grant(make_user("rnd-admin", roles=[roles.RND]), "view_position", "change_position")
    client = login(rnd)
    url = reverse("admin:org_position_change", args=[org.operator.pk])
    missing = client.post(url, _position_post(org.operator, is_special="on", special_basis=""))
    assert missing.status_code == 200
    org.operator.refresh_from_db()
    assert not org.operator.is_special
    client.post(
        url, _position_post(org.operator, is_special="on", special_basis="regulation", special_basis_note="法规")
    )
    org.operator.refresh_from_db()
    assert (org.operator.is_special, org.operator.special_basis) == (True, "regulation")


def test_positions_are_not_created_in_the_admin(org, position_admin_user, login):
    """A new position is created with its job description and approved (HR manager → GM), not in the admin."""
    assert login(position_admin_user).get(reverse("admin:org_position_add")).status_code == 403


def test_a_draft_is_edited_in_the_admin_only_with_the_duties_rule(org, position_admin_user, login):
    from org.models import JobDescription
    from tests.factories import JobDescriptionFactory

    jd = JobDescriptionFactory(position=org.operator, status=JobDescription.Status.DRAFT)
    client = login(position_admin_user)
    url = reverse("admin:org_jobdescription_change", args=[jd.pk])
    refused = client.post(url, {"duties": "操作设备", "education": "", "experience": "", "skills": ""})
    assert refused.status_code == 200 and "duties" in refused.context["adminform"].form.errors
    saved = client.post(
        url, {"duties": "支持公司质量方针\n操作设备", "education": "高中", "experience": "", "skills": ""}
    )
    assert saved.status_code == 302
    jd.refresh_from_db()
    assert (jd.education, jd.status) == ("高中", JobDescription.Status.DRAFT)


def test_a_position_import_cannot_change_the_headcount_or_special_flag_of_hr_staff(org, users):
    from org.resources import PositionResource

    data = tablib.Dataset(headers=["code", "title", "department", "category", "authorised_headcount", "is_special"])
    data.append(["PRD-OP", "操作工", "PRD", "frontline", "40", "0"])
    result = PositionResource(user=users["hr"]).import_data(data, dry_run=False)
    assert result.has_validation_errors()
    org.operator.refresh_from_db()
    assert org.operator.authorised_headcount == 5
    result = PositionResource(user=users["hr_manager"]).import_data(data, dry_run=False)
    assert not result.has_validation_errors() and not result.has_errors()
    org.operator.refresh_from_db()
    assert org.operator.authorised_headcount == 40


def test_a_position_awaiting_its_first_approval_cannot_be_activated_in_the_admin(org, make_user, login):
    from tests.factories import PositionFactory

    waiting = PositionFactory(department=org.production, is_active=False)
    hrm = grant(make_user("hrm-admin2", roles=[roles.HR_MANAGER]), "view_position", "change_position")
    client = login(hrm)
    url = reverse("admin:org_position_change", args=[waiting.pk])
    assert "is_active" not in client.get(url).context["adminform"].form.fields
    client.post(url, _position_post(waiting, is_active="on"))
    waiting.refresh_from_db()
    assert not waiting.is_active
