import datetime
from dataclasses import dataclass

import pytest

from core import roles
from core.security import SecrecyLevel
from employees.models import EmployeeStatus
from recruitment.tests.factories import build_company
from tests.factories import EmployeeFactory, LabourContractFactory


@dataclass
class World:
    company: object
    worker: object  # a production operator with a login ("worker")
    worker_user: object
    keeper: object
    other: object  # a quality inspector (another department)

    def __getattr__(self, name):
        return getattr(self.company, name)


@pytest.fixture
def world(make_user):
    company = build_company(make_user)
    worker_user = make_user("worker", roles=[roles.EMPLOYEE])
    worker = EmployeeFactory(
        position=company.frontline,
        user=worker_user,
        name="赵离职",
        hire_date=datetime.date(2022, 3, 1),
        status=EmployeeStatus.REGULAR,
    )
    LabourContractFactory(employee=worker, start_date=datetime.date(2022, 3, 1), end_date=datetime.date(2025, 2, 28))
    keeper = make_user("keeper", roles=[roles.RECORDS_KEEPER], clearance=SecrecyLevel.SECRET)
    other_user = make_user("inspector", roles=[roles.EMPLOYEE])
    other = EmployeeFactory(position=company.qa_post, user=other_user, name="钱检验")
    return World(company=company, worker=worker, worker_user=worker_user, keeper=keeper, other=other)
