import datetime

import pytest
from django.utils import timezone

from recruitment import services
from recruitment.dashboard import recruitment_cards
from recruitment.models import Stage

pytestmark = pytest.mark.django_db


def test_interviewer_sees_the_interviews_to_hold_or_evaluate(company, approved_requisition, make_candidate):
    application = services.application_create(
        by=company.hr, candidate=make_candidate(), requisition=approved_requisition
    )
    services.application_advance(application=application, by=company.hr)
    services.interview_schedule(
        application=application,
        by=company.hr,
        round=Stage.FIRST_INTERVIEW,
        scheduled_at=timezone.now() + datetime.timedelta(days=1),
        interviewers=[company.qa_head],
        place="会议室",
    )
    cards = recruitment_cards(company.qa_head)
    assert cards[0].count == 1 and application.candidate.name in cards[0].items[0][0]


def test_department_head_sees_their_open_requisitions(company, approved_requisition):
    cards = recruitment_cards(company.prod_head)
    assert [c.count for c in cards] == [1]
    assert recruitment_cards(company.outsider) == []
