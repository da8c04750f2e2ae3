"""Pages of the survey per role: HR runs it, the GM reads, a head reads their own department (only when it has
≥ 5 answers), an employee answers and, once published, reads the company summary."""

import pytest
from django.conf import settings
from django.urls import reverse

from performance.survey import services
from performance.survey.models import Invitation, Response, Survey, SurveyStatus, SurveyTemplate

from .conftest import answer_all, full_answers, make_survey


@pytest.fixture
def closed_survey(company, open_survey):
    answer_all(open_survey, company.people["PRD"], score=4, text="加强培训")
    answer_all(open_survey, company.people["QA"], score=2, text="改善食堂")
    answer_all(open_survey, company.people["ADM"][:1], score=1, text="行政部的秘密")
    services.survey_close(survey=open_survey, by=company.hr)
    open_survey.refresh_from_db()
    return open_survey


def _get(client, user, name, *args):
    client.force_login(user)
    return client.get(reverse(name, args=args))


def test_hr_creates_and_opens_a_survey_for_departments(company, client):
    client.force_login(company.hr)
    template = SurveyTemplate.objects.get(name="员工满意度调查")
    response = client.post(
        reverse("survey:create"),
        {
            "title": "2026年度员工满意度调查",
            "year": 2026,
            "template": template.pk,
            "start_date": "2026-01-01",
            "end_date": "2099-01-31",
            "departments": [company.departments["QA"].pk],
        },
    )
    survey = Survey.objects.get()
    assert response.status_code == 302
    assert survey.status == SurveyStatus.DRAFT
    response = client.post(reverse("survey:open", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN
    assert Invitation.objects.filter(survey=survey).count() == 6
    assert survey.questions.count() == template.questions.count()
    assert company.people["QA"][1].user.notifications.filter(kind="survey.invited").count() == 1


def test_a_population_must_be_chosen(company, client):
    client.force_login(company.hr)
    template = SurveyTemplate.objects.get(name="员工满意度调查")
    response = client.post(
        reverse("survey:create"),
        {"title": "x", "year": 2026, "template": template.pk, "start_date": "2026-01-01", "end_date": "2026-01-31"},
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("departments", "no_population")


@pytest.mark.parametrize("who", ["gm", "head", "employee"])
def test_only_hr_creates_surveys_and_edits_templates(company, client, who):
    user = {"gm": company.gm, "head": company.head, "employee": company.people["QA"][2].user}[who]
    client.force_login(user)
    template = SurveyTemplate.objects.get(name="员工满意度调查")
    assert client.get(reverse("survey:create")).status_code == 403
    assert client.get(reverse("survey:template_list")).status_code == 403
    assert client.get(reverse("survey:template_edit", args=[template.pk])).status_code == 403


def test_editing_a_template_makes_a_new_version_and_a_running_survey_keeps_its_questions(company, client, open_survey):
    template = open_survey.template
    first = template.questions.order_by("order").first()
    client.force_login(company.hr)
    page = client.get(reverse("survey:template_edit", args=[template.pk]))
    data = {"name": template.name, "description": template.description, "active": "on"}
    formset = page.context["formset"]
    data.update(
        {
            f"questions-{k}": v
            for k, v in {
                "TOTAL_FORMS": formset.initial_form_count(),
                "INITIAL_FORMS": formset.initial_form_count(),
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
            }.items()
        }
    )
    for i, form in enumerate(formset.forms):
        q = form.instance
        if q.pk:
            data.update(
                {
                    f"questions-{i}-id": q.pk,
                    f"questions-{i}-section": q.section,
                    f"questions-{i}-order": q.order,
                    f"questions-{i}-text": "您对工作内容满意吗？（新）" if q.pk == first.pk else q.text,
                    f"questions-{i}-kind": q.kind,
                }
            )
    response = client.post(reverse("survey:template_edit", args=[template.pk]), data)
    assert response.status_code == 302, response.context and (
        response.context["form"].errors,
        response.context["formset"].non_form_errors(),
    )
    template.refresh_from_db()
    assert template.version == 2
    assert open_survey.questions.filter(text=first.text).exists()
    assert not open_survey.questions.filter(text="您对工作内容满意吗？（新）").exists()


def test_the_employee_answers_through_the_page(company, client, open_survey):
    employee = company.people["QA"][1]
    client.force_login(employee.user)
    page = client.get(reverse("survey:answer", args=[open_survey.pk]))
    assert page.status_code == 200
    data = {f"q{k}": v for k, v in full_answers(open_survey, 5, "多组织活动").items()}
    response = client.post(reverse("survey:answer", args=[open_survey.pk]), data)
    assert response.status_code == 302
    assert Response.objects.filter(survey=open_survey).count() == 1
    again = client.get(reverse("survey:answer", args=[open_survey.pk]))
    assert again.status_code == 403
    assert client.post(reverse("survey:answer", args=[open_survey.pk]), data).status_code == 403
    assert Response.objects.filter(survey=open_survey).count() == 1


def test_someone_outside_the_population_cannot_answer(company, client):
    survey = make_survey(company, all_employees=False)
    survey.departments.set([company.departments["QA"]])
    services.survey_open(survey=survey, by=company.hr)
    client.force_login(company.people["PRD"][3].user)
    assert client.get(reverse("survey:answer", args=[survey.pk])).status_code == 404


def test_no_results_while_the_survey_is_open(company, client, open_survey):
    answer_all(open_survey, company.people["PRD"])
    assert _get(client, company.hr, "survey:results", open_survey.pk).status_code == 403


def test_hr_sees_every_shown_department_and_the_small_ones_hidden(company, client, closed_survey):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the labels asserted are in English
    page = _get(client, company.hr, "survey:results", closed_survey.pk)
    assert page.status_code == 200
    results = page.context["results"]
    # 行政部's single answer would be derivable, so 品质部 (the smallest shown) is merged with it into "other".
    assert [c.label for c in results.columns] == ["Whole company", "生产部", "Other departments"]
    assert results.total == 15
    assert sorted(results.hidden) == sorted(["行政部", "品质部", "采购部"])
    html = page.content.decode()
    assert "行政部的秘密" in html  # an open answer of "other departments" (7 answers), without a name


def test_a_small_department_alone_cannot_be_subtracted(company, client, open_survey):
    """Only 行政部 is under 5: it would be company − 生产部 − 品质部; so the smallest shown (品质部) is merged too."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the labels asserted are in English
    answer_all(open_survey, company.people["PRD"], score=4)
    answer_all(open_survey, company.people["QA"], score=3)
    answer_all(open_survey, company.people["ADM"][:1], score=1)
    services.survey_close(survey=open_survey, by=company.hr)
    results = _get(client, company.hr, "survey:results", open_survey.pk).context["results"]
    shown = {c.label: c.n for c in results.columns}
    assert shown == {"Whole company": 15, "生产部": 8, "Other departments": 7}
    assert sorted(results.hidden) == sorted(["品质部", "行政部", "采购部"])


def test_with_fewer_than_five_answers_nothing_is_shown(company, client, open_survey):
    answer_all(open_survey, company.people["ADM"], score=1, text="不满意")
    services.survey_close(survey=open_survey, by=company.hr)
    page = _get(client, company.hr, "survey:results", open_survey.pk)
    assert page.context["results"].visible is False
    html = page.content.decode()
    assert 'id="results-hidden"' in html
    assert "不满意" not in html


def test_gm_reads_results_but_does_not_write(company, client, closed_survey):
    assert _get(client, company.gm, "survey:results", closed_survey.pk).status_code == 200
    assert _get(client, company.gm, "survey:detail", closed_survey.pk).status_code == 200
    assert _get(client, company.gm, "survey:report_edit", closed_survey.pk).status_code == 403
    client.force_login(company.gm)
    assert client.post(reverse("survey:publish", args=[closed_survey.pk])).status_code == 403
    assert client.post(reverse("survey:close", args=[closed_survey.pk])).status_code == 403


def test_a_head_sees_only_their_own_department_when_it_has_five_answers(company, client, closed_survey):
    page = _get(client, company.head, "survey:results", closed_survey.pk)
    assert page.status_code == 200
    labels = [c.label for c in page.context["results"].columns]
    assert "生产部" in labels
    assert "品质部" not in labels and "Other departments" not in labels
    assert "改善食堂" not in page.content.decode()
    assert _get(client, company.head, "survey:detail", closed_survey.pk).status_code == 302


def test_a_head_whose_department_is_under_five_sees_it_hidden(company, client, open_survey):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the labels asserted are in English
    answer_all(open_survey, company.people["PRD"])
    answer_all(open_survey, company.people["QA"][:3], text="品质部的意见")
    services.survey_close(survey=open_survey, by=company.hr)
    page = _get(client, company.qa_head, "survey:results", open_survey.pk)
    results = page.context["results"]
    assert [c.label for c in results.columns] == ["Whole company"]
    assert results.hidden == ["品质部"]
    assert "品质部的意见" not in page.content.decode()


def test_an_employee_sees_the_summary_only_once_published(company, client, closed_survey):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the labels asserted are in English
    employee = company.people["PUR"][0].user
    assert _get(client, employee, "survey:results", closed_survey.pk).status_code == 404
    services.survey_publish(survey=closed_survey, by=company.hr)
    page = _get(client, employee, "survey:results", closed_survey.pk)
    assert page.status_code == 200
    assert [c.label for c in page.context["results"].columns] == ["Whole company"]
    assert "加强培训" not in page.content.decode()
    assert _get(client, employee, "survey:detail", closed_survey.pk).status_code == 302
    assert _get(client, employee, "survey:report_edit", closed_survey.pk).status_code == 403


def test_hr_writes_conclusions_and_actions(company, client, closed_survey):
    client.force_login(company.hr)
    response = client.post(
        reverse("survey:report_edit", args=[closed_survey.pk]), {"conclusions": "总体满意", "actions": "改善食堂"}
    )
    assert response.status_code == 302
    closed_survey.refresh_from_db()
    assert closed_survey.conclusions == "总体满意"


def test_an_employee_does_not_see_drafts_or_others_open_surveys(company, client, open_survey):
    draft = make_survey(company)
    outsider = company.people["PUR"][0].user
    assert _get(client, outsider, "survey:detail", draft.pk).status_code == 404
    page = _get(client, outsider, "survey:list")
    assert draft.title not in [s.title for s in page.context["page_obj"]] or draft.pk not in [
        s.pk for s in page.context["page_obj"]
    ]


def test_the_list_uses_a_constant_number_of_queries(company, client, django_assert_max_num_queries):
    for year in range(2010, 2030):
        survey = make_survey(company, year=year)
        if year % 2:
            services.survey_open(survey=survey, by=company.hr)
    client.force_login(company.people["QA"][1].user)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("survey:list")).status_code == 200
    client.force_login(company.hr)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("survey:list")).status_code == 200


def test_the_results_page_uses_a_constant_number_of_queries(
    company, client, open_survey, django_assert_max_num_queries
):
    answer_all(open_survey, company.everyone(), text="意见")
    services.survey_close(survey=open_survey, by=company.hr)
    client.force_login(company.hr)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("survey:results", args=[open_survey.pk])).status_code == 200


def test_a_second_click_on_close_is_a_message_not_an_error(company, client, open_survey):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the labels asserted are in English
    client.force_login(company.hr)
    assert client.post(reverse("survey:close", args=[open_survey.pk])).status_code == 302
    again = client.post(reverse("survey:close", args=[open_survey.pk]), follow=True)
    assert again.status_code == 200
    assert "Only an open survey can be closed." in again.content.decode()


def test_hr_sees_participation_per_department_but_no_answer_while_open(company, client, open_survey):
    answer_all(open_survey, company.people["QA"][:2], text="很私密的意见")
    page = _get(client, company.hr, "survey:detail", open_survey.pk)
    html = page.content.decode()
    assert page.context["answered"] == 2 and page.context["invited"] == 18
    assert "很私密的意见" not in html


def test_the_home_card_asks_the_invited_employee_to_answer(company, client, open_survey):
    from core.dashboard import cards_for

    employee = company.people["QA"][1].user
    assert any(card.count == 1 and "survey" in card.url for card in cards_for(employee))
    services.survey_answer(survey=open_survey, user=employee, answers=full_answers(open_survey))
    assert not any("/survey/" in card.url for card in cards_for(employee))
