"""Onboarding's induction tasks are done by a real training session: inviting a new hire to an induction session
links the task, the attendance ticks it, and the induction appears once, in the training history."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from core.policy import PolicyDenied
from onboarding import services as onboarding
from onboarding.models import OnboardingTask, TaskKind
from onboarding.tests.conftest import company, start_case  # noqa: F401  (fixtures)
from training import services
from training.history import history_for

pytestmark = pytest.mark.django_db


def test_an_induction_session_links_and_ticks_the_onboarding_task(company, start_case):  # noqa: F811
    case = start_case()
    task = case.tasks.filter(kind=TaskKind.INDUCTION, status=OnboardingTask.Status.OPEN).first()
    assert task is not None
    start = timezone.now() - datetime.timedelta(minutes=5)
    session = services.session_create(
        by=company.hr,
        employees=[case.employee],
        course="入职培训",
        trainer_kind="internal",
        trainer="人事部",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=4),
        place="培训室A",
        hours=Decimal(4),
        is_induction=True,
    )
    task.refresh_from_db()
    assert task.training_session == session
    # Nobody ticks it by hand any more: the session is the record.
    with pytest.raises(PolicyDenied) as denied:
        onboarding.task_complete(task=task, by=company.hr)
    assert denied.value.code == "task_done_by_training"
    services.attendance_set(session=session, attended_ids=[case.employee.pk], by=company.hr)
    task.refresh_from_db()
    assert task.status == OnboardingTask.Status.DONE and task.done_on == timezone.localdate()
    assert [p.session for p in history_for(case.employee)["participations"]] == [session]
