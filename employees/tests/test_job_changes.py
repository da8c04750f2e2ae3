"""Job changes (员工变动) go through the "job_change" approval flow and take effect on their effective date."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from approvals.models import Flow, RequestStatus
from approvals.selectors import latest_request_for
from approvals.services import request_decide
from core.errors import error_codes
from core.policy import PolicyDenied
from employees import jobchange_services
from employees.models import JobChange, JobChangeKind, JobChangeStatus, SalaryChange
from notifications.models import Notification
from notifications.reminders import run_all
from org.models import PositionCategory
from tests.factories import PositionFactory

TODAY = timezone.localdate()


@pytest.fixture
def approvers(org, users, make_user):
    """The chain's people: the production head (org fixture), an HR manager and a general manager."""
    return {"head": users["head"], "hr_manager": users["hr_manager"], "gm": users["gm"]}


def submit(org, users, *, days=0, to_position=None, new_salary=None, employee=None):
    return jobchange_services.job_change_submit(
        employee=employee or org.worker,
        by=users["hr"],
        kind=JobChangeKind.TRANSFER,
        to_department=(to_position or org.operator).department,
        to_position=to_position or org.operator,
        effective_date=TODAY + datetime.timedelta(days=days),
        reason="工作需要",
        new_salary=new_salary,
    )


def approve_all(change):
    request = latest_request_for(change)
    deciders = []
    while request.status == RequestStatus.PENDING:
        step = request.steps.get(round=request.round, index=request.current_step)
        deciders.append(step.assigned_to)
        request = request_decide(request=request, by=step.assigned_to, decision="approve", comment="同意")
    change.refresh_from_db()
    return deciders


def test_the_job_change_flow_exists_in_chinese_for_the_administrator(db):
    """The flow is data (admin-editable), with Chinese names."""
    flow = Flow.objects.get(code="job_change")
    assert "员工变动" in flow.name
    assert [step.role for step in flow.steps.order_by("order")] == ["dept_head", "hr_manager", "gm", "gm"]


def test_a_submitted_change_waits_for_approval_and_changes_nothing(org, users, approvers):
    """Submitting does not move the employee: department head then HR manager decide first."""
    change = submit(org, users)
    org.worker.refresh_from_db()
    assert change.status == JobChangeStatus.PENDING
    assert org.worker.position == org.stamper
    request = latest_request_for(change)
    assert request.steps.get(index=0).assigned_to == approvers["head"]


def test_the_chain_is_head_then_hr_manager_without_salary_or_manager_post(org, users, approvers):
    change = submit(org, users)
    assert approve_all(change) == [approvers["head"], approvers["hr_manager"]]


def test_the_general_manager_approves_a_salary_change(org, users, approvers):
    change = submit(org, users, new_salary=Decimal("7200.00"))
    assert approve_all(change) == [approvers["head"], approvers["hr_manager"], approvers["gm"]]


def test_the_general_manager_approves_a_move_into_a_manager_level_post(org, users, approvers):
    manager_post = PositionFactory(department=org.production, code="PRD-MGR", category=PositionCategory.MANAGER)
    change = submit(org, users, to_position=manager_post)
    assert approve_all(change)[-1] == approvers["gm"]


def test_approved_with_todays_date_the_change_takes_effect_with_its_salary_slip(org, users, approvers):
    change = submit(org, users, new_salary=Decimal("7200.00"))
    approve_all(change)
    org.worker.refresh_from_db()
    assert change.status == JobChangeStatus.EFFECTIVE
    assert (org.worker.department, org.worker.position) == (org.production, org.operator)
    assert org.worker.base_salary == Decimal("7200.00")
    slip = change.salary_change
    assert (slip.previous_salary, slip.new_salary, slip.effective_date) == (
        Decimal("6000.00"),
        Decimal("7200.00"),
        TODAY,
    )


