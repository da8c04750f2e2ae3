import io

import pytest

from approvals import demo
from approvals.models import ApproverRole, Delegation, Request, RequestStatus
from core import roles
from org.models import JobDescription
from tests.factories import JobDescriptionFactory

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_one_jd_waiting_for_the_gm_and_one_approved_once(make_user):
    make_user("hr", roles=[roles.HR])
    make_user("hr_manager", roles=[roles.HR_MANAGER])
    make_user("gm", roles=[roles.GM])
    JobDescriptionFactory(position__code="PRD-ST-OP")
    JobDescriptionFactory(position__code="QA-IN-INS")

    demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())

    requests = list(Request.objects.order_by("pk"))
    assert [r.status for r in requests] == [RequestStatus.PENDING, RequestStatus.APPROVED]
    waiting = requests[0].steps.get(index=requests[0].current_step)
    assert (waiting.role, waiting.assigned_to.username) == (ApproverRole.GM, "gm")
    assert JobDescription.objects.filter(version=2, status=JobDescription.Status.APPROVED).count() == 1
    assert list(Delegation.objects.values_list("from_user__username", "to_user__username")) == [("hr_manager", "gm")]


def test_the_demo_does_nothing_without_the_demo_users():
    out = io.StringIO()
    demo.seed(stdout=out)
    assert not Request.objects.exists()
