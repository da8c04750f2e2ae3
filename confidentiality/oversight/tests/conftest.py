"""People and objects for oversight tests: an officer and a records keeper, a manager who organises meetings,
a cleared and an uncleared employee, the general manager, and a staff auditor who may open the admin site."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from confidentiality.oversight import services
from core import roles
from core.security import SecrecyLevel
from org.services import department_create


@dataclass
class People:
    officer: object
    keeper: object
    gm: object
    manager: object
    cleared: object
    top: object
    uncleared: object
    auditor: object
    department: object


@pytest.fixture
def people(make_user) -> People:
    return People(
        officer=make_user("officer", roles=[roles.CONFIDENTIALITY_OFFICER], clearance=SecrecyLevel.TOP_SECRET),
        keeper=make_user("keeper", roles=[roles.RECORDS_KEEPER], clearance=SecrecyLevel.CONFIDENTIAL),
        gm=make_user("gm", roles=[roles.GM], clearance=SecrecyLevel.TOP_SECRET),
        manager=make_user("manager", roles=[roles.DEPT_MANAGER], clearance=SecrecyLevel.CONFIDENTIAL),
        cleared=make_user("cleared", roles=[roles.EMPLOYEE], clearance=SecrecyLevel.SECRET),
        top=make_user("top", roles=[roles.EMPLOYEE], clearance=SecrecyLevel.TOP_SECRET),
        uncleared=make_user("uncleared", roles=[roles.EMPLOYEE], clearance=SecrecyLevel.INTERNAL),
        auditor=make_user("auditor", roles=[roles.AUDITOR], clearance=SecrecyLevel.INTERNAL, is_staff=True),
        department=department_create(code="PRD", name="生产部"),
    )


SECRET_TITLE = "新品定价策略研讨会"


@pytest.fixture
def meeting(people):
    """A secret meeting organised by the manager yesterday, with the cleared employee invited."""
    return services.meeting_schedule(
        by=people.manager,
        title=SECRET_TITLE,
        level=SecrecyLevel.SECRET,
        starts_at=timezone.now() - datetime.timedelta(days=1),
        venue="三楼小会议室",
        department=people.department,
        attendees=[people.cleared],
    )


def held_meeting_with_handouts(people, meeting):
    services.venue_check_record(
        meeting=meeting,
        by=people.manager,
        stage="before",
        items=["phones", "recording", "swept", "access", "equipment"],
    )
    services.meeting_open(meeting=meeting, by=people.manager)
    return services.handouts_issue(
        meeting=meeting, by=people.manager, material="定价方案讨论稿", recipients=[people.cleared, people.manager]
    )
