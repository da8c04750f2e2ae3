import pytest

from core import roles
from core.security import SecrecyLevel
from employees.selectors import employees_visible_to
from org.services import department_create
from tests.factories import EmployeeFactory, PositionFactory

pytestmark = pytest.mark.django_db


def test_a_department_head_sees_only_their_subtree(make_user):
    """A department head sees their department and its sections, never another department."""
    production = department_create(code="PRD", name="生产部")
    stamping = department_create(code="PRD-ST", name="冲压课", parent=production)
    quality = department_create(code="QA", name="品质部")
    head_user = make_user("prod_head", roles=[roles.DEPT_HEAD])
    head = EmployeeFactory(position=PositionFactory(department=production), user=head_user)
    production.head = head
    production.save()
    worker = EmployeeFactory(position=PositionFactory(department=stamping))
    inspector = EmployeeFactory(position=PositionFactory(department=quality))

    visible = set(employees_visible_to(head_user))

    assert {head, worker} <= visible
    assert inspector not in visible


def test_hr_sees_everyone_and_an_employee_only_themselves(make_user):
    hr = make_user("hr", roles=[roles.HR], clearance=SecrecyLevel.SECRET)
    me_user = make_user("worker", roles=[roles.EMPLOYEE])
    me = EmployeeFactory(user=me_user)
    other = EmployeeFactory()

    assert set(employees_visible_to(hr)) == {me, other}
    assert list(employees_visible_to(me_user)) == [me]


def test_secret_hr_data_needs_both_clearance_and_an_hr_or_gm_role(make_user):
    assert make_user("a", roles=[roles.HR], clearance=SecrecyLevel.SECRET).sees_secret_hr_data
    assert not make_user("b", roles=[roles.HR], clearance=SecrecyLevel.INTERNAL).sees_secret_hr_data
    assert not make_user("c", roles=[roles.DEPT_HEAD], clearance=SecrecyLevel.TOP_SECRET).sees_secret_hr_data
