"""The demo: every demo login opens every survey page the benchmark lists for them (incl. the PDF); the past
surveys show large departments and hide the small ones; the demo employee has an open survey to answer."""

import pytest
from django.contrib.auth import get_user_model

from accounts.demo import DEMO_LOGINS
from performance.survey import bench
from performance.survey.models import Survey, SurveyStatus
from performance.survey.selectors import results_for


@pytest.mark.django_db
def test_every_demo_login_opens_its_survey_pages(demo, client):
    for login in DEMO_LOGINS:
        user = get_user_model().objects.get(username=login.username)
        client.force_login(user)
        for page in bench.pages(user):
            response = client.get(page.url)
            assert response.status_code == 200, (login.username, page.url, response.status_code)


@pytest.mark.django_db
def test_the_demo_shows_every_state_and_hides_small_departments(demo):
    statuses = set(Survey.objects.values_list("status", flat=True))
    assert {SurveyStatus.OPEN, SurveyStatus.CLOSED, SurveyStatus.PUBLISHED} <= statuses
    hr = get_user_model().objects.get(username="hr")
    closed = Survey.objects.get(status=SurveyStatus.CLOSED)
    results = results_for(hr, closed)
    assert len(results.columns) >= 4 and results.hidden
    assert closed.conclusions
    employee = get_user_model().objects.get(username="employee")
    assert [p for p in bench.pages(employee) if p.label == "Survey answer form"]
