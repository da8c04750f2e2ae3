"""A small company for KPI tests: 生产部 (head) with 冲压课 below it, 品质部 with its own head; HR, the general
manager, three stamping operators (one with a login) and a quality inspector; a category template for frontline
posts and a draft quarterly cycle over the whole company."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from core import roles
from core.security import SecrecyLevel
from org.models import PositionCategory
from org.services import department_create
from performance import services
from performance.models import Cycle, PeriodType, ScoringRule
from performance.services import IndicatorData
from printing.tests.conftest import Poppler, requires_poppler
from tests.factories import EmployeeFactory, PositionFactory

INDICATORS = [
    IndicatorData(
        name="产量达成率", weight=40, rule=ScoringRule.LINEAR, unit="%", target=Decimal("100"), floor=Decimal("80")
    ),
    IndicatorData(name="不良率", weight=30, rule=ScoringRule.LINEAR, unit="%", target=Decimal("1"), floor=Decimal("5")),
    IndicatorData(
        name="安全事故", weight=10, rule=ScoringRule.PASS_FAIL, unit="次", target=Decimal("0"), floor=Decimal("1")
    ),
    IndicatorData(name="团队协作", weight=20, rule=ScoringRule.MANUAL),
]


@dataclass
class Company:
    production: object
    stamping: object
    quality: object
    op_post: object
    qa_post: object
    hr: object
    gm: object
    prod_head: object
    qa_head: object
    worker: object  # the operator with a login (user `worker`)
    worker_employee: object
    others: list
    inspector: object
    template: object
    cycle: object


def build(make_user) -> Company:
    production = department_create(code="PRD", name="生产部")
    stamping = department_create(code="PRD-ST", name="冲压课", parent=production)
    quality = department_create(code="QA", name="品质部")
    hr = make_user("hr", roles=[roles.HR], clearance=SecrecyLevel.SECRET)
    gm = make_user("gm", roles=[roles.GM], clearance=SecrecyLevel.SECRET)
    prod_head = make_user("prod_head", roles=[roles.DEPT_HEAD])
    qa_head = make_user("qa_head", roles=[roles.DEPT_HEAD])
    worker = make_user("worker", roles=[roles.EMPLOYEE])
    op_post = PositionFactory(
        department=stamping, code="ST-OP", title="冲压操作工", category=PositionCategory.FRONTLINE
    )
    head_post = PositionFactory(
        department=production, code="PRD-HEAD", title="生产主管", category=PositionCategory.MANAGER
    )
    qa_post = PositionFactory(department=quality, code="QA-INS", title="检验员", category=PositionCategory.FRONTLINE)
    qa_head_post = PositionFactory(
        department=quality, code="QA-HEAD", title="品质主管", category=PositionCategory.MANAGER
    )
    head_employee = EmployeeFactory(position=head_post, user=prod_head, name="王主管")
    production.head = head_employee
    production.save()
    qa_head_employee = EmployeeFactory(position=qa_head_post, user=qa_head, name="李主管")
    quality.head = qa_head_employee
    quality.save()
    worker_employee = EmployeeFactory(position=op_post, user=worker, name="张工")
    others = [EmployeeFactory(position=op_post, name=f"操作工{n}") for n in range(2)]
    inspector = EmployeeFactory(position=qa_post, name="检验员甲")
    template = services.template_save(
        by=hr, name="一线岗位KPI", category=PositionCategory.FRONTLINE, indicators=INDICATORS
    )
    today = datetime.date.today()
    cycle = services.cycle_save(
        by=hr,
        cycle=Cycle(
            name="2026年第四季度",
            period_type=PeriodType.QUARTERLY,
            start_date=today - datetime.timedelta(days=60),
            end_date=today + datetime.timedelta(days=30),
            self_deadline=today + datetime.timedelta(days=10),
            scoring_deadline=today + datetime.timedelta(days=20),
            self_assessment=True,
            peer_feedback=True,
        ),
    )
    return Company(
        production=production,
        stamping=stamping,
        quality=quality,
        op_post=op_post,
        qa_post=qa_post,
        hr=hr,
        gm=gm,
        prod_head=prod_head,
        qa_head=qa_head,
        worker=worker,
        worker_employee=worker_employee,
        others=others,
        inspector=inspector,
        template=template,
        cycle=cycle,
    )


@pytest.fixture
def co(db, make_user) -> Company:
    return build(make_user)


@pytest.fixture
def opened(co) -> Company:
    services.cycle_open(cycle=co.cycle, by=co.hr)
    co.cycle.refresh_from_db()
    return co


# Values that score: output 90 of 80→100 = 50; defects 2 of 5→1 = 75; no accident = 100; teamwork 70.
# Total = 0.4·50 + 0.3·75 + 0.1·100 + 0.2·70 = 20 + 22.5 + 10 + 14 = 66.5 → C.
LOW_VALUES = {"产量达成率": ("90", None), "不良率": ("2", None), "安全事故": ("0", None), "团队协作": (None, "70")}
HIGH_VALUES = {"产量达成率": ("100", None), "不良率": ("1", None), "安全事故": ("0", None), "团队协作": (None, "95")}


def values_for(sheet, table) -> dict:
    out = {}
    for item in sheet.items.all():
        actual, score = table[item.name]
        out[item.pk] = (
            Decimal(actual) if actual is not None else None,
            Decimal(score) if score is not None else None,
            "",
        )
    return out


def sheet_of(co, employee):
    return co.cycle.sheets.get(employee=employee)


def to_locked(co, sheet, table=LOW_VALUES):
    """Walk a sheet through every step to locked."""
    services.sheet_agree_goals(sheet=sheet, by=co.prod_head)
    if sheet.employee.user_id:
        services.sheet_self_assess(sheet=sheet, by=sheet.employee.user, values={}, comment="自评")
    else:
        sheet.status = "scoring"
        sheet.save()
    services.sheet_score(sheet=sheet, by=co.prod_head, values=values_for(sheet, table))
    services.sheet_record_interview(sheet=sheet, by=co.prod_head, notes="面谈：产量需提升")
    sheet.refresh_from_db()
    if sheet.employee.user_id:
        services.sheet_acknowledge(sheet=sheet, by=sheet.employee.user)
    else:
        sheet.status = "calibration"
        sheet.save()
    services.sheet_calibrate(sheet=sheet, by=co.hr)
    sheet.refresh_from_db()
    return sheet


@pytest.fixture
def poppler() -> Poppler:
    requires_poppler()
    return Poppler()
