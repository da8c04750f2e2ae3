"""employees:employee_cv_pdf — the 员工履历表 filled from the record, printable from the employee page."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from core import roles
from core.security import SecrecyLevel, mask_id_number
from employees.models import JobChange, JobChangeKind, JobChangeStatus
from tests.factories import DepartmentFactory, EmployeeFactory, LabourContractFactory, PositionFactory


@pytest.fixture
def employee(db):
    employee = EmployeeFactory(
        name="陈美玲", education="college", position__title="质量检验员", hire_date=datetime.date(2022, 3, 1)
    )
    LabourContractFactory(employee=employee, number="LC-2022-0042")
    target = PositionFactory(department=employee.department, title="质量工程师")
    JobChange.objects.create(
        employee=employee,
        kind=JobChangeKind.PROMOTION,
        effective_date=datetime.date(2024, 1, 1),
        from_department=employee.department,
        from_position=employee.position,
        to_department=employee.department,
        to_position=target,
        reason="内部竞聘",
        status=JobChangeStatus.EFFECTIVE,
    )
    JobChange.objects.create(
        employee=employee,
        kind=JobChangeKind.TRANSFER,
        effective_date=datetime.date(2030, 1, 1),
        from_department=employee.department,
        from_position=target,
        to_department=employee.department,
        to_position=PositionFactory(department=employee.department, title="未批岗位"),
        reason="待审批",
        status=JobChangeStatus.PENDING,
    )
    employee.position = target
    employee.save(update_fields=["position"])
    return employee


def url(employee):
    return reverse("employees:employee_cv_pdf", args=[employee.pk])


@pytest.fixture
def cleared_hr(make_user):
    return make_user("hr", roles=[roles.HR], clearance=SecrecyLevel.SECRET)


def test_the_cv_is_printable_from_the_employee_page(employee, cleared_hr, login):
    page = login(cleared_hr).get(reverse("employees:employee_detail", args=[employee.pk])).content.decode()
    assert url(employee) in page


def test_cleared_hr_prints_the_full_cv_with_the_secret_mark(employee, cleared_hr, login, poppler):
    response = login(cleared_hr).get(url(employee))
    assert response.status_code == 200
    text = poppler.text(response.content)
    for expected in (
        "员工履历表",
        "HR-RS",
        "秘密★",
        "陈美玲",
        employee.id_number,
        "大专",
        "2022-03-01",
        "质量检验员",
        "2024-01-01",
        "质量工程师",
        "内部竞聘",
        "LC-2022-0042",
    ):
        assert expected in text, expected
    assert "未批岗位" not in text  # only changes in effect are history
    assert LogEntry.objects.get_for_object(employee).filter(action=LogEntry.Action.ACCESS, actor=cleared_hr).exists()


def test_a_reader_without_clearance_gets_no_secret_data_and_no_mark(employee, make_user, login, poppler):
    reader = make_user("hr-plain", roles=[roles.HR])
    text = poppler.text(login(reader).get(url(employee)).content)
    assert "陈美玲" in text and "质量工程师" in text
    assert employee.id_number not in text and mask_id_number(employee.id_number) in text
    assert "LC-2022-0042" not in text
    assert "秘密★" not in text


def test_another_departments_head_gets_404(employee, make_user, login):
    head = make_user("other-head", roles=[roles.DEPT_HEAD])
    department = DepartmentFactory()
    department.head = EmployeeFactory(user=head, position__department=department)
    department.save(update_fields=["head"])
    assert login(head).get(url(employee)).status_code == 404