def test_a_future_change_takes_effect_on_its_date_by_the_daily_sweep_once(org, users, approvers):
    """Approved ahead of its date, nothing changes until the daily sweep of that date; reruns change nothing."""
    change = submit(org, users, days=5, new_salary=Decimal("6800.00"))
    approve_all(change)
    org.worker.refresh_from_db()
    assert change.status == JobChangeStatus.APPROVED
    assert org.worker.position == org.stamper and org.worker.base_salary == Decimal("6000.00")

    run_all(TODAY + datetime.timedelta(days=4))
    org.worker.refresh_from_db()
    assert org.worker.position == org.stamper

    run_all(TODAY + datetime.timedelta(days=5))
    run_all(TODAY + datetime.timedelta(days=6))
    org.worker.refresh_from_db()
    change.refresh_from_db()
    assert change.status == JobChangeStatus.EFFECTIVE
    assert org.worker.position == org.operator and org.worker.base_salary == Decimal("6800.00")
    assert SalaryChange.objects.filter(employee=org.worker, new_salary=Decimal("6800.00")).count() == 1
    assert Notification.objects.filter(recipient=users["hr"], kind="employees.job_change_effective").count() == 1


def test_a_rejected_change_never_takes_effect(org, users, approvers):
    change = submit(org, users)
    request = latest_request_for(change)
    request_decide(request=request, by=approvers["head"], decision="reject", comment="不同意")
    change.refresh_from_db()
    assert change.status == JobChangeStatus.REJECTED
    run_all(TODAY)
    org.worker.refresh_from_db()
    assert org.worker.position == org.stamper


def test_one_open_change_per_employee(org, users, approvers):
    submit(org, users, days=3)
    with pytest.raises(PolicyDenied) as excinfo:
        submit(org, users, days=4, to_position=org.inspector)
    assert "job_change_open" in error_codes(excinfo.value)


def test_errors_carry_stable_codes(org, users, approvers):
    with pytest.raises(ValidationError) as excinfo:
        jobchange_services.job_change_submit(
            employee=org.worker,
            by=users["hr"],
            kind=JobChangeKind.TRANSFER,
            to_department=org.quality,
            to_position=org.operator,
            effective_date=TODAY,
            reason="x",
        )
    assert "position_department" in error_codes(excinfo.value)
    with pytest.raises(ValidationError) as excinfo:
        submit(org, users, to_position=org.stamper)
    assert "same_position" in error_codes(excinfo.value)
    with pytest.raises(PolicyDenied) as excinfo:
        jobchange_services.job_change_submit(
            employee=org.worker,
            by=users["hr_uncleared"],
            kind=JobChangeKind.PROMOTION,
            to_department=org.production,
            to_position=org.operator,
            effective_date=TODAY,
            reason="x",
            new_salary=Decimal("9000"),
        )
    assert "salary_not_cleared" in error_codes(excinfo.value)
    with pytest.raises(PolicyDenied) as excinfo:
        submit(org, {"hr": users["head"]})
    assert "not_hr" in error_codes(excinfo.value)
    assert not JobChange.objects.exists()


