"""No answer row can be traced to a user, not by its columns, its keys, its order, the audit trail or the admin."""

import uuid

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from core.errors import error_codes
from notifications.models import Notification
from performance.survey import services
from performance.survey.models import Answer, Invitation, Response

from .conftest import answer_all, full_answers

PERSON_MODELS = {"accounts.User", "employees.Employee"}


@pytest.mark.parametrize("model", [Response, Answer])
def test_the_answer_models_have_no_person_no_time_and_random_keys(model):
    fields = model._meta.get_fields()
    related = {f.related_model._meta.label for f in fields if f.is_relation and f.related_model}
    assert not related & PERSON_MODELS
    assert not any(isinstance(f, models.DateField | models.TimeField) for f in fields)  # DateTimeField too
    assert isinstance(model._meta.pk, models.UUIDField)
    assert model._meta.pk.default is uuid.uuid4


def test_answering_records_participation_without_any_link(company, open_survey):
    employee = company.people["QA"][1]
    services.survey_answer(survey=open_survey, user=employee.user, answers=full_answers(open_survey, 5, "食堂"))
    invitation = Invitation.objects.get(survey=open_survey, employee=employee)
    assert invitation.answered is True
    response = Response.objects.get(survey=open_survey)
    assert response.department == company.departments["QA"]
    # The response's columns: its random id, the survey and the department — nothing of the person.
    assert {f.attname for f in Response._meta.concrete_fields} == {"id", "survey_id", "department_id"}
    assert {f.attname for f in Invitation._meta.concrete_fields} == {
        "id",
        "survey_id",
        "employee_id",
        "department_id",
        "answered",
    }
    assert str(response.pk) not in str(invitation.pk)


def test_answering_leaves_no_audit_row_and_no_notification(company, open_survey):
    employee = company.people["QA"][1]
    entries, notes = LogEntry.objects.count(), Notification.objects.count()
    services.survey_answer(survey=open_survey, user=employee.user, answers=full_answers(open_survey, 5, "食堂"))
    assert LogEntry.objects.count() == entries
    assert Notification.objects.count() == notes
    types = ContentType.objects.get_for_models(Response, Answer, Invitation).values()
    assert not LogEntry.objects.filter(content_type__in=types, actor=employee.user).exists()


def test_one_answer_per_person(company, open_survey):
    employee = company.people["QA"][1]
    services.survey_answer(survey=open_survey, user=employee.user, answers=full_answers(open_survey))
    with pytest.raises(ValidationError) as exc:
        services.survey_answer(survey=open_survey, user=employee.user, answers=full_answers(open_survey))
    assert "already_answered" in error_codes(exc.value)
    assert Response.objects.filter(survey=open_survey).count() == 1


def test_someone_not_invited_cannot_answer(company, open_survey, make_user):
    outsider = make_user("outsider")
    with pytest.raises(ValidationError) as exc:
        services.survey_answer(survey=open_survey, user=outsider, answers=full_answers(open_survey))
    assert "not_invited" in error_codes(exc.value)


def test_every_scale_question_must_be_answered(company, open_survey):
    employee = company.people["QA"][1]
    answers = full_answers(open_survey)
    answers[next(q.pk for q in open_survey.questions.all() if q.is_scale)] = None
    with pytest.raises(ValidationError) as exc:
        services.survey_answer(survey=open_survey, user=employee.user, answers=answers)
    assert "score_missing" in error_codes(exc.value)
    assert not Invitation.objects.filter(survey=open_survey, answered=True).exists()


def test_closing_merges_small_departments_and_rewrites_every_response(company, open_survey):
    answer_all(open_survey, company.people["PRD"])
    answer_all(open_survey, company.people["QA"][:5])
    answer_all(open_survey, company.people["ADM"][:1])  # alone: would be derivable
    before = set(Response.objects.filter(survey=open_survey).values_list("pk", flat=True))
    grouping = services.survey_close(survey=open_survey, by=company.hr)
    stored = list(Response.objects.filter(survey=open_survey).values_list("department_id", flat=True))
    assert len(stored) == 14
    # 行政部's one answer and 品质部's five (the smallest shown) are "other departments" now; 生产部 stays.
    assert grouping.shown == {company.departments["PRD"].pk: 8}
    assert sorted(stored, key=str).count(None) == 6
    assert not before & set(Response.objects.filter(survey=open_survey).values_list("pk", flat=True))
    assert (
        Answer.objects.filter(response__survey=open_survey).count()
        == 14 * open_survey.questions.filter(kind="scale").count()
    )


def test_the_admin_changelist_shows_no_person(company, open_survey, client, make_user):
    answer_all(open_survey, company.people["PRD"])
    services.survey_close(survey=open_survey, by=company.hr)
    admin = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    page = client.get("/admin/survey/response/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "生产部" in html
    for employee in company.people["PRD"]:
        assert employee.name not in html
        assert employee.user.username not in html
    detail = client.get(f"/admin/survey/response/{Response.objects.first().pk}/change/")
    assert detail.status_code == 200
    assert all(e.name not in detail.content.decode() for e in company.everyone())


def test_the_admin_shows_no_response_of_an_open_survey(company, open_survey, client, make_user):
    answer_all(open_survey, company.people["ADM"][:1])
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    page = client.get("/admin/survey/response/")
    assert "行政部" not in page.content.decode()
