import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from approvals.models import Decision, Delegation, RequestStatus, Step, StepKind
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
    """Out of scope (a request I have nothing to do with) is 404; in scope (the general manager comes later in
    this chain) but not mine to decide is 403."""
    url = reverse("approvals:decide", args=[_step(pending).pk])
    outsider = login(org.outsider)
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, {"decision": "approve"}).status_code == 404
    client = login(org.gm)
    assert list(client.get(reverse("approvals:inbox")).context["steps"]) == []
    assert client.get(url).status_code == 403
    assert client.post(url, {"decision": "approve"}).status_code == 403
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
    assert client.get(url).status_code == 403


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
    Delegation.objects.create(from_user=org.head, to_user=org.deputy_head, start_date=today, end_date=today)
    client = login(org.deputy_head)

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
    client = login(org.hr_manager)
    today = timezone.localdate()
    response = client.post(
        reverse("approvals:delegations"),
        {"to_user": org.gm.pk, "start_date": today, "end_date": today + datetime.timedelta(days=7)},
    )
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    assert (delegation.from_user, delegation.to_user) == (org.hr_manager, org.gm)

    assert login(org.gm).post(reverse("approvals:delegation_end", args=[delegation.pk])).status_code == 404
    login(org.hr_manager).post(reverse("approvals:delegation_end", args=[delegation.pk]))
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


def _queries(client, url, django_assert_max_num_queries, budget):
    client.get(url)  # warm the session and the content-type cache
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(captured.captured_queries)


def test_my_requests_cost_the_same_queries_for_5_and_50_rows(
    org, process, make_flow, login, django_assert_max_num_queries
):
    """ "My requests" shows every row (page of 50) with its process and department without a query per row."""
    make_flow([("dept_head",), ("gm",)])
    client = login(org.worker)
    url = reverse("approvals:my_requests")
    counts = []
    for start, stop in ((0, 5), (5, 50)):
        for i in range(start, stop):
            request_submit(subject=PositionFactory(department=org.stamping, code=f"R{i}"), by=org.worker)
        response, queries = _queries(client, url, django_assert_max_num_queries, 12)
        assert len(response.context["requests"]) == stop
        assert response.content.decode().count('action="/approvals/requests/') == stop  # a Withdraw button a row
        counts.append(queries)
    assert counts[0] == counts[1]


def test_the_inbox_badge_is_the_inbox_count_without_a_second_query(org, pending, login):
    """The inbox reuses its paginator's count for the navbar badge: the pending-step COUNT runs once."""
    client = login(org.head)
    client.get(reverse("approvals:inbox"))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("approvals:inbox"))
    step_counts = [q for q in captured.captured_queries if "COUNT(" in q["sql"] and "approvals_requeststep" in q["sql"]]
    assert len(step_counts) == 1
    assert response.context["pending_approvals_count"] == 1
    assert 'id="nav-approvals-count">1<' in response.content.decode()


def test_the_request_page_costs_the_same_queries_for_a_chain_of_5_and_of_50_steps(
    org, process, make_flow, login, django_assert_max_num_queries
):
    """The request page reads its chain (steps, decisions, their people) in a fixed number of queries."""
    flow = make_flow([])
    counts = []
    for length in (5, 50):
        # Alternating approvers: the engine skips a step whose approver also approved the step before.
        for order in range(flow.steps.count(), length):
            Step.objects.create(flow=flow, order=order, role="gm" if order % 2 == 0 else "vp")
        approval = request_submit(subject=PositionFactory(department=org.stamping, code=f"C{length}"), by=org.worker)
        for i in range(length):
            request_decide(request=approval, by=org.gm if i % 2 == 0 else org.vp, decision="approve")
        approval.refresh_from_db()
        assert approval.status == RequestStatus.APPROVED
        response, queries = _queries(
            login(org.worker),
            reverse("approvals:request_detail", args=[approval.pk]),
            django_assert_max_num_queries,
            20,
        )
        assert len(response.context["chain"]) == length + 1  # the applicant's line and one a step
        assert response.content.decode().count(f"<td>{org.vp}</td>") == length // 2  # who approved each step
        counts.append(queries)
    assert counts[0] == counts[1]


def test_a_delegate_sees_the_badge_and_the_request_of_whom_they_stand_in_for(org, pending, login):
    """The approver set is "me or whoever delegated to me today": the delegate's badge and request page."""
    today = timezone.localdate()
    Delegation.objects.create(from_user=org.head, to_user=org.deputy_head, start_date=today, end_date=today)
    client = login(org.deputy_head)
    response = client.get(reverse("approvals:my_requests"))
    assert response.context["pending_approvals_count"] == 1
    assert client.get(reverse("approvals:request_detail", args=[pending.pk])).status_code == 200
    yesterday = today - datetime.timedelta(days=1)
    Delegation.objects.update(start_date=yesterday, end_date=yesterday)
    response = client.get(reverse("approvals:my_requests"))
    assert response.context["pending_approvals_count"] == 0
    assert client.get(reverse("approvals:request_detail", args=[pending.pk])).status_code == 404


def test_a_delegates_inbox_asks_the_policy_per_row_at_a_fixed_query_count(
    org, process, make_flow, login, django_assert_max_num_queries
):
    """Each row's button comes from policies.can_decide; today's delegators and the rows' people are read once."""
    make_flow([("dept_head",)])
    today = timezone.localdate()
    Delegation.objects.create(from_user=org.head, to_user=org.deputy_head, start_date=today, end_date=today)
    client = login(org.deputy_head)
    counts = []
    for start, stop in ((0, 5), (5, 50)):
        for i in range(start, stop):
            request_submit(subject=PositionFactory(department=org.stamping, code=f"D{i}"), by=org.worker)
        client.get(reverse("approvals:inbox"))  # warm the session
        with django_assert_max_num_queries(12) as captured:
            response = client.get(reverse("approvals:inbox"))
        assert all(acting for _step, acting in response.context["rows"])
        assert response.content.decode().count('href="/approvals/steps/') == stop
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_a_delegation_to_someone_who_cannot_hold_the_steps_is_refused_in_plain_words(org, login, en):
    """The HR manager cannot hand his approvals to a frontline employee: the form says why, nothing is saved."""
    today = timezone.localdate()
    response = login(org.hr_manager).post(
        reverse("approvals:delegations"), {"to_user": org.outsider.pk, "start_date": today, "end_date": today}
    )
    assert response.status_code == 200
    assert "delegate_not_qualified" in {error.code for error in response.context["form"].errors.as_data()["to_user"]}
    assert "cannot stand in for you" in response.content.decode()
    assert not Delegation.objects.exists()


def test_a_notice_reaches_the_decision_page_whose_first_button_approves(org, pending, login, en):
    """Two taps from a notice (issue 24): the step's notification opens the decision page, and its first form is a
    one-button approval (no radio to pick first) that records the decision."""
    from notifications.models import Notification

    client = login(org.head)
    notice = Notification.objects.get(recipient=org.head, kind="approval.step")
    step_url = reverse("approvals:decide", args=[_step(pending).pk])
    opened = client.get(reverse("notifications:open", args=[notice.pk]))
    assert opened.status_code == 302 and opened.url == step_url
    page = client.get(step_url).content.decode()
    assert 'id="quick-approve"' in page and 'name="decision" value="approve"' in page

    assert client.post(step_url, {"decision": "approve"}).status_code == 302
    assert Decision.objects.filter(decision="approve", by=org.head).exists()
