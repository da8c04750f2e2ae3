"""What the law asks of a factory's onboarding: the pre-employment occupational health check (上岗前职业健康检查,
职业病防治法 art. 35) for posts with occupational hazards, and the three-level safety education (三级安全教育)
before a worker takes a production post — each a checklist item with its record."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core.errors import error_codes
from onboarding import services
from onboarding.models import OnboardingCase, OnboardingTask, SafetyEducation
from tests.factories import PositionFactory

from .conftest import sign_contract

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def painter(company):
    """A spray-painting post: frontline, with occupational hazards (benzene, noise)."""
    return PositionFactory(
        department=company.stamping, code="ST-PAINT", title="喷漆工", category="frontline", occupational_hazards=True
    )


def test_a_post_with_hazards_gets_the_health_check_and_a_production_post_the_safety_education(
    company, start_case, painter
):
    painting = start_case(painter)
    codes = set(painting.tasks.values_list("code", flat=True))
    assert {"health_check", "safety_education"} <= codes
    health = painting.tasks.get(code="health_check")
    assert health.mandatory and health.due_date == painting.start_date
    office = start_case(company.staff, terms={"probation_months": 3})
    assert not office.tasks.filter(code__in=["health_check", "safety_education"]).exists()


def test_the_health_check_records_the_institution_and_a_fit_result(company, start_case, painter):
    case = start_case(painter)
    task = case.tasks.get(code="health_check")
    with pytest.raises(ValidationError) as error:
        services.task_complete(task=task, by=company.hr, fit_for_post=True)
    assert "institution_missing" in error_codes(error.value)
    with pytest.raises(ValidationError) as error:
        services.task_complete(task=task, by=company.hr, institution="市职业病防治院", fit_for_post=False)
    assert "not_fit_for_post" in error_codes(error.value)
    done = services.task_complete(task=task, by=company.hr, institution="市职业病防治院", fit_for_post=True)
    assert done.status == OnboardingTask.Status.DONE and done.institution == "市职业病防治院" and done.fit_for_post


def test_the_safety_education_is_recorded_level_by_level(company, start_case):
    case = start_case()
    task = case.tasks.get(code="safety_education")
    with pytest.raises(PermissionDenied) as error:
        services.task_complete(task=task, by=company.hr)
    assert "task_done_by_records" in error_codes(error.value)
    day = TODAY() - datetime.timedelta(days=5)
    record = {"case": case, "by": company.prod_head, "hours": Decimal("8"), "trainer": "安全主任"}
    with pytest.raises(ValidationError) as error:
        services.safety_education_record(level="workshop", held_on=day, **record)
    assert "safety_order" in error_codes(error.value)
    services.safety_education_record(level="company", held_on=day, **record)
    with pytest.raises(ValidationError) as error:
        services.safety_education_record(level="workshop", held_on=day - datetime.timedelta(days=1), **record)
    assert "safety_order" in error_codes(error.value)
    with pytest.raises(ValidationError) as error:
        services.safety_education_record(level="workshop", held_on=day, **{**record, "trainer": ""})
    assert "trainer_missing" in error_codes(error.value)
    services.safety_education_record(level="workshop", held_on=day, **record)
    task.refresh_from_db()
    assert task.status == OnboardingTask.Status.OPEN
    services.safety_education_record(level="team", held_on=day + datetime.timedelta(days=1), **record)
    task.refresh_from_db()
    assert task.status == OnboardingTask.Status.DONE and task.done_on == day + datetime.timedelta(days=1)
    assert SafetyEducation.objects.filter(case=case).count() == 3


def test_the_worker_takes_the_post_only_after_health_check_and_safety_education(company, start_case, painter):
    """Onboarding completes (the employee moves from onboarding to their post on probation) only when both
    records are there."""
    case = start_case(painter)
    sign_contract(case.employee)
    for task in case.tasks.filter(status="open").exclude(
        code__in=["labour_contract", "safety_education", "health_check"]
    ):
        services.task_complete(task=task, by=company.hr, understanding_check="ok", understanding_passed=True)
    case = services.case_refresh(case=case, by=company.hr)
    assert case.status == OnboardingCase.Status.IN_PROGRESS
    services.task_complete(
        task=case.tasks.get(code="health_check"), by=company.hr, institution="市职业病防治院", fit_for_post=True
    )
    for level in ("company", "workshop", "team"):
        services.safety_education_record(
            case=case, by=company.hr, level=level, held_on=TODAY(), hours=Decimal("8"), trainer="安全主任"
        )
    case.refresh_from_db()
    assert case.status == OnboardingCase.Status.COMPLETED


def test_the_head_records_the_safety_education_on_the_case_page(company, start_case, login):
    case = start_case()
    client = login(company.prod_head)
    page = client.get(case.get_absolute_url()).content.decode()
    url = reverse("onboarding:safety_education_record", args=[case.pk])
    assert url in page and 'id="safety-education"' in page
    response = client.post(
        url, {"level": "company", "held_on": f"{TODAY():%Y-%m-%d}", "hours": "8", "trainer": "安全主任"}
    )
    assert response.status_code == 302
    assert "安全主任" in client.get(case.get_absolute_url()).content.decode()
    assert login(company.qa_head).get(url).status_code == 404


def test_the_health_check_is_ticked_on_its_form(company, start_case, painter, login):
    case = start_case(painter)
    task = case.tasks.get(code="health_check")
    client = login(company.hr)
    url = reverse("onboarding:task_complete", args=[case.pk, task.pk])
    response = client.post(url, {"done_on": f"{TODAY():%Y-%m-%d}", "institution": "市职业病防治院"})
    assert response.status_code == 200 and "fit_for_post" in response.context["form"].errors
    response = client.post(
        url, {"done_on": f"{TODAY():%Y-%m-%d}", "institution": "市职业病防治院", "fit_for_post": "on"}
    )
    assert response.status_code == 302


def test_the_position_carries_the_hazard_flag_on_its_page(company, painter, login):
    page = login(company.hr).get(painter.get_absolute_url()).content.decode()
    assert 'id="occupational-hazards"' in page
