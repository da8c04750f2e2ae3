"""Reminders 3 days before each deadline and the day after it: self-assessment to the employee, scoring to the
head; a rerun sends nothing twice."""

import datetime

import pytest

from notifications.models import Notification
from performance import kinds, services
from performance.reminders import scoring_due, self_assessment_due

from .conftest import sheet_of

pytestmark = pytest.mark.django_db


def test_self_assessment_reminder_goes_to_the_employee_once(opened):
    co = opened
    sheet = sheet_of(co, co.worker_employee)
    services.sheet_agree_goals(sheet=sheet, by=co.prod_head)
    deadline = co.cycle.self_deadline
    assert self_assessment_due(deadline - datetime.timedelta(days=4)) == 0
    assert self_assessment_due(deadline - datetime.timedelta(days=3)) == 1
    assert self_assessment_due(deadline - datetime.timedelta(days=2)) == 0  # the same milestone: not again
    assert self_assessment_due(deadline + datetime.timedelta(days=1)) == 1  # overdue
    assert self_assessment_due(deadline + datetime.timedelta(days=1)) == 0
    sent = Notification.objects.filter(kind=kinds.SELF_DUE)
    assert set(sent.values_list("recipient__username", flat=True)) == {"worker"}
    assert any("overdue" in n.title or "逾期" in n.title for n in sent)


def test_no_reminder_once_the_self_assessment_is_done(opened):
    co = opened
    sheet = sheet_of(co, co.worker_employee)
    services.sheet_agree_goals(sheet=sheet, by=co.prod_head)
    services.sheet_self_assess(sheet=sheet, by=co.worker, values={})
    assert self_assessment_due(co.cycle.self_deadline - datetime.timedelta(days=3)) == 0


def test_scoring_reminder_goes_to_the_head_of_each_department(opened):
    co = opened
    deadline = co.cycle.scoring_deadline
    assert scoring_due(deadline - datetime.timedelta(days=3)) == 4  # 3 stamping sheets, 1 quality sheet
    assert scoring_due(deadline - datetime.timedelta(days=3)) == 0
    heads = Notification.objects.filter(kind=kinds.SCORING_DUE).values_list("recipient__username", flat=True)
    assert sorted(heads) == ["prod_head", "prod_head", "prod_head", "qa_head"]
    assert scoring_due(deadline + datetime.timedelta(days=1)) == 4