def test_hr_submits_through_the_page_and_sees_the_chain(org, users, approvers, login):
    client = login(users["hr"])
    detail = client.get(reverse("employees:employee_detail", args=[org.worker.pk])).content.decode()
    assert reverse("employees:job_change_create", args=[org.worker.pk]) in detail
    response = client.post(
        reverse("employees:job_change_create", args=[org.worker.pk]),
        {
            "kind": "promotion",
            "effective_date": (TODAY + datetime.timedelta(days=10)).isoformat(),
            "to_department": org.production.pk,
            "to_position": org.operator.pk,
            "reason": "表现优秀",
            "new_salary": "7000",
        },
    )
    change = JobChange.objects.get(employee=org.worker)
    assert response.status_code == 302 and response["Location"] == change.get_absolute_url()
    org.worker.refresh_from_db()
    assert org.worker.position == org.stamper
    page = client.get(change.get_absolute_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert approvers["head"].username in body or str(approvers["head"]) in body
    assert "7000" in body
    # While one is open, the page offers no second change and the form refuses it.
    detail = client.get(reverse("employees:employee_detail", args=[org.worker.pk])).content.decode()
    assert reverse("employees:job_change_create", args=[org.worker.pk]) not in detail
    assert client.get(reverse("employees:job_change_create", args=[org.worker.pk])).status_code == 403


def test_the_salary_on_a_job_change_is_masked_for_the_department_head(org, users, approvers, login):
    change = submit(org, users, new_salary=Decimal("7345.00"))
    body = login(users["head"]).get(change.get_absolute_url()).content.decode()
    assert "7345" not in body


def test_a_returned_change_is_edited_and_sent_again(org, users, approvers, login):
    change = submit(org, users)
    request_decide(request=latest_request_for(change), by=approvers["head"], decision="return", comment="改日期")
    change.refresh_from_db()
    assert change.status == JobChangeStatus.RETURNED
    client = login(users["hr"])
    response = client.post(
        reverse("employees:job_change_edit", args=[org.worker.pk, change.pk]),
        {
            "kind": "transfer",
            "effective_date": (TODAY + datetime.timedelta(days=7)).isoformat(),
            "to_department": org.production.pk,
            "to_position": org.operator.pk,
            "reason": "工作需要",
            "new_salary": "",
        },
    )
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == JobChangeStatus.PENDING
    assert change.effective_date == TODAY + datetime.timedelta(days=7)
    assert latest_request_for(change).round == 2


def test_nobody_but_hr_opens_the_job_change_form(org, users, login):
    assert login(users["head"]).get(reverse("employees:job_change_create", args=[org.worker.pk])).status_code == 403
    assert login(users["outsider"]).get(reverse("employees:job_change_create", args=[org.worker.pk])).status_code == 404


def test_the_job_change_page_costs_the_same_with_a_long_chain(
    org, users, approvers, login, django_assert_max_num_queries
):
    change = submit(org, users, new_salary=Decimal("7200.00"), days=3)
    approve_all(change)
    client = login(users["hr"])
    with django_assert_max_num_queries(20):
        assert client.get(change.get_absolute_url()).status_code == 200


def test_the_admin_shows_job_changes_read_only(org, users, login):
    from django.contrib.auth.models import Permission

    admin_user = users["hr"]
    admin_user.is_staff = True
    admin_user.save()
    admin_user.user_permissions.add(*Permission.objects.filter(codename__in=["view_jobchange", "change_jobchange"]))
    change = submit(org, users, days=3)
    client = login(admin_user)
    url = reverse("admin:employees_jobchange_change", args=[change.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"status": "effective", "reason": "改"})
    change.refresh_from_db()
    assert (change.status, change.reason) == (JobChangeStatus.PENDING, "工作需要")


def test_the_employee_sees_their_change_only_once_approved(org, users, approvers, login):
    change = submit(org, users, employee=org.me, to_position=org.operator, days=3)
    client = login(users["me"])
    assert client.get(change.get_absolute_url()).status_code == 404
    assert change.get_absolute_url() not in client.get(reverse("employees:my_profile")).content.decode()
    approve_all(change)
    assert client.get(change.get_absolute_url()).status_code == 200
    assert change.get_absolute_url() in client.get(reverse("employees:my_profile")).content.decode()


def test_the_head_decides_on_the_approvals_page_with_the_change_summarised(org, users, approvers, login):
    change = submit(org, users, new_salary=Decimal("7345.00"))
    step = latest_request_for(change).steps.get(index=0)
    client = login(approvers["head"])
    page = client.get(reverse("approvals:decide", args=[step.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "工作需要" in body and org.operator.title in body
    assert "7345" not in body
    client.post(reverse("approvals:decide", args=[step.pk]), {"decision": "approve", "comment": "同意"})
    assert latest_request_for(change).current_step == 1


def test_a_head_never_reviews_his_own_job_change(org, users, approvers):
    """The production head's own transfer: his head step goes one level up (spec 02), and he cannot decide it."""
    change = submit(org, users, employee=org.head, to_position=org.stamper)
    request = latest_request_for(change)
    first = request.steps.get(round=request.round, index=0)
    assert first.assigned_to != approvers["head"]
    with pytest.raises(Exception) as excinfo:
        request_decide(request=request, by=approvers["head"], decision="approve", comment="同意")
    assert error_codes(excinfo.value) & {"own_request", "not_your_step"}


def test_the_approver_reads_the_new_salary_masked_without_clearance(org, users, approvers, login):
    change = submit(org, users, new_salary=Decimal("7200.00"))
    request = latest_request_for(change)
    page = login(approvers["head"]).get(request.get_absolute_url()).content.decode()
    assert "7200" not in page and "7,200" not in page
    page = login(approvers["hr_manager"]).get(request.get_absolute_url()).content.decode()
    assert "7200" in page or "7,200" in page
