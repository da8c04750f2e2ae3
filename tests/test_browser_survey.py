"""HR opens a satisfaction survey, an employee answers it anonymously in Chromium, the survey closes with enough
answers, HR reads the summary by department, writes conclusions and actions and prints the report."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from performance.survey.models import Response, Survey
from performance.survey.tests.conftest import answer_all, company  # noqa: F401  (the fixture)
from tests.browser import log_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_hr_runs_a_survey_an_employee_answers_and_hr_prints_the_summary(browser_page, live_server, company):  # noqa: F811
    page = browser_page
    today = timezone.localdate()
    employee = company.people["PRD"][3]

    log_in(page, live_server, "hr")
    page.click("nav a[href='/survey/']")
    page.click("#new-survey")
    page.fill("#id_title", "年度员工满意度调查")
    page.fill("#id_year", str(today.year))
    page.select_option("#id_template", label="员工满意度调查 v1")
    page.fill("#id_start_date", f"{today:%Y-%m-%d}")
    page.fill("#id_end_date", f"{today + datetime.timedelta(days=10):%Y-%m-%d}")
    page.click("#submit-id-submit")
    page.click("#open-survey")
    expect(page.locator("#participation-table")).to_contain_text("生产部")
    survey = Survey.objects.get(title="年度员工满意度调查")

    log_in(page, live_server, employee.user.username)
    page.click("nav a[href='/survey/']")
    page.click("#to-answer a")
    expect(page.locator("#anonymity-note")).to_be_visible()
    for radio in page.locator("#answer-form input[type=radio][value='2']").all():
        radio.check()
    page.locator("#answer-form textarea").first.fill("食堂菜品太少")
    page.click("#submit-answers")
    expect(page.locator(".alert-success")).to_be_visible()
    assert Response.objects.filter(survey=survey).count() == 1

    # The rest of the company answers (without the browser) so that the groups reach five.
    others = [e for e in company.everyone() if e.pk != employee.pk]
    answer_all(survey, others, score=4, text="意见")

    log_in(page, live_server, "hr")
    page.goto(f"/survey/{survey.pk}/")
    page.click("#close-survey")
    page.click("#results-link")
    expect(page.locator("#response-count")).to_contain_text("18")
    expect(page.locator("#open-answers")).to_contain_text("食堂菜品太少")
    expect(page.locator("#chart-survey-questions")).to_be_visible()
    page.click("#edit-report")
    page.fill("#id_conclusions", "食堂满意度偏低")
    page.fill("#id_actions", "每周增加两种菜品")
    page.click("#submit-id-submit")
    expect(page.locator("#report-conclusions")).to_contain_text("食堂满意度偏低")
    pdf = page.request.get(page.locator("#report-pdf").get_attribute("href"))
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert Survey.objects.get(pk=survey.pk).actions == "每周增加两种菜品"
