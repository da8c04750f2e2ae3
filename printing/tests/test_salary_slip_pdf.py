"""employees:salary_slip_pdf — a 调薪单 for every salary change, secret, linked from the salary history."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.models import RequestStatus
from approvals.selectors import latest_request_for
from approvals.services import request_decide
from core import roles
from core.security import SecrecyLevel
from employees import jobchange_services, services
from employees.models import JobChangeKind
from tests.factories import EmployeeFactory, PositionFactory


@pytest.fixture
def cleared_hr(make_user):
    return make_user("hr", roles=[roles.HR], clearance=SecrecyLevel.SECRET)


@pytest.fixture
def employee(db):
    return EmployeeFactory(name="周晓明", position__title="装配工")


def slip_url(change):
    return reverse("employees:salary_slip_pdf", args=[change.employee_id, change.pk])


def test_every_salary_change_prints_a_slip_from_the_salary_history(employee, cleared_hr, login, poppler):
    """A salary change entered by HR (not a conversion) prints as 调薪单 with both figures and the secret mark."""
    change = services.salary_change_record(
        employee=employee,
        new_salary=Decimal("6600.00"),
        effective_date=datetime.date(2026, 7, 1),
        reason="年度调薪",
        by=cleared_hr,
    )
    client = login(cleared_hr)
    page = client.get(reverse("employees:employee_detail", args=[employee.pk])).content.decode()
    assert slip_url(change) in page

    response = client.get(slip_url(change))
    assert response.status_code == 200
    text = poppler.text(response.content)
    for expected in ("调薪单", "HR-SA", "秘密★", "周晓明", "6000.00", "6600.00", "2026-07-01", "年度调薪"):
        assert expected in text, expected


def test_the_slip_of_a_job_change_prints_its_approval_chain(employee, cleared_hr, make_user, login, poppler):
    head = make_user("head", roles=[roles.DEPT_HEAD])
    department = employee.department
    department.head = EmployeeFactory(user=head, position__department=department, name="吴主管")
    department.save(update_fields=["head"])
    make_user("hrm", roles=[roles.HR_MANAGER], clearance=SecrecyLevel.SECRET, first_name="立平", last_name="孙")
    make_user("gm", roles=[roles.GM], clearance=SecrecyLevel.SECRET)
    target = PositionFactory(department=department, title="班长")
    change = jobchange_services.job_change_submit(
        employee=employee,
        by=cleared_hr,
        kind=JobChangeKind.PROMOTION,
        to_department=department,
        to_position=target,
        effective_date=timezone.localdate(),
        reason="晋升班长",
        new_salary=Decimal("7500.00"),
    )
    request = latest_request_for(change)
    while request.status == RequestStatus.PENDING:
        step = request.steps.get(round=request.round, index=request.current_step)
        request = request_decide(request=request, by=step.assigned_to, decision="approve", comment="同意")
    change.refresh_from_db()

    text = poppler.text(login(cleared_hr).get(slip_url(change.salary_change)).content)

    for expected in ("调薪单", "7500.00", "晋升班长", "部门主管审核", "孙立平", "总经理批准（调薪）"):
        assert expected in text, expected


def test_readers_not_cleared_for_salaries_get_no_slip_and_no_link(employee, cleared_hr, make_user, login):
    change = services.salary_change_record(
        employee=employee,
        new_salary=Decimal("6600"),
        effective_date=datetime.date(2026, 7, 1),
        reason="x",
        by=cleared_hr,
    )
    plain_hr = make_user("hr-plain", roles=[roles.HR])
    client = login(plain_hr)
    assert slip_url(change) not in client.get(reverse("employees:employee_detail", args=[employee.pk])).content.decode()
    assert client.get(slip_url(change)).status_code == 403


def test_render_salary_slip_is_the_one_template_for_other_processes(employee, poppler):
    """Onboarding's conversion prints the same 调薪单 through employees.pdf.render_salary_slip."""
    from employees.pdf import render_salary_slip

    pdf = render_salary_slip(
        employee=employee,
        previous_salary=Decimal("4800.00"),
        new_salary=Decimal("6000.00"),
        effective_date=datetime.date(2026, 5, 1),
        reason="试用期满转正调薪",
        status="审批中",
    )
    text = poppler.text(pdf)
    for expected in ("调薪单", "4800.00", "6000.00", "试用期满转正调薪", "审批中"):
        assert expected in text, expected
