"""employees:employee_registration_pdf — the 员工资料登记表: secret, masked for the uncleared, scoped like the
employee page."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from approvals.selectors import ChainEntry
from core import roles
from core.security import SecrecyLevel, mask_birth_date, mask_id_number
from employees.models import EmploymentType
from tests.factories import DepartmentFactory, EmployeeFactory, LabourContractFactory


@pytest.fixture
def employee(db):
    employee = EmployeeFactory(
        name="陈美玲",
        phone="13912345678",
        email="meiling@example.com",
        address="江苏省苏州市工业园区星湖街1号",
        emergency_contact="陈大明",
        emergency_phone="13700001111",
        education="college",
        position__title="质量检验员",
    )
    LabourContractFactory(employee=employee, number="LC-2024-0042")
    return employee


def url(employee):
    return reverse("employees:employee_registration_pdf", args=[employee.pk])


@pytest.fixture
def cleared_hr(make_user):
    return make_user("hr", roles=[roles.HR], clearance=SecrecyLevel.SECRET)


def head_of(department, make_user, username):
    user = make_user(username, roles=[roles.DEPT_HEAD])
    department.head = EmployeeFactory(user=user, position__department=department)
    department.save(update_fields=["head"])
    return user


def test_hr_gets_the_pdf_inline(employee, cleared_hr, login):
    """HR prints the form: a PDF shown inline, never cached."""
    response = login(cleared_hr).get(url(employee))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("inline; ")
    assert f"{employee.number}.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_cleared_hr_sees_everything_with_the_secret_mark(employee, cleared_hr, login, poppler):
    """Cleared HR gets the full ID number and contract, and the form carries the 秘密 mark."""
    text = poppler.text(login(cleared_hr).get(url(employee)).content)

    for expected in (
        "员工资料登记表",
        "HR-ER",
        "秘密★",
        employee.number,
        "陈美玲",
        employee.id_number,
        "13912345678",
        "meiling@example.com",
        "江苏省苏州市工业园区星湖街1号",
        "陈大明",
        "13700001111",
        "2024-03-01",
        "质量检验员",
        "LC-2024-0042",
        "照片",
    ):
        assert expected in text, expected


def test_uncleared_reader_gets_masked_secret_fields(employee, make_user, login, poppler):
    """HR staff without secret clearance see the ID number masked and the contract hidden."""
    reader = make_user("hr-internal", roles=[roles.HR], clearance=SecrecyLevel.INTERNAL)

    text = poppler.text(login(reader).get(url(employee)).content)

    assert "陈美玲" in text
    assert employee.id_number not in text
    assert mask_id_number(employee.id_number) in text
    assert employee.birth_date.strftime("%Y-%m-%d") not in text, "beside the masked ID the date gives it away"
    assert mask_birth_date(employee.birth_date) in text
    assert "LC-2024-0042" not in text
    assert "秘密★" in text


def test_head_of_the_employees_department_prints_masked(employee, make_user, login, poppler):
    """The employee's department head may print the form, with the ID number masked."""
    head = head_of(employee.department, make_user, "own-head")

    response = login(head).get(url(employee))

    assert response.status_code == 200
    assert employee.id_number not in poppler.text(response.content)


def test_head_of_another_department_gets_404(employee, make_user, login):
    """Another department's head cannot tell the employee exists."""
    head = head_of(DepartmentFactory(), make_user, "other-head")

    assert login(head).get(url(employee)).status_code == 404


def test_employee_prints_their_own_form_only(employee, make_user, login):
    """Self-service: an employee prints their own form, not a colleague's."""
    own = make_user("meiling", roles=[roles.EMPLOYEE])
    employee.user = own
    employee.save(update_fields=["user"])
    colleague = EmployeeFactory(department=employee.department, position=employee.position)

    client = login(own)
    assert client.get(url(employee)).status_code == 200
    assert client.get(url(colleague)).status_code == 404


def test_anonymous_is_sent_to_login(employee, client):
    response = client.get(url(employee))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_every_print_is_audit_logged(employee, cleared_hr, login):
    """Printing a form with secret data is recorded as an access to the employee, by whom."""
    login(cleared_hr).get(url(employee))

    entry = LogEntry.objects.get_for_object(employee).get(action=LogEntry.Action.ACCESS)
    assert entry.actor == cleared_hr


def test_agency_worker_has_no_contract_section(db, cleared_hr, login, poppler):
    """An agency worker's form names the agency and says no company labour contract applies."""
    worker = EmployeeFactory(employment_type=EmploymentType.AGENCY, agency_name="苏州人力派遣公司")

    text = poppler.text(login(cleared_hr).get(url(worker)).content)

    assert "苏州人力派遣公司" in text
    assert "不适用" in text


def test_signature_block_prints_the_chain(employee, cleared_hr, login, poppler, monkeypatch):
    """The employee's approval chain prints as the signature block."""
    decided = timezone.make_aware(datetime.datetime(2025, 1, 6, 8, 45))
    monkeypatch.setattr(
        "employees.pdf.chain_for", lambda obj: [ChainEntry("人事经理审核", "孙立平", "同意", decided, "资料齐全")]
    )

    text = poppler.text(login(cleared_hr).get(url(employee)).content)

    for expected in ("人事经理审核", "孙立平", "同意", "2025-01-0608:45", "资料齐全"):
        assert expected in text, expected


def test_queries_are_bounded(employee, cleared_hr, login, django_assert_max_num_queries):
    """The form loads its data in a handful of queries."""
    client = login(cleared_hr)
    with django_assert_max_num_queries(15):
        client.get(url(employee))
