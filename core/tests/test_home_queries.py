"""The home dashboard (every app's cards and the navbar badges) costs the same queries with 5 and with 50 rows.

Cards list at most 5 rows, so the test also looks at 2 rows: a query per listed row would show there.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from approvals.models import Flow, Request, RequestStatus, RequestStep, RequestStepStatus
from core import roles
from core.security import SecrecyLevel
from employees.models import Employee
from notifications import kinds
from notifications.services import notify
from onboarding.models import OnboardingCase, ProbationStatus
from org.services import department_create
from tests.factories import EmployeeFactory, LabourContractFactory, PositionFactory

pytestmark = pytest.mark.django_db

HEADCOUNT = "Headcount (filled / authorised)"
PROBATIONS_ENDING = "Probations ending in the next 14 days"
CONTRACTS_ENDING = "Labour contracts ending within 60 days"


def _add_rows(user, applicant, department, start, stop):
    """Rows `start`..`stop` of everything the cards and badges count: a person in the department with a contract
    and a probation ending soon, a step of `applicant`'s request waiting for `user` and an unread notification to
    them (nobody decides their own request, so the applicant is someone else)."""
    today = timezone.localdate()
    flow = Flow.objects.order_by("pk").first()
    employee_type = ContentType.objects.get_for_model(Employee)
    for i in range(start, stop):
        person = EmployeeFactory(position=PositionFactory(department=department), hire_date=today)
        LabourContractFactory(employee=person, start_date=today, end_date=today + datetime.timedelta(days=30))
        OnboardingCase.objects.create(
            employee=person,
            start_date=today,
            agreed_salary=Decimal("6000.00"),
            probation_months=1,
            probation_end=today + datetime.timedelta(days=7),
            probation_status=ProbationStatus.RUNNING,
        )
        request = Request.objects.create(
            content_type=employee_type,
            object_id=person.pk,
            subject_label=person.name,
            flow=flow,
            applicant=applicant,
            department=department,
            status=RequestStatus.PENDING,
            submitted_at=timezone.now(),
        )
        RequestStep.objects.create(
            request=request,
            index=0,
            name="",
            role="user",
            kind="approval",
            assigned_to=user,
            status=RequestStepStatus.PENDING,
            activated_at=timezone.now(),
        )
        notify(recipient=user, kind=kinds.GENERAL, title=f"Note {i}", email=False)


def _home(client):
    client.get(reverse("home"))  # warm the session and the caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    return response, len(captured.captured_queries)


@pytest.mark.parametrize("role", [roles.HR_MANAGER, roles.DEPT_HEAD])
def test_the_home_page_costs_the_same_queries_for_2_5_and_50_rows(make_user, login, role):
    user = make_user("reader", roles=[role], clearance=SecrecyLevel.SECRET, language="en")
    department = department_create(code="PRD", name="生产部")
    if role == roles.DEPT_HEAD:
        department.head = EmployeeFactory(position=PositionFactory(department=department), user=user)
        department.save()
    own_record = int(role == roles.DEPT_HEAD)
    applicant = make_user("applicant", roles=[roles.HR])
    client = login(user)
    counts = []
    for start, stop in ((0, 2), (2, 5), (5, 50)):
        _add_rows(user, applicant, department, start, stop)
        response, queries = _home(client)

        cards = {card.title: card for card in response.context["cards"]}
        assert cards[HEADCOUNT].count == stop + own_record
        assert cards[PROBATIONS_ENDING].count == stop
        assert len(cards[PROBATIONS_ENDING].items) == min(stop, 5)
        if role == roles.HR_MANAGER:  # contracts are secret HR data
            assert cards[CONTRACTS_ENDING].count == stop
            assert len(cards[CONTRACTS_ENDING].items) == min(stop, 5)
        else:
            assert CONTRACTS_ENDING not in cards
        body = response.content.decode()
        assert f'id="nav-approvals-count">{stop}<' in body
        assert f'id="nav-unread-count">{stop}<' in body
        counts.append(queries)
    assert counts[0] == counts[1] == counts[2]
