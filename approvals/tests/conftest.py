"""An organisation with a person in every approver role, and a throw-away process on Position subjects."""

from dataclasses import dataclass, field

import pytest
from django.utils import translation

from approvals import registry
from approvals.conditions import CONDITIONS
from approvals.models import Flow, Step, StepKind
from core import roles
from org.models import Position
from org.services import department_create
from tests.factories import EmployeeFactory, PositionFactory


@dataclass
class Org:
    production: object
    stamping: object
    head: object  # head of the stamping section (冲压课主管)
    manager: object  # manager of the production department (生产部经理)
    worker: object  # a section lead who applies
    prod_mgmt: object
    hr_manager: object
    gm: object
    vp: object
    outsider: object
    deputy_gm: object  # a second general manager, a qualified delegate of the first
    deputy_head: object  # another department head, a qualified delegate of the section head


@pytest.fixture
def org(make_user):
    production = department_create(code="PRD", name="生产部")
    stamping = department_create(code="PRD-ST", name="冲压课", parent=production)
    people = {
        "head": make_user("st_head", roles=[roles.DEPT_HEAD], first_name="Head"),
        "manager": make_user("prd_manager", roles=[roles.DEPT_MANAGER], first_name="Manager"),
        "worker": make_user("st_lead", roles=[roles.EMPLOYEE], first_name="Lead"),
        "prod_mgmt": make_user("pmc", roles=[roles.PRODUCTION_MGMT]),
        "hr_manager": make_user("hrm", roles=[roles.HR_MANAGER]),
        "gm": make_user("gm", roles=[roles.GM]),
        "vp": make_user("vp", roles=[roles.VP]),
        "outsider": make_user("outsider", roles=[roles.EMPLOYEE]),
        "deputy_gm": make_user("deputy_gm", roles=[roles.GM]),
        "deputy_head": make_user("deputy_head", roles=[roles.DEPT_HEAD]),
    }
    stamping.head = EmployeeFactory(position=PositionFactory(department=stamping), user=people["head"])
    stamping.save()
    production.manager = EmployeeFactory(position=PositionFactory(department=production), user=people["manager"])
    production.save()
    EmployeeFactory(position=PositionFactory(department=stamping), user=people["worker"])
    return Org(production=production, stamping=stamping, **people)


@dataclass
class TestProcess:
    """Records the engine's calls back into the process; `facts` answer the named conditions."""

    __test__ = False
    facts: dict = field(default_factory=dict)
    calls: list = field(default_factory=list)
    people: list = field(default_factory=list)

    def hook(self, name):
        def record(subject, request, by):
            self.calls.append((name, subject.pk, by.username))

        return record


@pytest.fixture
def process():
    """Positions become approval subjects of the flow "test_flow" for the duration of a test."""
    proc = TestProcess()
    previous = registry._adapters.get(Position)
    registry.register(
        Position,
        flow_code="test_flow",
        on_approved=proc.hook("approved"),
        on_rejected=proc.hook("rejected"),
        on_returned=proc.hook("returned"),
        on_withdrawn=proc.hook("withdrawn"),
        on_resubmitted=proc.hook("resubmitted"),
        department_of=lambda position: position.department,
        conditions={name: (lambda position, name=name: proc.facts.get(name, False)) for name in CONDITIONS},
        context=lambda position: {"Code": position.code},
        people_of=lambda position: proc.people,
    )
    yield proc
    if previous is None:
        registry._adapters.pop(Position, None)
    else:
        registry._adapters[Position] = previous


@pytest.fixture
def make_flow(db):
    """make_flow([("dept_head",), ("gm", "acknowledgement", "manager_level_position", True)])."""

    def make(steps, code="test_flow"):
        Flow.objects.filter(code=code).delete()
        flow = Flow.objects.create(code=code, name="Test flow", process="test")
        for order, spec in enumerate(steps, start=1):
            role, kind, condition, skip = tuple(spec) + (None, StepKind.APPROVAL, "", False)[len(spec) :]
            Step.objects.create(
                flow=flow, order=order, role=role, kind=kind, condition=condition, skip_if_already_in_chain=skip
            )
        return flow

    return make


@pytest.fixture
def subject(org):
    return PositionFactory(department=org.stamping, code="ST-OP", title="冲压操作工")


@pytest.fixture(autouse=True)
def english():
    """Labels asserted in these tests are the English msgids."""
    with translation.override("en"):
        yield
