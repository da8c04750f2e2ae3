"""The domain rules of oversight, as the services and models enforce them whoever calls."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from confidentiality.oversight import services
from confidentiality.oversight.models import (
    Attendee,
    Incident,
    Inspection,
    Medium,
    Meeting,
    Responsibility,
    Severity,
)
from confidentiality.oversight.selectors import handouts_uncollected
from core.errors import error_codes
from core.policy import PolicyDenied
from core.security import SecrecyLevel

from .conftest import held_meeting_with_handouts

pytestmark = pytest.mark.django_db

# severity, warning, penalty, dismissal, legal action → the error codes (empty: valid).
PENALTY_CASES = [
    (Severity.MINOR, True, None, False, False, set()),
    (Severity.MINOR, False, "50", False, False, set()),
    (Severity.MINOR, False, "500", False, False, set()),
    (Severity.MINOR, True, "49.99", False, False, {"penalty_range"}),
    (Severity.MINOR, False, "500.01", False, False, {"penalty_range"}),
    (Severity.MINOR, False, None, False, False, {"minor_empty"}),
    (Severity.MINOR, True, "100", True, False, {"dismissal_minor"}),
    (Severity.MINOR, True, None, False, True, {"legal_minor"}),
    (Severity.SERIOUS, False, "500", True, False, set()),
    (Severity.SERIOUS, False, "5000", True, True, set()),
    (Severity.SERIOUS, False, "499", True, False, {"penalty_range"}),
    (Severity.SERIOUS, False, "5000.01", True, False, {"penalty_range"}),
    (Severity.SERIOUS, False, "1000", False, False, {"serious_dismissal"}),
    (Severity.SERIOUS, False, None, True, False, {"serious_penalty"}),
]


@pytest.mark.parametrize(("severity", "warning", "penalty", "dismissal", "legal", "codes"), PENALTY_CASES)
def test_penalties_stay_within_the_regulations_ranges(people, severity, warning, penalty, dismissal, legal, codes):
    """Minor: a warning or 50–500 yuan, no dismissal; serious: dismissal and 500–5,000 yuan (制度 六)."""
    incident = services.incident_report(by=people.cleared, found_on=timezone.localdate(), what="图纸外发")
    kwargs = dict(
        severity=severity,
        warning=warning,
        penalty=Decimal(penalty) if penalty else None,
        dismissal=dismissal,
        legal_action=legal,
    )
    if codes:
        with pytest.raises(ValidationError) as caught:
            services.responsibility_record(incident=incident, by=people.officer, person=people.uncleared, **kwargs)
        assert error_codes(caught.value) == codes
        assert not Responsibility.objects.exists()
    else:
        row = services.responsibility_record(incident=incident, by=people.officer, person=people.uncleared, **kwargs)
        assert row.pk


def test_an_uncleared_person_cannot_be_invited_even_bypassing_the_form(people, meeting):
    with pytest.raises(ValidationError) as caught:
        services.meeting_attendees_add(meeting=meeting, by=people.manager, users=[people.top, people.uncleared])
    assert error_codes(caught.value) == {"clearance"}
    # Nobody of the batch was added: the list is all or nothing.
    assert not meeting.attendees.filter(user=people.top).exists()
    with pytest.raises(ValidationError):
        Attendee(meeting=meeting, user=people.uncleared, invited_by=people.manager).full_clean()


def test_the_organiser_must_be_cleared_for_the_level(people):
    with pytest.raises(ValidationError) as caught:
        services.meeting_schedule(
            by=people.manager,
            title="战略投资",
            level=SecrecyLevel.TOP_SECRET,
            starts_at=timezone.now(),
            venue="总经理室",
        )
    assert "organiser_clearance" in error_codes(caught.value)


def test_an_employee_cannot_organise_a_classified_meeting(people):
    with pytest.raises(PolicyDenied):
        services.meeting_schedule(
            by=people.cleared, title="x", level=SecrecyLevel.SECRET, starts_at=timezone.now(), venue="x"
        )


def test_public_levels_are_not_meeting_levels(people):
    with pytest.raises(ValidationError) as caught:
        services.meeting_schedule(
            by=people.manager, title="x", level=SecrecyLevel.INTERNAL, starts_at=timezone.now(), venue="x"
        )
    assert error_codes(caught.value) == {"invalid_choice"}


def test_meeting_numbers_run_per_year(people, meeting):
    second = services.meeting_schedule(
        by=people.manager, title="y", level=SecrecyLevel.SECRET, starts_at=meeting.starts_at, venue="x"
    )
    year = timezone.localtime(meeting.starts_at).year
    assert (meeting.number, second.number) == (f"BM-{year}-0001", f"BM-{year}-0002")


def test_the_meeting_opens_only_after_the_venue_passed_its_check(people, meeting):
    with pytest.raises(ValidationError) as caught:
        services.meeting_open(meeting=meeting, by=people.manager)
    assert error_codes(caught.value) == {"venue_unchecked"}
    with pytest.raises(ValidationError) as caught:
        services.venue_check_record(meeting=meeting, by=people.manager, stage="before", items=["phones"])
    assert error_codes(caught.value) == {"notes_required"}
    check = services.venue_check_record(
        meeting=meeting, by=people.manager, stage="before", items=["phones"], notes="录音笔已收走，复查合格前不开会"
    )
    assert not check.passed
    with pytest.raises(ValidationError):
        services.meeting_open(meeting=meeting, by=people.manager)
    services.venue_check_record(
        meeting=meeting,
        by=people.manager,
        stage="before",
        items=["phones", "recording", "swept", "access", "equipment"],
    )
    opened = services.meeting_open(meeting=meeting, by=people.manager)
    assert opened.status == Meeting.Status.HELD
    assert opened.discipline_announced_by == people.manager and opened.discipline_announced_at


def test_handouts_are_numbered_go_to_attendees_only_and_come_back_once(people, meeting):
    first = held_meeting_with_handouts(people, meeting)
    assert [h.number for h in first] == [1, 2]
    more = services.handouts_issue(meeting=meeting, by=people.manager, material="附件", recipients=[people.cleared])
    assert [h.number for h in more] == [3]
    with pytest.raises(ValidationError) as caught:
        services.handouts_issue(meeting=meeting, by=people.manager, material="x", recipients=[people.top])
    assert error_codes(caught.value) == {"not_attendee"}
    assert set(handouts_uncollected(Meeting.objects.all())) == {*first, *more}
    services.handout_collect(handout=first[0], by=people.keeper)
    with pytest.raises(ValidationError) as caught:
        services.handout_collect(handout=first[0], by=people.keeper)
    assert error_codes(caught.value) == {"already_collected"}
    assert set(handouts_uncollected(Meeting.objects.all())) == {first[1], *more}


def test_an_attendee_cannot_collect_or_issue_handouts(people, meeting):
    handouts = held_meeting_with_handouts(people, meeting)
    with pytest.raises(PolicyDenied):
        services.handout_collect(handout=handouts[0], by=people.cleared)
    with pytest.raises(PolicyDenied):
        services.handouts_issue(meeting=meeting, by=people.cleared, material="x", recipients=[people.cleared])


def test_a_meeting_closes_only_with_every_handout_back_the_venue_checked_and_minutes_classified(people, meeting):
    handouts = held_meeting_with_handouts(people, meeting)
    with pytest.raises(ValidationError) as caught:
        services.meeting_close(meeting=meeting, by=people.manager)
    assert error_codes(caught.value) == {"venue_after", "handouts_out", "minutes"}
    for handout in handouts:
        services.handout_collect(handout=handout, by=people.manager)
    services.venue_check_record(
        meeting=meeting, by=people.manager, stage="after", items=["documents", "boards", "equipment"]
    )
    with pytest.raises(ValidationError) as caught:
        services.minutes_record(
            meeting=meeting,
            by=people.manager,
            minutes="…",
            minutes_level=SecrecyLevel.SECRET,
            minutes_keeper=people.uncleared,
        )
    assert error_codes(caught.value) == {"clearance"}
    services.minutes_record(
        meeting=meeting,
        by=people.manager,
        minutes="定价原则",
        minutes_level=SecrecyLevel.CONFIDENTIAL,
        minutes_keeper=people.keeper,
    )
    closed = services.meeting_close(meeting=meeting, by=people.manager)
    assert closed.status == Meeting.Status.CLOSED
    with pytest.raises(PolicyDenied):
        services.handouts_issue(meeting=meeting, by=people.manager, material="x", recipients=[people.cleared])


def test_relay_within_a_scope_needs_the_scope(people):
    with pytest.raises(ValidationError) as caught:
        services.meeting_schedule(
            by=people.manager,
            title="x",
            level=SecrecyLevel.SECRET,
            starts_at=timezone.now(),
            venue="x",
            relay_rule="scope",
        )
    assert "relay_scope" in error_codes(caught.value)


def test_an_incident_is_decided_after_its_investigation_and_the_reporter_is_told(people):
    incident = services.incident_report(by=people.cleared, found_on=timezone.localdate(), what="报价单发错客户")
    with pytest.raises(ValidationError) as caught:
        services.incident_decide(incident=incident, by=people.officer, decision_summary="警告")
    assert error_codes(caught.value) == {"not_investigating"}
    with pytest.raises(PolicyDenied):
        services.incident_investigate(
            incident=incident, by=people.gm, level=None, investigation="x", remedial_actions="x", loss=None
        )
    services.incident_investigate(
        incident=incident,
        by=people.officer,
        level=SecrecyLevel.SECRET,
        investigation="业务员误发",
        remedial_actions="已要求对方删除并书面确认",
        loss=Decimal("0"),
    )
    decided = services.incident_decide(incident=incident, by=people.officer, decision_summary="警告一次")
    assert decided.status == Incident.Status.DECIDED
    assert people.cleared.notifications.filter(title__contains=incident.number).exists()
    services.reward_record(
        incident=incident,
        by=people.officer,
        person=people.cleared,
        amount=Decimal("200"),
        reason="及时举报",
        decided_on=timezone.localdate(),
    )
    assert services.incident_close(incident=incident, by=people.officer).status == Incident.Status.CLOSED


def test_a_future_found_date_is_refused(people):
    with pytest.raises(ValidationError) as caught:
        services.incident_report(
            by=people.cleared, found_on=timezone.localdate() + datetime.timedelta(days=1), what="x"
        )
    assert error_codes(caught.value) == {"future"}


def test_media_go_only_to_cleared_people_and_a_loss_opens_an_incident(people):
    medium = services.medium_register(
        by=people.keeper,
        serial="U-001",
        kind="usb",
        description="图纸U盘",
        level=SecrecyLevel.SECRET,
        department=people.department,
        custodian=people.cleared,
    )
    due = timezone.localdate() + datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as caught:
        services.medium_issue(medium=medium, by=people.keeper, holder=people.uncleared, purpose="x", due_back=due)
    assert error_codes(caught.value) == {"clearance"}
    services.medium_issue(medium=medium, by=people.cleared, holder=people.manager, purpose="送审", due_back=due)
    with pytest.raises(PolicyDenied):  # not twice: it is out
        services.medium_issue(medium=medium, by=people.keeper, holder=people.top, purpose="x", due_back=due)
    services.medium_return(medium=medium, by=people.keeper)
    medium.refresh_from_db()
    assert medium.status == Medium.Status.IN_STORE and medium.loans.get().returned_to == people.keeper
    incident = services.medium_report_lost(medium=medium, by=people.cleared, details="出差途中遗失")
    medium.refresh_from_db()
    assert medium.status == Medium.Status.LOST and medium.incident == incident
    assert incident.reported_by == people.cleared


def test_an_inspection_closes_when_its_last_action_is_closed(people):
    inspection = services.inspection_plan(
        by=people.officer,
        kind="holiday",
        holiday="national_day",
        planned_on=timezone.localdate(),
        departments=[people.department],
        inspectors=[people.keeper],
    )
    with pytest.raises(ValidationError):
        services.action_add(
            inspection=inspection,
            by=people.keeper,
            department=None,
            finding="x",
            action="x",
            owner=people.manager,
            due_on=timezone.localdate(),
        )
    services.inspection_record(
        inspection=inspection, by=people.keeper, done_on=timezone.localdate(), findings="柜未上锁"
    )
    action = services.action_add(
        inspection=inspection,
        by=people.keeper,
        department=people.department,
        finding="文件柜未上锁",
        action="更换密码锁",
        owner=people.manager,
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    with pytest.raises(PolicyDenied):
        services.action_close(action=action, by=people.cleared, closure_note="x")
    services.action_close(action=action, by=people.manager, closure_note="已更换")
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.CLOSED


def test_a_spot_check_has_no_holiday_and_a_holiday_check_names_one(people):
    with pytest.raises(ValidationError) as caught:
        services.inspection_plan(
            by=people.officer,
            kind="holiday",
            holiday="",
            planned_on=timezone.localdate(),
            departments=[people.department],
            inspectors=[],
        )
    assert error_codes(caught.value) == {"holiday"}
    with pytest.raises(PolicyDenied):
        services.inspection_plan(
            by=people.manager,
            kind="spot",
            holiday="",
            planned_on=timezone.localdate(),
            departments=[people.department],
            inspectors=[],
        )
