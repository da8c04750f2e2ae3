"""Domain rules of training: gaps, the check-in window, pass/fail and flags, post training on a job change."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.errors import error_codes
from core.policy import PolicyDenied
from employees.models import EmploymentType
from tests.factories import EmployeeFactory
from training import services
from training.models import FailureAction, NeedSource, NeedStatus, Participant
from training.selectors import gaps_of, is_ready_for_post

pytestmark = pytest.mark.django_db


def _session(world, *, start=None, employees=()):
    start = start or timezone.now() - datetime.timedelta(minutes=5)
    return services.session_create(
        by=world.company.hr,
        employees=employees,
        course="焊接技能培训",
        trainer_kind="internal",
        trainer="张师傅",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="培训室A",
        hours=Decimal("2"),
    )


def test_unrated_and_below_required_skills_are_gaps_and_level_one_means_training_or_change_of_post(world):
    hr = world.company.hr
    assert {g.skill for g in gaps_of(world.operator)} == {world.welding, world.safety}
    services.rating_record(employee=world.operator, skill=world.welding, level=1, by=hr)
    services.rating_record(employee=world.operator, skill=world.safety, level=2, by=hr)
    gaps = gaps_of(world.operator)
    assert [(g.skill, g.current, g.required, g.training_or_change_of_post) for g in gaps] == [
        (world.welding, 1, 3, True)
    ]
    # A newer rating replaces the current level; the old one stays as history.
    services.rating_record(employee=world.operator, skill=world.welding, level=3, by=hr)
    assert gaps_of(world.operator) == []
    assert world.operator.skill_ratings.filter(skill=world.welding).count() == 2


def test_nobody_rates_themselves_and_a_head_rates_only_their_department(world):
    with pytest.raises(PolicyDenied) as denied:
        services.rating_record(employee=world.qa_worker, skill=world.welding, level=2, by=world.company.prod_head)
    assert denied.value.code == "rate_not_allowed"
    services.rating_record(employee=world.operator, skill=world.welding, level=2, by=world.company.prod_head)


def test_a_need_from_a_gap_is_raised_once(world):
    hr = world.company.hr
    first = services.need_from_gap(employee=world.operator, skill=world.welding, by=hr)
    again = services.need_from_gap(employee=world.operator, skill=world.welding, by=hr)
    assert first.pk == again.pk and first.source == NeedSource.GAP
    services.rating_record(employee=world.operator, skill=world.safety, level=4, by=hr)
    with pytest.raises(ValidationError) as error:
        services.need_from_gap(employee=world.operator, skill=world.safety, by=hr)
    assert "no_gap" in error_codes(error.value)


@pytest.mark.parametrize("employment_type", [EmploymentType.REGULAR, EmploymentType.AGENCY, EmploymentType.CONTRACT])
def test_a_job_change_into_a_special_post_raises_post_training_for_every_employment_type(world, employment_type):
    from employees.signals import job_change_applied

    extra = {"agency_name": "某劳务公司"} if employment_type == EmploymentType.AGENCY else {}
    person = EmployeeFactory(position=world.company.frontline, employment_type=employment_type, **extra)
    person.position = world.company.special
    person.save()
    job_change_applied.send(sender=None, change=None, employee=person, by=world.company.hr)
    job_change_applied.send(sender=None, change=None, employee=person, by=world.company.hr)  # once only
    need = person.training_needs.get()
    assert need.for_position == world.company.special and need.source == NeedSource.TRANSFER
    assert not is_ready_for_post(person)
    # Passing the session that serves the need makes the person ready.
    session = _session(world)
    participant = Participant.objects.create(session=session, employee=person, need=need, attended=True)
    services.assessment_record(participant=participant, score=80, method="practical", by=world.company.hr)
    need.refresh_from_db()
    assert need.status == NeedStatus.FULFILLED and is_ready_for_post(person)


def test_a_job_change_into_an_ordinary_post_raises_nothing(world):
    from employees.signals import job_change_applied

    job_change_applied.send(sender=None, change=None, employee=world.operator, by=world.company.hr)
    assert not world.operator.training_needs.exists()


def test_check_in_only_with_the_code_in_the_window_and_for_the_invited(world, make_user):
    session = _session(world, employees=[world.operator], start=timezone.now() + datetime.timedelta(hours=3))
    user = world.operator.user
    cases = [
        ("000000" if session.checkin_code != "000000" else "111111", timezone.now(), "checkin_wrong_code"),
        (session.checkin_code, timezone.now(), "checkin_not_open"),
        (session.checkin_code, session.ends_at + datetime.timedelta(minutes=1), "checkin_closed"),
    ]
    for code, now, expected in cases:
        with pytest.raises(ValidationError) as error:
            services.check_in(session=session, user=user, code=code, now=now)
        assert expected in error_codes(error.value)
    stranger = make_user("stranger")
    with pytest.raises(ValidationError) as error:
        services.check_in(session=session, user=stranger, code=session.checkin_code, now=session.starts_at)
    assert "checkin_not_invited" in error_codes(error.value)
    early = session.starts_at - services.CHECKIN_EARLY
    participant = services.check_in(session=session, user=user, code=session.checkin_code, now=early)
    assert participant.attended and participant.self_checked_in


def test_pass_at_the_pass_mark_fail_below_and_a_repeated_failure_means_change_of_post(world):
    hr = world.company.hr
    need = services.raise_need(employee=world.operator, topic="焊接", source=NeedSource.GAP, skill=world.welding, by=hr)
    first = _session(world)
    p1 = Participant.objects.create(session=first, employee=world.operator, need=need, attended=True)
    p2 = Participant.objects.create(session=first, employee=world.other, attended=True)
    services.assessment_record(participant=p2, score=60, method="written", by=hr)
    assert p2.passed is True and p2.failure_action == ""
    services.assessment_record(participant=p1, score="59.5", method="written", by=hr)
    assert p1.passed is False and p1.failure_action == FailureAction.RETRAIN
    need.refresh_from_db()
    assert need.is_open
    second = _session(world)
    p3 = Participant.objects.create(session=second, employee=world.operator, need=need, attended=True)
    services.assessment_record(participant=p3, score=30, method="practical", by=hr)
    assert p3.failure_action == FailureAction.CHANGE_POST


def test_only_attendees_are_assessed_and_scores_stay_within_0_to_100(world):
    session = _session(world, employees=[world.operator])
    participant = session.participants.get()
    with pytest.raises(ValidationError) as error:
        services.assessment_record(participant=participant, score=80, method="written", by=world.company.hr)
    assert "assess_not_attended" in error_codes(error.value)
    participant.attended = True
    with pytest.raises(ValidationError) as error:
        services.assessment_record(participant=participant, score=101, method="written", by=world.company.hr)
    assert "score_range" in error_codes(error.value)


def test_raise_need_for_a_low_kpi_is_the_interface_of_performance(world):
    need = services.raise_need(
        employee=world.operator, topic="质量意识", source=NeedSource.KPI, by=world.company.prod_head, reason="KPI C"
    )
    assert need.status == NeedStatus.OPEN and need.created_by == world.company.prod_head
