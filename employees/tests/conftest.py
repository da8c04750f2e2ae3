"""A small organisation and a user per role, shared by the employees tests (and reused by org's)."""

from dataclasses import dataclass

import pytest
from django.conf import settings

from core import roles
from core.security import SecrecyLevel
from employees.models import Employee
from org.models import Department, Position
from org.services import department_create
from tests.factories import EmployeeFactory, PositionFactory


@dataclass
class Org:
    production: Department
    stamping: Department
    quality: Department
    operator: Position
    stamper: Position
    inspector: Position
    head: Employee
    worker: Employee
    inspector_emp: Employee
    me: Employee


@pytest.fixture
def org(db, make_user) -> Org:
    production = department_create(code="PRD", name="生产部")
    stamping = department_create(code="PRD-ST", name="冲压课", parent=production)
    quality = department_create(code="QA", name="品质部")
    operator = PositionFactory(department=production, code="PRD-OP", title="操作工")
    stamper = PositionFactory(department=stamping, code="ST-OP", title="冲压工")
    inspector = PositionFactory(department=quality, code="QA-IN", title="检验员")
    head_user = make_user("prod_head", roles=[roles.DEPT_HEAD])
    head = EmployeeFactory(position=operator, name="王主管", user=head_user)
    production.head = head
    production.save()
    me_user = make_user("worker", roles=[roles.EMPLOYEE])
    return Org(
        production=production,
        stamping=stamping,
        quality=quality,
        operator=operator,
        stamper=stamper,
        inspector=inspector,
        head=head,
        worker=EmployeeFactory(position=stamper, name="李冲压"),
        inspector_emp=EmployeeFactory(position=inspector, name="赵检验"),
        me=EmployeeFactory(position=inspector, name="钱自助", user=me_user),
    )


@pytest.fixture
def users(org, make_user):
    """Users by role; `head` and `me` are the org fixture's linked logins."""
    secret = SecrecyLevel.SECRET
    return {
        "hr": make_user("hr", roles=[roles.HR], clearance=secret),
        "hr_manager": make_user("hr_mgr", roles=[roles.HR_MANAGER], clearance=secret),
        "gm": make_user("gm", roles=[roles.GM], clearance=secret),
        "hr_uncleared": make_user("hr_plain", roles=[roles.HR]),
        "head": org.head.user,
        "me": org.me.user,
        "outsider": make_user("outsider", roles=[roles.EMPLOYEE]),
    }


@pytest.fixture
def en(client):
    """Visible labels in English (the default interface language is zh-hans)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def poppler():
    from printing.tests.conftest import Poppler, requires_poppler

    requires_poppler()
    return Poppler()
