"""Cancelling a training session: HR only, with a reason, never once held; the invited are told, the session
reminders stop and check-in is refused."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.policy import PolicyDenied
from notifications.models import Notification
from training import kinds, policies, reminders, services
from training.models import Participant, Session, SessionStatus

pytestmark = pytest.mark.django_db


def _session(world, employees, start=None):
    start = start or timezone.now() + datetime.timedelta(days=3)
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


@pytest.mark.parametrize(
    ("who", "status"),
    [("hr", 302), ("hr_manager", 302), ("prod_head", 403), ("operator", 403), ("qa_head", 404)],
)
def test_only_hr_cancels_a_session_from_its_page(world, login, who, status):
    session = _session(world, [world.operator])
    user = world.operator.user if who == "operator" else getattr(world.company, who)
    response = login(user).post(reverse("training:session_cancel", args=[session.pk]), {"reason": "讲师生病"})
    assert response.status_code == status
    session.refresh_from_db()
    assert (session.status == SessionStatus.CANCELLED) is (status == 302)


def test_the_cancel_button_shows_for_hr_only(world, login):
    session = _session(world, [world.operator])
    assert 'id="cancel-form"' in login(world.company.hr).get(session.get_absolute_url()).content.decode()
    assert 'id="cancel-form"' not in login(world.operator.user).get(session.get_absolute_url()).content.decode()
    assert 'id="cancel-form"' not in login(world.company.prod_head).get(session.get_absolute_url()).content.decode()


def test_a_reason_is_required(world, login):
    session = _session(world, [world.operator])
    with pytest.raises(ValidationError) as error:
        services.session_cancel(session=session, by=world.company.hr, reason="  ")
    assert error.value.error_dict["reason"][0].code == "cancel_reason_missing"
    login(world.company.hr).post(reverse("training:session_cancel", args=[session.pk]), {"reason": ""})
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED


def test_the_invited_are_told_and_the_page_shows_the_reason(world, login):
    session = _session(world, [world.operator, world.other])  # `other` has no login
    services.session_cancel(session=session, by=world.company.hr, reason="讲师生病")
    session.refresh_from_db()
    assert session.cancelled_by == world.company.hr and session.cancelled_at is not None
    cancelled = Notification.objects.get(kind=kinds.CANCELLED)
    assert cancelled.recipient == world.operator.user and "讲师生病" in cancelled.body
    # The invitation no longer waits unread in the inbox.
    assert not Notification.objects.filter(kind=kinds.INVITED, read_at__isnull=True).exists()
    client = login(world.operator.user)
    client.cookies["django_language"] = "en"
    page = client.get(session.get_absolute_url()).content.decode()
    assert 'id="session-cancelled"' in page and "讲师生病" in page
    assert reverse("training:checkin", args=[session.pk]) not in page


def test_a_held_session_cannot_be_cancelled(world, login):
    session = _session(world, [world.operator], start=timezone.now() - datetime.timedelta(minutes=5))
    services.attendance_set(session=session, attended_ids=[world.operator.pk], by=world.company.hr)
    session.refresh_from_db()
    assert policies.can_cancel_session(world.company.hr, session).code == "session_held"
    with pytest.raises(PolicyDenied):
        services.session_cancel(session=session, by=world.company.hr, reason="x")
    assert (
        login(world.company.hr).post(reverse("training:session_cancel", args=[session.pk]), {"reason": "x"}).status_code
        == 403
    )


def test_a_session_with_attendance_but_still_scheduled_cannot_be_cancelled(world):
    session = _session(world, [world.operator])
    Participant.objects.filter(session=session).update(attended=True)
    assert policies.can_cancel_session(world.company.hr, session).code == "session_held"


def test_a_cancelled_session_is_not_cancelled_twice_nor_edited(world):
    session = _session(world, [world.operator])
    services.session_cancel(session=session, by=world.company.hr, reason="讲师生病")
    session.refresh_from_db()
    with pytest.raises(PolicyDenied):
        services.session_cancel(session=session, by=world.company.hr, reason="again")
    with pytest.raises(PolicyDenied):
        services.participants_invite(session=session, employees=[world.qa_worker], by=world.company.hr)
    assert Notification.objects.filter(kind=kinds.CANCELLED).count() == 1


def test_no_reminders_after_cancelling(world):
    start = timezone.now() + datetime.timedelta(days=3)
    session = _session(world, [world.operator], start=start)
    today = timezone.localtime(start).date() - datetime.timedelta(days=3)
    assert reminders.session_soon(today) == 1
    services.session_cancel(session=session, by=world.company.hr, reason="讲师生病")
    assert reminders.session_soon(today + datetime.timedelta(days=2)) == 0
    assert Notification.objects.filter(kind=kinds.SESSION_SOON).count() == 1


def test_check_in_is_refused_by_the_service_once_cancelled(world, login):
    session = _session(world, [world.operator], start=timezone.now() - datetime.timedelta(minutes=5))
    services.session_cancel(session=session, by=world.company.hr, reason="停电")
    session.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.check_in(session=session, user=world.operator.user, code=session.checkin_code)
    assert error.value.code == "checkin_cancelled"
    page = login(world.operator.user).post(
        reverse("training:checkin", args=[session.pk]), {"code": session.checkin_code}
    )
    assert page.status_code == 200
    assert not Participant.objects.filter(session=session, attended=True).exists()


def test_the_admin_action_cancels_through_the_policy(world, make_user, login):
    from core import roles

    session = _session(world, [world.operator])
    held = _session(world, [world.other])
    Session.objects.filter(pk=held.pk).update(status=SessionStatus.HELD)
    url = reverse("admin:training_session_changelist")
    data = {"action": "cancel_sessions", "_selected_action": [session.pk, held.pk]}
    # Staff who see sessions in the admin but are not HR do not get the action.
    from django.contrib.auth.models import Permission

    head = make_user("staff_head", roles=[roles.DEPT_HEAD], is_staff=True)
    head.user_permissions.add(Permission.objects.get(codename="view_session", content_type__app_label="training"))
    login(head).post(url, {**data, "reason": "讲师生病"})
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED
    client = login(make_user("root", is_staff=True, is_superuser=True))
    asked = client.post(url, data)
    assert asked.status_code == 200 and b'name="reason"' in asked.content
    client.post(url, {**data, "reason": "讲师生病"})
    session.refresh_from_db()
    held.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED and session.cancel_reason == "讲师生病"
    assert held.status == SessionStatus.HELD
