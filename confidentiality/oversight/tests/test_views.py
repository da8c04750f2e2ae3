"""The pages as each role uses them: real form posts, allowed and forbidden, and list pages whose query count does not
grow with the rows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from confidentiality.oversight import services
from confidentiality.oversight.models import Handout, Incident, Inspection, Medium, Meeting, Responsibility
from core.security import SecrecyLevel

from .conftest import held_meeting_with_handouts

pytestmark = pytest.mark.django_db
NAME = "confidentiality_oversight:"


def url(name, *args):
    return reverse(NAME + name, args=args)


@pytest.mark.parametrize(
    ("who", "status"),
    [("manager", 200), ("officer", 200), ("keeper", 200), ("gm", 200), ("cleared", 403), ("uncleared", 403)],
)
def test_who_may_open_the_meeting_form(people, login, who, status):
    assert login(getattr(people, who)).get(url("meeting_create")).status_code == status


def test_the_organiser_schedules_a_meeting_from_the_form_and_an_uncleared_invitee_is_refused(people, login):
    client = login(people.manager)
    data = {
        "title": "质量事故分析会",
        "level": SecrecyLevel.SECRET,
        "starts_at": (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "venue": "品质部会议室",
        "relay_rule": "none",
        "discipline": "不得外传",
        "attendees": [people.cleared.pk, people.uncleared.pk],
    }
    response = client.post(url("meeting_create"), data)
    assert response.status_code == 200
    assert "not cleared" in response.content.decode() or "密级" in response.content.decode()
    assert not Meeting.objects.exists()
    data["attendees"] = [people.cleared.pk]
    response = client.post(url("meeting_create"), data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    assert set(meeting.attendees.values_list("user__username", flat=True)) == {"manager", "cleared"}


def test_venue_check_open_issue_collect_and_print_through_the_pages(people, meeting, login):
    client = login(people.manager)
    response = client.post(
        url("venue_check", meeting.pk, "before"), {"items": ["phones", "recording", "swept", "access", "equipment"]}
    )
    assert response.status_code == 302
    client.post(url("meeting_open", meeting.pk))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    attendee = meeting.attendees.get(user=people.cleared)
    response = client.post(url("handouts_issue", meeting.pk), {"material": "讨论稿", "recipients": [attendee.pk]})
    assert response.status_code == 302
    handout = Handout.objects.get()
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert f"{meeting.number}-01" in body and 'id="handouts-out"' in body
    # An attendee cannot check a handout in; the records keeper can.
    assert login(people.cleared).post(url("handout_collect", meeting.pk, handout.pk)).status_code == 403
    login(people.keeper).post(url("handout_collect", meeting.pk, handout.pk))
    handout.refresh_from_db()
    assert handout.collected_by == people.keeper
    response = login(people.keeper).get(url("handout_register_pdf", meeting.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_closing_with_a_handout_out_says_why(people, meeting, login):
    held_meeting_with_handouts(people, meeting)
    client = login(people.manager)
    response = client.post(url("meeting_close", meeting.pk), follow=True)
    assert "not collected back" in response.content.decode() or "未收回" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_every_employee_reports_a_leak_from_the_menu_and_the_officer_records_the_decision(people, login):
    client = login(people.uncleared)
    assert 'id="nav-report-leak"' in client.get("/").content.decode()
    response = client.post(
        url("incident_report"), {"found_on": timezone.localdate().isoformat(), "what": "打印室遗留配置表", "how": ""}
    )
    incident = Incident.objects.get()
    assert response.status_code == 302 and incident.reported_by == people.uncleared
    assert people.officer.notifications.filter(title__contains=incident.number).exists()
    officer = login(people.officer)
    officer.post(
        url("incident_investigate", incident.pk),
        {"level": SecrecyLevel.SECRET, "investigation": "外包打印", "remedial_actions": "收回并销毁", "loss": ""},
    )
    form = officer.get(url("responsibility_record", incident.pk)).content.decode()
    assert 'id="legal-basis"' in form
    response = officer.post(
        url("responsibility_record", incident.pk),
        {"person": people.cleared.pk, "severity": "minor", "warning": "", "penalty": "600", "compensation": ""},
    )
    assert response.status_code == 200 and not Responsibility.objects.exists()  # 600 is above the minor range
    officer.post(
        url("responsibility_record", incident.pk),
        {"person": people.cleared.pk, "severity": "minor", "warning": "on", "penalty": "100", "compensation": ""},
    )
    assert Responsibility.objects.get().penalty == 100
    officer.post(url("incident_decide", incident.pk), {"decision_summary": "警告并罚款100元"})
    incident.refresh_from_db()
    assert incident.status == Incident.Status.DECIDED
    assert (
        "Your report" in people.uncleared.notifications.latest("pk").title
        or incident.number in people.uncleared.notifications.latest("pk").title
    )
    # The reporter sees the status, not the decision.
    body = login(people.uncleared).get(incident.get_absolute_url()).content.decode()
    assert "警告并罚款" not in body and incident.get_status_display() in body


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("keeper", 200), ("gm", 403), ("cleared", 403)])
def test_who_plans_inspections_and_registers_media(people, login, who, status):
    client = login(getattr(people, who))
    assert client.get(url("inspection_create")).status_code == status
    assert client.get(url("medium_create")).status_code == status


def test_inspection_pages_plan_record_action_and_close(people, login):
    client = login(people.officer)
    response = client.post(
        url("inspection_create"),
        {
            "kind": "spot",
            "holiday": "",
            "planned_on": timezone.localdate().isoformat(),
            "departments": [people.department.pk],
            "inspectors": [people.keeper.pk],
        },
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    client.post(
        url("inspection_record", inspection.pk),
        {"done_on": timezone.localdate().isoformat(), "findings": "保密柜未上锁"},
    )
    client.post(
        url("action_add", inspection.pk),
        {
            "department": people.department.pk,
            "finding": "保密柜未上锁",
            "action": "换锁",
            "owner": people.manager.pk,
            "due_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        },
    )
    action = inspection.actions.get()
    assert (
        "overdue" in client.get(inspection.get_absolute_url()).content.decode()
        or "逾期" in client.get(inspection.get_absolute_url()).content.decode()
    )
    # The owner sees the inspection and closes their action; another employee does not even see it.
    assert login(people.cleared).get(inspection.get_absolute_url()).status_code == 404
    owner = login(people.manager)
    assert owner.get(inspection.get_absolute_url()).status_code == 200
    owner.post(url("action_close", inspection.pk, action.pk), {"closure_note": "已换密码锁"})
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.CLOSED


def test_media_pages_issue_and_return(people, login):
    client = login(people.keeper)
    client.post(
        url("medium_create"),
        {
            "serial": "U-9",
            "kind": "usb",
            "description": "",
            "level": SecrecyLevel.SECRET,
            "department": people.department.pk,
            "custodian": people.keeper.pk,
        },
    )
    medium = Medium.objects.get()
    due = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    response = client.post(
        url("medium_issue", medium.pk),
        {"level": medium.level, "holder": people.uncleared.pk, "purpose": "x", "due_back": due},
    )
    assert response.status_code == 200  # not cleared
    client.post(
        url("medium_issue", medium.pk),
        {"level": medium.level, "holder": people.cleared.pk, "purpose": "拷图", "due_back": due},
    )
    medium.refresh_from_db()
    assert medium.status == Medium.Status.ISSUED
    assert login(people.cleared).get(medium.get_absolute_url()).status_code == 200  # the holder
    assert login(people.uncleared).get(medium.get_absolute_url()).status_code == 404
    assert login(people.cleared).post(url("medium_return", medium.pk)).status_code == 403
    login(people.keeper).post(url("medium_return", medium.pk))
    medium.refresh_from_db()
    assert medium.status == Medium.Status.IN_STORE


def _meetings(people, n, start=0):
    for i in range(start, start + n):
        meeting = services.meeting_schedule(
            by=people.manager,
            title=f"会{i}",
            level=SecrecyLevel.SECRET,
            starts_at=timezone.now() - datetime.timedelta(days=i + 1),
            venue="v",
            attendees=[people.cleared],
        )
        held_meeting_with_handouts(people, meeting)
        services.incident_report(by=people.cleared, found_on=timezone.localdate(), what=f"事{i}")
        inspection = services.inspection_plan(
            by=people.officer,
            kind="spot",
            holiday="",
            planned_on=timezone.localdate(),
            departments=[people.department],
            inspectors=[people.keeper],
        )
        services.inspection_record(inspection=inspection, by=people.officer, done_on=timezone.localdate(), findings="f")
        services.action_add(
            inspection=inspection,
            by=people.officer,
            department=None,
            finding="f",
            action="a",
            owner=people.manager,
            due_on=timezone.localdate(),
        )
        medium = services.medium_register(
            by=people.keeper,
            serial=f"U-{i}",
            kind="usb",
            description="",
            level=SecrecyLevel.SECRET,
            department=people.department,
            custodian=people.keeper,
        )
        services.medium_issue(
            medium=medium, by=people.keeper, holder=people.cleared, purpose="p", due_back=timezone.localdate()
        )


@pytest.mark.parametrize("name", ["meeting_list", "incident_list", "inspection_list", "medium_list"])
def test_list_pages_use_a_constant_number_of_queries(people, login, django_assert_max_num_queries, name):
    client = login(people.officer)
    _meetings(people, 2)
    with django_assert_max_num_queries(12) as few:
        assert client.get(url(name)).status_code == 200
    _meetings(people, 6, start=2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url(name)).status_code == 200


def test_the_home_cards_of_the_officer(people, meeting, login):
    held_meeting_with_handouts(people, meeting)
    services.incident_report(by=people.cleared, found_on=timezone.localdate(), what="x")
    body = login(people.officer).get("/").content.decode()
    assert "Open leak incidents" in body or "泄密" in body
    assert f"{meeting.number}-01" in body
    assert "Open leak incidents" not in login(people.cleared).get("/").content.decode()
