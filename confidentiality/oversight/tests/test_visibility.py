"""The one rule for classified meetings (meetings_visible_to) and its use everywhere: a user outside it never
learns a meeting's subject or number — not on a list, a count, the home page, a notification, the admin site or
the audit trail; its URLs answer 404. Incidents: the reporter sees their own, the officer and the GM all."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from confidentiality.oversight import services
from confidentiality.oversight.models import Meeting
from confidentiality.oversight.selectors import incidents_visible_to, meetings_visible_to
from core import roles
from core.security import SecrecyLevel
from notifications.models import Notification

from .conftest import SECRET_TITLE, held_meeting_with_handouts

pytestmark = pytest.mark.django_db

# (role, clearance, relation to the meeting, meeting level) → sees it
MATRIX = [
    (roles.EMPLOYEE, SecrecyLevel.SECRET, "attendee", SecrecyLevel.SECRET, True),
    (roles.EMPLOYEE, SecrecyLevel.TOP_SECRET, "none", SecrecyLevel.SECRET, False),
    (roles.EMPLOYEE, SecrecyLevel.CONFIDENTIAL, "attendee", SecrecyLevel.SECRET, True),
    (roles.GM, SecrecyLevel.TOP_SECRET, "none", SecrecyLevel.SECRET, False),
    (roles.CONFIDENTIALITY_OFFICER, SecrecyLevel.TOP_SECRET, "none", SecrecyLevel.TOP_SECRET, True),
    (roles.CONFIDENTIALITY_OFFICER, SecrecyLevel.SECRET, "none", SecrecyLevel.CONFIDENTIAL, False),
    (roles.RECORDS_KEEPER, SecrecyLevel.CONFIDENTIAL, "none", SecrecyLevel.CONFIDENTIAL, True),
    (roles.RECORDS_KEEPER, SecrecyLevel.CONFIDENTIAL, "none", SecrecyLevel.TOP_SECRET, False),
    (roles.DEPT_MANAGER, SecrecyLevel.CONFIDENTIAL, "organiser", SecrecyLevel.CONFIDENTIAL, True),
]


@pytest.mark.parametrize(("role", "clearance", "relation", "level", "sees"), MATRIX)
def test_who_sees_a_meeting(make_user, role, clearance, relation, level, sees):
    user = make_user("u", roles=[role], clearance=clearance)
    organiser = (
        user if relation == "organiser" else make_user("org", roles=[roles.GM], clearance=SecrecyLevel.TOP_SECRET)
    )
    meeting = services.meeting_schedule(
        by=organiser,
        title="t",
        level=level,
        starts_at=timezone.now(),
        venue="v",
        attendees=[user] if relation == "attendee" else [],
    )
    assert meetings_visible_to(user).filter(pk=meeting.pk).exists() is sees


def test_a_lowered_clearance_hides_the_meeting_from_an_attendee(people, meeting):
    people.cleared.clearance = SecrecyLevel.INTERNAL
    people.cleared.save()
    assert not meetings_visible_to(people.cleared).exists()


def test_an_inactive_or_anonymous_user_sees_nothing(people, meeting):
    from django.contrib.auth.models import AnonymousUser

    people.officer.is_active = False
    assert not meetings_visible_to(people.officer).exists()
    assert not meetings_visible_to(AnonymousUser()).exists()


def _meeting_urls(meeting, handout):
    name = "confidentiality_oversight:"
    return [
        reverse(name + "meeting_detail", args=[meeting.pk]),
        reverse(name + "meeting_edit", args=[meeting.pk]),
        reverse(name + "venue_check", args=[meeting.pk, "before"]),
        reverse(name + "handouts_issue", args=[meeting.pk]),
        reverse(name + "minutes_record", args=[meeting.pk]),
        reverse(name + "handout_register_pdf", args=[meeting.pk]),
    ], [
        reverse(name + "handout_collect", args=[meeting.pk, handout.pk]),
        reverse(name + "meeting_open", args=[meeting.pk]),
        reverse(name + "meeting_close", args=[meeting.pk]),
        reverse(name + "meeting_attendees", args=[meeting.pk]),
    ]


def test_an_uncleared_user_finds_no_trace_of_the_meeting_anywhere(
    people, meeting, login, django_assert_max_num_queries
):
    handouts = held_meeting_with_handouts(people, meeting)
    services.incident_report(by=people.uncleared, found_on=timezone.localdate(), what="x")
    # The uncleared user as an auditor with every admin view permission.
    people.uncleared.is_staff = True
    people.uncleared.save()
    people.uncleared.user_permissions.set(
        Permission.objects.filter(content_type__app_label="confidentiality_oversight")
    )
    client = login(people.uncleared)
    gets, posts = _meeting_urls(meeting, handouts[0])
    for url in gets:
        assert client.get(url).status_code == 404, url
    for url in posts:
        assert client.post(url).status_code == 404, url
    pages = [
        "/",
        reverse("confidentiality_oversight:meeting_list"),
        reverse("confidentiality_oversight:meeting_list") + f"?q={SECRET_TITLE[:2]}",
        reverse("confidentiality_oversight:incident_list"),
        "/notifications/",
        "/admin/confidentiality_oversight/meeting/",
        f"/admin/confidentiality_oversight/meeting/?q={SECRET_TITLE[:2]}",
        "/admin/confidentiality_oversight/handout/",
        "/admin/confidentiality_oversight/attendee/",
        "/admin/confidentiality_oversight/venuecheck/",
        f"/admin/confidentiality_oversight/meeting/{meeting.pk}/change/",
    ]
    for url in pages:
        response = client.get(url)
        body = response.content.decode()
        assert SECRET_TITLE not in body and meeting.number not in body and "定价方案" not in body, url
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "0 meetings" in client.get(reverse("confidentiality_oversight:meeting_list")).content.decode()
    assert not Notification.objects.filter(recipient=people.uncleared).exists()
    # Nobody's notification, and no audit entry, carries the subject.
    assert not Notification.objects.filter(title__contains=SECRET_TITLE).exists()
    assert not Notification.objects.filter(body__contains=SECRET_TITLE).exists()
    assert not LogEntry.objects.filter(object_repr__contains=SECRET_TITLE).exists()
    assert not LogEntry.objects.filter(changes_text__contains=SECRET_TITLE).exists()
    assert not LogEntry.objects.filter(changes__icontains=SECRET_TITLE).exists()
    # The picker of people is for organisers and officers only.
    assert client.get(reverse("confidentiality_oversight:pick_users") + "?q=c").status_code == 403


def test_the_admin_shows_cleared_staff_their_meetings(people, meeting, login):
    people.cleared.is_staff = True
    people.cleared.save()
    people.cleared.user_permissions.set(Permission.objects.filter(codename="view_meeting"))
    body = login(people.cleared).get("/admin/confidentiality_oversight/meeting/").content.decode()
    assert meeting.number in body


def test_an_attendee_sees_the_meeting_but_only_the_organiser_and_officer_manage_it(people, meeting, login):
    client = login(people.cleared)
    assert SECRET_TITLE in client.get(meeting.get_absolute_url()).content.decode()
    assert client.get(reverse("confidentiality_oversight:meeting_edit", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("confidentiality_oversight:handout_register_pdf", args=[meeting.pk])).status_code == 403
    officer = login(people.officer)
    assert officer.get(reverse("confidentiality_oversight:meeting_edit", args=[meeting.pk])).status_code == 200


def test_incidents_reporter_sees_own_status_only_officer_and_gm_see_all(people, login):
    mine = services.incident_report(by=people.cleared, found_on=timezone.localdate(), what="客户名单外泄")
    other = services.incident_report(by=people.top, found_on=timezone.localdate(), what="图纸外发")
    assert list(incidents_visible_to(people.cleared)) == [mine]
    assert set(incidents_visible_to(people.officer)) == {mine, other}
    assert set(incidents_visible_to(people.gm)) == {mine, other}
    assert not incidents_visible_to(people.keeper).exists()
    client = login(people.cleared)
    assert client.get(other.get_absolute_url()).status_code == 404
    body = client.get(mine.get_absolute_url()).content.decode()
    assert "reporter-note" in body and 'id="investigation"' not in body
    assert client.get(reverse("confidentiality_oversight:incident_pdf", args=[mine.pk])).status_code == 403
    assert client.get(reverse("confidentiality_oversight:incident_investigate", args=[mine.pk])).status_code == 403
    gm = login(people.gm)
    assert gm.get(other.get_absolute_url()).status_code == 200
    assert gm.get(reverse("confidentiality_oversight:incident_investigate", args=[other.pk])).status_code == 403


def test_the_uncollected_reminder_goes_only_to_people_cleared_for_the_meeting(people, meeting, make_user):
    from confidentiality.oversight.reminders import handouts_uncollected

    low = make_user("low_officer", roles=[roles.CONFIDENTIALITY_OFFICER], clearance=SecrecyLevel.INTERNAL)
    held_meeting_with_handouts(people, meeting)
    assert handouts_uncollected(timezone.localdate()) > 0
    recipients = set(
        Notification.objects.filter(kind="oversight.handouts_uncollected").values_list("recipient__username", flat=True)
    )
    assert recipients == {"manager", "officer", "keeper"}
    assert not Notification.objects.filter(recipient=low).exists()
    assert Meeting.objects.get().number in Notification.objects.filter(recipient=people.manager).last().title


def test_a_future_meeting_has_no_uncollected_flag(people):
    from confidentiality.oversight.selectors import handouts_uncollected

    future = services.meeting_schedule(
        by=people.manager,
        title="t",
        level=SecrecyLevel.SECRET,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        venue="v",
        attendees=[people.cleared],
    )
    services.venue_check_record(
        meeting=future, by=people.manager, stage="before", items=["phones", "recording", "swept", "access", "equipment"]
    )
    services.meeting_open(meeting=future, by=people.manager)
    services.handouts_issue(meeting=future, by=people.manager, material="m", recipients=[people.cleared])
    assert not handouts_uncollected(Meeting.objects.all()).exists()
