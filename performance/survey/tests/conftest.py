"""A small company for survey tests: 生产部 (8 people, its head among them), 品质部 (6), 行政部 (2) and 采购部 (2);
HR, the general manager and an outsider login without an employee record."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from core import roles
from org.services import department_create
from performance.survey import services
from performance.survey.models import Survey, SurveyTemplate
from tests.factories import EmployeeFactory, PositionFactory

SIZES = {"PRD": ("生产部", 8), "QA": ("品质部", 6), "ADM": ("行政部", 2), "PUR": ("采购部", 2)}


@dataclass
class Company:
    departments: dict
    people: dict  # code → [Employee]
    hr: object
    gm: object
    head: object  # head of 生产部 (one of its 8 people)
    qa_head: object
    extra: dict = field(default_factory=dict)

    def everyone(self):
        return [e for people in self.people.values() for e in people]


@pytest.fixture
def company(db, make_user):
    departments, people = {}, {}
    for code, (name, size) in SIZES.items():
        department = department_create(code=code, name=name)
        position = PositionFactory(department=department)
        departments[code] = department
        people[code] = []
        for i in range(size):
            user = make_user(f"{code.lower()}{i}", roles=[roles.EMPLOYEE])
            people[code].append(EmployeeFactory(position=position, user=user))
    head = people["PRD"][0].user
    head.groups.add(*Group.objects.filter(name=roles.DEPT_HEAD))
    departments["PRD"].head = people["PRD"][0]
    departments["PRD"].save()
    qa_head = people["QA"][0].user
    qa_head.groups.add(*Group.objects.filter(name=roles.DEPT_HEAD))
    departments["QA"].head = people["QA"][0]
    departments["QA"].save()
    return Company(
        departments=departments,
        people=people,
        hr=make_user("hr", roles=[roles.HR]),
        gm=make_user("gm", roles=[roles.GM]),
        head=head,
        qa_head=qa_head,
    )


def make_survey(company, **extra) -> Survey:
    today = timezone.localdate()
    values = {
        "title": f"{today.year}年度员工满意度调查",
        "year": today.year,
        "template": SurveyTemplate.objects.get(name="员工满意度调查"),
        "start_date": today,
        "end_date": today + datetime.timedelta(days=14),
        "created_by": company.hr,
        **extra,
    }
    return Survey.objects.create(**values)


def full_answers(survey: Survey, score: int = 4, text: str = "") -> dict:
    return {q.pk: (score if q.is_scale else text) for q in survey.questions.all()}


@pytest.fixture
def open_survey(company):
    survey = make_survey(company)
    services.survey_open(survey=survey, by=company.hr)
    return survey


def answer_all(survey, employees, score=4, text=""):
    for i, employee in enumerate(employees):
        services.survey_answer(
            survey=survey, user=employee.user, answers=full_answers(survey, score=score, text=text and f"{text}{i}")
        )
