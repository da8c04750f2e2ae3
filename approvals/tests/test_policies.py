"""The one rule per action (approvals.policies), as the services, the inbox, the pages and the admin apply it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.models import Decision, Delegation
from approvals.selectors import pending_count_for, pending_steps_for
from approvals.services import request_decide, request_submit
from core.errors import error_codes
from core.policy import PolicyDenied

pytestmark = pytest.mark.django_db


def _current(request):
    return request.steps.get(round=request.round, index=request.current_step)


def test_the_general_manager_does_not_decide_a_vice_president_step_of_his_own_request(org, process, make_flow, subject):
    make_flow([("vp",)])
    request = request_submit(subject=subject, by=org.gm)

    assert pending_count_for(org.gm) == 0
    with pytest.raises(PolicyDenied) as excinfo:
        request_decide(request=request, by=org.gm, decision="approve")
    assert "own_request" in error_codes(excinfo.value)
    request_decide(request=request, by=org.vp, decision="approve")


def test_a_superuser_is_no_approver_by_the_flag_alone(org, process, make_flow, subject, make_user, login):
    """A superuser who is not the general manager sees the vice-president step's request but may not decide it:
    not in the inbox, 403 on the decision page (with the reason), refused by the service."""
    admin = make_user("root", is_superuser=True, is_staff=True)
    make_flow([("vp",)])
    request = request_submit(subject=subject, by=org.worker)
    step = _current(request)

    client = login(admin)
    assert list(client.get(reverse("approvals:inbox")).context["steps"]) == []
    assert client.get(reverse("approvals:request_detail", args=[request.pk])).status_code == 200
    assert client.get(reverse("approvals:decide", args=[step.pk])).status_code == 403
    with pytest.raises(PolicyDenied) as excinfo:
        request_decide(request=request, by=admin, decision="approve")
    assert "not_your_step" in error_codes(excinfo.value)
    assert not Decision.objects.filter(decision="approve").exists()


def test_someone_the_request_is_about_never_decides_it(org, process, make_flow, subject):
    """The process says the section head raised it (people_of): his head step goes one level up, the chain says
    why, and a delegation to him does not bring it back."""
    process.people = [org.head.pk]
    make_flow([("dept_head",), ("hr_manager",)])
    today = timezone.localdate()
    Delegation.objects.create(from_user=org.manager, to_user=org.head, start_date=today, end_date=today)

    request = request_submit(subject=subject, by=org.worker)

    step = _current(request)
    assert step.assigned_to == org.manager
    assert "raised this request or it is about them" in step.reason
    assert step not in pending_steps_for(org.head)
    with pytest.raises(PolicyDenied) as excinfo:
        request_decide(request=request, by=org.head, decision="approve")
    assert "own_request" in error_codes(excinfo.value)


def test_the_inbox_shows_why_a_delegate_may_no_longer_decide(org, process, make_flow, subject, login):
    """A delegation to someone who cannot hold the step (made before the rule): the inbox offers no button, says
    why, and the decision page is 403."""
    make_flow([("dept_head",)])
    today = timezone.localdate()
    Delegation.objects.create(from_user=org.head, to_user=org.outsider, start_date=today, end_date=today)
    request = request_submit(subject=subject, by=org.worker)
    step = _current(request)

    client = login(org.outsider)
    body = client.get(reverse("approvals:inbox")).content.decode()
    assert 'data-denied="delegate_not_qualified"' in body
    assert reverse("approvals:decide", args=[step.pk]) not in body
    assert client.get(reverse("approvals:decide", args=[step.pk])).status_code == 403


def test_the_request_page_offers_withdraw_to_the_applicant_only(org, process, make_flow, subject, login):
    make_flow([("dept_head",)])
    request = request_submit(subject=subject, by=org.worker)
    url = reverse("approvals:withdraw", args=[request.pk])

    assert url in login(org.worker).get(reverse("approvals:request_detail", args=[request.pk])).content.decode()
    head = login(org.head)
    assert url not in head.get(reverse("approvals:request_detail", args=[request.pk])).content.decode()
    assert head.post(url).status_code == 403
