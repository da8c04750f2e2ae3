import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from approvals.models import Decision, Delegation, RequestStatus, StepKind
from approvals.services import request_decide, request_submit
from tests.factories import PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def en(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def pending(org, process, make_flow, subject):
    make_flow([("dept_head",), ("gm",)])
    return request_submit(subject=subject, by=org.worker)


def _step(request):
    return request.steps.get(round=request.round, index=request.current_step)


def test_the_inbox_lists_my_pending_steps_with_subject_applicant_and_department(org, pending, login, en):
    response = login(org.head).get(reverse("approvals:inbox"))

    assert response.status_code == 200
    steps = list(response.context["steps"])
    assert steps == [_step(pending)]
    body = response.content.decode()
    assert "ST-OP" in body and str(org.worker) in body and "冲压课" in body


def test_someone_elses_step_is_not_in_my_inbox_and_its_page_is_404(org, pending, login):
    client = login(org.gm)
    assert list(client.get(reverse("approvals:inbox")).context["steps"]) == []
    url = reverse("approvals:decide", args=[_step(pending).pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "approve"}).status_code == 404
    assert not Decision.objects.filter(decision="approve").exists()


def test_the_approver_approves_through_the_decision_page(org, pending, login, en):
    client = login(org.head)
    url = reverse("approvals:decide", args=[_step(pending).pk])
    page = client.get(url)
    assert page.status_code == 200
    assert [value for value, _label in page.context["form"].fields["decision"].choices] == [
        "approve",
        "reject",
        "return",
    ]

    response = client.post(url, {"decision": "approve", "comment": "同意"})

    assert response.status_code == 302
    pending.refresh_from_db()
    assert _step(pending).assigned_to == org.gm
    assert client.get(url).status_code == 404


def test_returning_without_a_comment_is_a_form_error(org, pending, login, en):
    client = login(org.head)
    url = reverse("approvals:decide", args=[_step(pending).pk])

    response = client.post(url, {"decision": "return", "comment": ""})

    assert response.status_code == 200
    assert "comment" in response.context["form"].errors
    pending.refresh_from_db()
    assert pending.status == RequestStatus.PENDING


def test_an_acknowledgement_step_offers_no_reject(org, process, make_flow, subject, login):
    make_flow([("dept_head", StepKind.ACKNOWLEDGEMENT)])
    request = request_submit(subject=subject, by=org.worker)
    client = login(org.head)
    url = reverse("approvals:decide", args=[_step(request).pk])

    choices = [value for value, _label in client.get(url).context["form"].fields["decision"].choices]
    assert choices == ["acknowledge", "return"]
    client.post(url, {"decision": "reject", "comment": "no"})
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_a_delegate_sees_and_decides_the_step(org, pending, login):
    today = timezone.localdate()
    Delegation.objects.create(from_user=org.head, to_user=org.outsider, start_date=today, end_date=today)
    client = login(org.outsider)

    assert list(client.get(reverse("approvals:inbox")).context["steps"]) == [_step(pending)]
    client.post(reverse("approvals:decide", args=[_step(pending).pk]), {"decision": "approve"})

    assert Decision.objects.get(decision="approve").on_behalf_of == org.head


def test_my_requests_and_withdraw(org, pending, login):
    client = login(org.worker)
    response = client.get(reverse("approvals:my_requests"))
    assert list(response.context["requests"]) == [pending]

    client.post(reverse("approvals:withdraw", args=[pending.pk]), {"comment": "changed my mind"})

    pending.refresh_from_db()
    assert pending.status == RequestStatus.WITHDRAWN


def test_nobody_else_can_withdraw_or_open_a_request(org, pending, login):
    client = login(org.outsider)
    assert client.post(reverse("approvals:withdraw", args=[pending.pk])).status_code == 404
    assert client.get(reverse("approvals:request_detail", args=[pending.pk])).status_code == 404
    pending.refresh_from_db()
    assert pending.status == RequestStatus.PENDING


def test_the_applicant_and_the_approvers_open_the_request_page_with_its_chain(org, pending, login, en):
    for user in (org.worker, org.head, org.gm):
        response = login(user).get(reverse("approvals:request_detail", args=[pending.pk]))
        assert response.status_code == 200
        assert len(response.context["chain"]) == 3


def test_a_user_manages_their_own_delegations(org, login):
    client = login(org.gm)
    today = timezone.localdate()
    response = client.post(
        reverse("approvals:delegations"),
        {"to_user": org.vp.pk, "start_date": today, "end_date": today + datetime.timedelta(days=7)},
    )
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    assert (delegation.from_user, delegation.to_user) == (org.gm, org.vp)

    assert login(org.vp).post(reverse("approvals:delegation_end", args=[delegation.pk])).status_code == 404
    login(org.gm).post(reverse("approvals:delegation_end", args=[delegation.pk]))
    assert not Delegation.objects.exists()


def test_a_delegation_ending_before_it_starts_is_a_form_error(org, login):
    today = timezone.localdate()
    response = login(org.gm).post(
        reverse("approvals:delegations"),
        {"to_user": org.vp.pk, "start_date": today, "end_date": today - datetime.timedelta(days=1)},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Delegation.objects.exists()


def test_the_inbox_query_count_is_the_same_for_5_and_50_rows(
    org, process, make_flow, login, django_assert_max_num_queries
):
    make_flow([("gm",)])
    client = login(org.gm)
    counts = []
    for start, stop in ((0, 5), (5, 50)):
        for i in range(start, stop):
            request_submit(subject=PositionFactory(department=org.stamping, code=f"Q{i}"), by=org.worker)
        client.get(reverse("approvals:inbox"))  # warm the session
        with django_assert_max_num_queries(10) as captured:
            response = client.get(reverse("approvals:inbox"))
        assert len(response.context["steps"]) == stop
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_decided_requests_leave_the_inbox_badge(org, pending, login):
    request_decide(request=pending, by=org.head, decision="approve")
    response = login(org.head).get(reverse("approvals:inbox"))
    assert response.context["pending_approvals_count"] == 0
