"""A small company for training tests (recruitment's test company: 生产部 and 品质部, HR, the HR manager and the
general manager) with two skills on the operator post, an operator with a login and one without."""

from dataclasses import dataclass

import pytest

from core import roles
from recruitment.tests.factories import build_company
from tests.factories import EmployeeFactory
from training.models import CompetenceStandard, Skill


@dataclass
class World:
    company: object
    welding: Skill
    safety: Skill
    operator: object  # with the login "operator"
    other: object  # a second operator, no login
    qa_worker: object  # in 品质部


@pytest.fixture
def world(make_user):
    company = build_company(make_user)
    welding = Skill.objects.create(name="焊接")
    safety = Skill.objects.create(name="安全操作")
    CompetenceStandard.objects.create(position=company.frontline, skill=welding, required_level=3)
    CompetenceStandard.objects.create(position=company.frontline, skill=safety, required_level=2)
    operator_user = make_user("operator", roles=[roles.EMPLOYEE])
    operator = EmployeeFactory(position=company.frontline, user=operator_user, name="王操作", number="P1001")
    other = EmployeeFactory(position=company.frontline, name="李二", number="P1002")
    qa_worker = EmployeeFactory(position=company.qa_post, name="赵检", number="Q2001")
    return World(company, welding, safety, operator, other, qa_worker)
