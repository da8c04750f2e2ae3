"""Onboarding reminders: the right people on the right days, once, with a constant number of queries."""

import datetime

import pytest
from django.utils import timezone

from notifications.models import Notification
from onboarding import kinds, reminders
from onboarding.models import ProbationStatus
from onboarding.tasks import lapse_probations

from .conftest import record_safety_education, sign_contract

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _sent(kind):
    return list(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True).order_by("pk"))


@pytest.mark.parametrize(("days_before_end", "expected"), [(8, 0), (7, 1), (3, 1), (0, 1)])
def test_probation_ending_goes_to_the_head_and_hr_seven_days_before_and_on_the_last_day(
    company, start_case, days_before_end, expected
):
    case = start_case(days_ago=10)
    today = case.probation_end - datetime.timedelta(days=days_before_end)
    assert reminders.probation_ending(today) == expected * 4  # hr, hr_plain, hr_manager, prod_head
    recipients = set(_sent(kinds.PROBATION_ENDING))
    assert recipients == ({"hr", "hr_plain", "hr_manager", "prod_head"} if expected else set())


def test_reminders_are_idempotent(company, start_case):
    """Running the same day's sweep twice sends nothing the second time; the last day is a new reminder."""
    case = start_case(days_ago=10)
    week_before = case.probation_end - datetime.timedelta(days=7)
    assert reminders.probation_ending(week_before) == 4
    assert reminders.probation_ending(week_before) == 0
    assert reminders.probation_ending(week_before + datetime.timedelta(days=1)) == 0
    assert reminders.probation_ending(case.probation_end) == 4
    assert reminders.probation_ending(case.probation_end) == 0


def test_lapse_task_makes_regular_and_tells_hr_once(company, start_case):
    case = start_case(days_ago=70)
    assert lapse_probations() == 3  # hr, hr_plain, hr_manager
    assert lapse_probations() == 0
    case.refresh_from_db()
    assert case.probation_status == ProbationStatus.LAPSED
    assert set(_sent(kinds.PROBATION_LAPSED)) == {"hr", "hr_plain", "hr_manager"}


def test_sweeps_use_a_constant_number_of_queries(company, start_case, django_assert_max_num_queries):
    """The cost does not grow with the number of cases."""
    for _ in range(6):
        start_case(days_ago=10)
    end = start_case(days_ago=10).probation_end
    with django_assert_max_num_queries(16):
        assert reminders.probation_ending(end) == 7 * 4


def test_the_daily_step_completes_onboarding_once_the_contract_is_signed(company, start_case):
    """Signing the contract in the personnel file is picked up by the daily task: onboarding complete."""
    from onboarding import services
    from onboarding.models import OnboardingCase

    case = start_case(days_ago=3)
    for task in case.tasks.filter(status="open").exclude(code__in=["labour_contract", "safety_education"]):
        services.task_complete(task=task, by=company.hr, understanding_check="ok", understanding_passed=True)
    record_safety_education(case, company.hr)
    reminders.probation_lapsed(TODAY())
    case.refresh_from_db()
    assert case.status == OnboardingCase.Status.IN_PROGRESS
    sign_contract(case.employee)
    reminders.probation_lapsed(TODAY())
    case.refresh_from_db()
    assert case.status == OnboardingCase.Status.COMPLETED
    assert case.tasks.get(code="labour_contract").status == "done"
