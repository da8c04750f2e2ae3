"""Reminders go once, only to those who have not answered; the sweep closes ended surveys; the summary report
prints with its Chinese name in an embedded font."""

import datetime

import pytest
from django.urls import reverse

from notifications.models import Notification
from performance.survey import kinds, services
from performance.survey.models import SurveyStatus
from performance.survey.reminders import REMINDER_DAYS, survey_not_answered
from printing.tests.conftest import Poppler, requires_poppler

from .conftest import answer_all


def test_reminders_go_once_and_only_to_those_who_have_not_answered(company, open_survey):
    answer_all(open_survey, company.people["PRD"])
    day = open_survey.end_date - datetime.timedelta(days=REMINDER_DAYS)
    assert survey_not_answered(day - datetime.timedelta(days=1)) == 0
    sent = survey_not_answered(day)
    reminded = set(Notification.objects.filter(kind=kinds.REMINDER).values_list("recipient_id", flat=True))
    assert sent == 10
    assert reminded == {e.user_id for code in ("QA", "ADM", "PUR") for e in company.people[code]}
    assert survey_not_answered(day) == 0
    assert survey_not_answered(day + datetime.timedelta(days=1)) == 0
    assert Notification.objects.filter(kind=kinds.REMINDER).count() == 10


def test_the_sweep_closes_an_ended_survey(company, open_survey):
    answer_all(open_survey, company.people["PRD"])
    survey_not_answered(open_survey.end_date + datetime.timedelta(days=1))
    open_survey.refresh_from_db()
    assert open_survey.status == SurveyStatus.CLOSED
    assert survey_not_answered(open_survey.end_date + datetime.timedelta(days=2)) == 0


@pytest.mark.django_db
def test_the_summary_report_prints_with_results_conclusions_and_an_embedded_font(company, open_survey, client):
    requires_poppler()
    answer_all(open_survey, company.people["PRD"], score=4, text="加强培训")
    answer_all(open_survey, company.people["QA"], score=2, text="改善食堂")
    services.survey_close(survey=open_survey, by=company.hr)
    services.survey_report_update(survey=open_survey, by=company.hr, conclusions="总体较满意", actions="改善食堂伙食")
    client.force_login(company.hr)
    response = client.get(reverse("survey:report_pdf", args=[open_survey.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content) if response.streaming else response.content
    text = Poppler.text(pdf)
    assert "员工满意度调查表总结报告" in text
    assert "生产部" in text and "品质部" in text
    assert "总体较满意" in text and "改善食堂伙食" in text
    fonts = Poppler.fonts(pdf)
    assert fonts and all(f.embedded for f in fonts)


def test_an_employee_cannot_print_an_unpublished_report(company, open_survey, client):
    answer_all(open_survey, company.people["PRD"])
    services.survey_close(survey=open_survey, by=company.hr)
    client.force_login(company.people["QA"][2].user)
    assert client.get(reverse("survey:report_pdf", args=[open_survey.pk])).status_code == 404
