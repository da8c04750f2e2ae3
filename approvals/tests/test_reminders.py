import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from approvals import reminders
from approvals.models import RequestStep, RequestStepStatus
from approvals.services import request_submit
from notifications.models import Notification
from tests.factories import PositionFactory

pytestmark = pytest.mark.django_db


def _submit_many(org, count, *, days_ago):
    since = timezone.now() - datetime.timedelta(days=days_ago)
    for i in range(count):
        request_submit(subject=PositionFactory(department=org.stamping, code=f"R{count}-{i}"), by=org.worker)
    RequestStep.objects.filter(status=RequestStepStatus.PENDING).update(activated_at=since)


@pytest.fixture
def flow(make_flow, process):
    return make_flow([("dept_head",)])


def test_the_approver_is_reminded_once_after_two_days(org, flow):
    _submit_many(org, 1, days_ago=2)
    today = timezone.localdate()

    assert reminders.remind_pending_steps(today - datetime.timedelta(days=1)) == 0
    assert reminders.remind_pending_steps(today) == 1
    assert reminders.remind_pending_steps(today) == 0
    assert Notification.objects.filter(recipient=org.head, kind="approval.pending").count() == 1


@override_settings(HRMS_APPROVAL_ESCALATE_AFTER_DAYS=3)
def test_escalation_goes_to_the_approvers_department_manager_after_the_setting(org, flow):
    """The approver (冲压课 head) is overdue: the manager of their department is told."""
    org.head.employee.department.manager = org.manager.employee
    org.head.employee.department.save()
    _submit_many(org, 1, days_ago=3)

    assert reminders.escalate_overdue_steps(timezone.localdate()) == 1
    assert Notification.objects.filter(recipient=org.manager, kind="approval.escalated").count() == 1


def test_escalation_without_a_department_manager_goes_to_the_general_manager(org, flow):
    _submit_many(org, 1, days_ago=5)

    assert reminders.escalate_overdue_steps(timezone.localdate()) == 1
    assert Notification.objects.filter(recipient=org.gm, kind="approval.escalated").count() == 1
    assert reminders.escalate_overdue_steps(timezone.localdate()) == 0


@pytest.mark.parametrize("sweep", [reminders.remind_pending_steps, reminders.escalate_overdue_steps])
def test_sweeps_run_a_constant_number_of_queries(org, flow, sweep, django_assert_max_num_queries):
    """3 and 30 overdue steps cost the same number of queries."""
    today = timezone.localdate()
    _submit_many(org, 3, days_ago=6)
    with django_assert_max_num_queries(12) as small:
        assert sweep(today) == 3
    Notification.objects.all().delete()
    _submit_many(org, 27, days_ago=6)
    with django_assert_max_num_queries(12) as large:
        assert sweep(today) == 27
    assert len(large.captured_queries) == len(small.captured_queries)
