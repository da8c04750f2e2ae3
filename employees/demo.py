"""Demo people for `manage.py seed_demo`: about 200 employees of the demo company (org.demo).

The whole roster is planned in memory first from `random.Random(SEED)`, so every run plans the same
people; only planned employee numbers that are not in the database yet are written (bulk), with
their labour contracts, salary history and job changes. Department heads and managers, each
employee's manager and the demo logins (accounts.demo) are then linked where still missing.

Dates are relative to the day of the first run, so probation ends, contract expiries and
anniversaries always look current.
"""

import datetime
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.demo import DEMO_LOGINS
from core.seeding import add_years
from core.validators import build_id_number
from org.demo import DEPARTMENTS, POSTS, DemoPost
from org.models import Department, Position, PositionCategory

from .models import (
    ContractType,
    Education,
    Employee,
    EmployeeStatus,
    EmploymentType,
    Gender,
    JobChange,
    JobChangeKind,
    LabourContract,
    ProtectedPeriod,
    ProtectionReason,
    SalaryChange,
)

SEED = 20240501

# Post code → (people in post now, people who held it and left, monthly base salary range in yuan).
# Authorised headcount (org.demo) is above the filled number for most posts; 装配工 is one over.
STAFFING: dict[str, tuple[int, int, int, int]] = {
    "GMO-GM": (1, 0, 38000, 40000),
    "GMO-VP": (2, 0, 30000, 35000),
    "GMO-DIR": (1, 0, 16000, 19000),
    "GMO-SEC": (1, 0, 7000, 8500),
    "HRA-MGR": (1, 0, 20000, 24000),
    "HRA-HEAD": (1, 0, 15000, 17000),
    "HRA-HRS": (2, 0, 7000, 8500),
    "HRA-ARC": (1, 0, 7000, 8000),
    "HRA-ADM": (1, 0, 7000, 8000),
    "HRA-GRD": (3, 0, 4500, 5200),
    "FIN-MGR": (1, 0, 22000, 26000),
    "FIN-HEAD": (1, 0, 15000, 17500),
    "FIN-ACC": (2, 0, 8000, 11000),
    "FIN-CSH": (1, 0, 7000, 8000),
    "PRD-MGR": (1, 0, 25000, 30000),
    "PRD-HEAD": (1, 0, 16000, 19000),
    "PRD-CLK": (1, 0, 7000, 7500),
    "PRD-ST-LEAD": (1, 0, 15000, 17000),
    "PRD-ST-TL": (2, 0, 6500, 7000),
    "PRD-ST-OP": (30, 3, 4500, 6200),
    "PRD-ST-DIE": (2, 0, 6000, 7000),
    "PRD-WD-LEAD": (1, 0, 15000, 17000),
    "PRD-WD-WLD": (12, 1, 6000, 7000),
    "PRD-WD-OP": (13, 1, 4500, 5800),
    "PRD-AS-LEAD": (1, 0, 15000, 16500),
    "PRD-AS-OP": (26, 2, 4500, 5800),
    "PRD-PT-LEAD": (1, 0, 15000, 16500),
    "PRD-PT-OP": (8, 0, 5000, 6500),
    "PMC-MGR": (1, 0, 20000, 24000),
    "PMC-HEAD": (1, 0, 15000, 17000),
    "PMC-PLN": (2, 0, 8000, 11000),
    "PMC-MC": (2, 0, 7500, 9500),
    "QA-MGR": (1, 0, 24000, 28000),
    "QA-HEAD": (1, 0, 16000, 18500),
    "QA-QE": (3, 0, 10000, 14000),
    "QA-SQE": (1, 0, 11000, 14000),
    "QA-IN-LEAD": (1, 0, 15000, 17000),
    "QA-IN-INS": (10, 1, 5000, 6500),
    "QA-IN-MET": (1, 0, 7500, 9000),
    "RD-MGR": (1, 0, 28000, 35000),
    "RD-HEAD": (1, 0, 18000, 22000),
    "RD-PE": (3, 0, 10000, 15000),
    "RD-DE": (3, 0, 11000, 15000),
    "RD-TE": (2, 0, 10000, 13000),
    "PUR-MGR": (1, 0, 20000, 25000),
    "PUR-HEAD": (1, 0, 15000, 17000),
    "PUR-BUY": (3, 0, 7500, 10000),
    "SAL-MGR": (1, 0, 25000, 32000),
    "SAL-HEAD": (1, 0, 16000, 19000),
    "SAL-REP": (4, 1, 8000, 13000),
    "SAL-CS": (2, 0, 7000, 8000),
    "WH-MGR": (1, 0, 18000, 22000),
    "WH-HEAD": (1, 0, 15000, 16500),
    "WH-KPR": (7, 1, 4800, 6000),
    "WH-FLT": (5, 0, 5800, 7000),
    "WH-LOG": (1, 0, 7000, 8500),
    "EQ-MGR": (1, 0, 20000, 24000),
    "EQ-HEAD": (1, 0, 15000, 17500),
    "EQ-ENG": (2, 0, 10000, 14000),
    "EQ-MT": (5, 0, 5800, 7000),
    "EQ-ELC": (2, 0, 6000, 7000),
}

# Who is not a regular direct hire, by post and count (taken from the last people in the post).
AGENCY_WORKERS = {"PRD-ST-OP": 3, "PRD-AS-OP": 3, "PRD-PT-OP": 1}
AGENCIES = ("苏州瑞才人力资源服务有限公司", "昆山德友劳务派遣有限公司")
INTERNS = {"RD-PE": 1, "QA-QE": 1, "SAL-REP": 1}
CONTRACT_WORKERS = {"HRA-GRD": 2, "PRD-WD-OP": 2, "WH-KPR": 1, "EQ-MT": 1}
PROBATION_COUNT = 12
ONBOARDING_COUNT = 3
UNSIGNED_CONTRACTS = 2  # onboarding hires whose contract is drawn up but not yet signed


@dataclass(frozen=True)
class DemoJobChange:
    to_post: str
    slot: int  # which holder of the post now
    from_post: str
    kind: str
    reason: str
    days_ago: int


JOB_CHANGES = (
    DemoJobChange("PRD-ST-LEAD", 0, "PRD-ST-TL", JobChangeKind.PROMOTION, "冲压班长内部竞聘，晋升冲压课长", 1100),
    DemoJobChange("PRD-ST-TL", 0, "PRD-ST-OP", JobChangeKind.PROMOTION, "技能评价为可指导别人工作，晋升班长", 700),
    DemoJobChange(
        "QA-IN-INS", 1, "PRD-AS-OP", JobChangeKind.TRANSFER, "个人申请，检验员资格培训考核合格后调入检验课", 420
    ),
    DemoJobChange("PMC-PLN", 1, "WH-KPR", JobChangeKind.PROMOTION, "取得大专学历，内部竞聘计划员", 500),
    DemoJobChange("RD-PE", 1, "QA-QE", JobChangeKind.TRANSFER, "新项目工艺开发需要，调入研发部", 300),
    DemoJobChange("PRD-WD-OP", 2, "PRD-WD-WLD", JobChangeKind.DEMOTION, "特种作业操作证逾期未复审，调离焊工岗位", 150),
)

# Real region codes (行政区划代码): local people first, then the provinces most workers come from.
LOCAL_REGIONS = ("320505", "320506", "320507", "320583", "320585", "330212")
HOME_REGIONS = (
    "321302", "320803", "320902", "320324", "340102", "341221", "341322", "410102", "411621",
    "411627", "420102", "421126", "430102", "430521", "510104", "511321", "500101", "360102",
    "370102", "520102", "450102", "220102",
)  # fmt: skip
SURNAMES = (
    "王王王李李李张张张刘刘陈陈杨杨黄赵赵吴周周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董"
    "袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹孟熊秦邱江尹薛段雷侯龙史陶顾毛钱严戴"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官")
MALE_CHARS = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆志文建国峰龙成亮东林海晨"
FEMALE_CHARS = "芳娜敏静丽艳娟霞秀玲桂英婷雪琳慧颖倩洁梅红萍燕琴云莉欣怡佳悦晶"
RELATIONS = ("父亲", "母亲", "配偶", "兄弟", "姐妹")
STREETS = ("长桥街道", "越溪街道", "郭巷街道", "横泾街道", "城南街道", "木渎镇", "甪直镇", "狮山街道")
MOBILE_PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139",
    "150", "151", "152", "155", "156", "157", "158", "159",
    "180", "181", "182", "186", "187", "188", "189",
)  # fmt: skip

# Share of men by post or department; everything else 50 %.
MALE_SHARE = {
    "PRD-ST": 0.92, "PRD-WD": 0.95, "PRD-PT": 0.85, "EQ": 0.95, "WH-FLT": 1.0, "HRA-GRD": 1.0,
    "PRD-AS-OP": 0.55, "QA-IN-INS": 0.35, "HRA-HRS": 0.2, "HRA-ARC": 0.0, "FIN": 0.3, "GMO-SEC": 0.0,
    "SAL-CS": 0.1,
}  # fmt: skip
# Probation months in a 3-year first contract (LCL art. 19 allows up to six).
PROBATION_MONTHS = {PositionCategory.FRONTLINE: 2, PositionCategory.STAFF: 3, PositionCategory.MANAGER: 6}


@dataclass
class PlannedPerson:
    post: DemoPost
    slot: int
    separated: bool = False
    kind: str = "regular"  # regular, contract, agency, intern, probation, onboarding, separated
    hire_days_ago: int = 0
    separated_days_ago: int | None = None
    surname: str = ""
    given_name: str = ""
    gender: str = Gender.MALE
    birth_date: datetime.date | None = None
    id_number: str = ""
    phone: str = ""
    education: str = ""
    address: str = ""
    emergency_contact: str = ""
    emergency_phone: str = ""
    agency_name: str = ""
    final_salary: int = 0
    job_change: DemoJobChange | None = None
    number: str = ""
    hire_date: datetime.date | None = None
    salary_history: list[tuple[datetime.date, int, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.surname + self.given_name

    @property
    def category(self) -> str:
        return self.post.category

    @property
    def separated_on(self) -> datetime.date | None:
        if self.separated_days_ago is None:
            return None
        return self.hire_date + datetime.timedelta(days=self.hire_days_ago - self.separated_days_ago)


def seed(*, stdout=None) -> None:
    today = timezone.localdate()
    plan = plan_roster(today)
    hr_user = get_user_model().objects.filter(username="hr").first()
    numbers = [p.number for p in plan]
    existing = set(Employee.objects.filter(number__in=numbers).values_list("number", flat=True))
    # The ID number too, so a changed HRMS_EMPLOYEE_NUMBER_PATTERN cannot make the same people twice.
    existing_ids = set(
        Employee.objects.filter(id_number__in=[p.id_number for p in plan]).values_list("id_number", flat=True)
    )
    new = [person for person in plan if person.number not in existing and person.id_number not in existing_ids]
    if new:
        _create_employees(new, today, hr_user)
    by_number = {e.number: e for e in Employee.objects.filter(number__in=numbers)}
    _link_reporting_lines(plan, by_number)
    _link_demo_logins(plan, by_number)
    if hr_user is not None:
        _protected_demo(today, hr_user, numbers)
        _job_change_demo(today, hr_user, numbers)
    _contact_change_demo()
    if stdout is not None:
        stdout.write(f"  {len(new)} employees created, {len(plan) - len(new)} already there")


# (from post, to post, kind, reason, salary raise, days until effective, approved)
DEMO_JOB_CHANGES = (
    ("PRD-AS-OP", "PRD-PT-OP", JobChangeKind.TRANSFER, "涂装课扩线，装配课富余人员调入", 0, 7, False),
    ("PRD-ST-OP", "PRD-ST-TL", JobChangeKind.PROMOTION, "技能评价为可指导别人工作，晋升冲压班长", 800, 14, True),
)


def _job_change_demo(today: datetime.date, hr_user, numbers: list[str]) -> None:
    """A transfer waiting for the production head, and a promotion with a raise approved up to the general manager
    that takes effect in two weeks (the daily sweep applies it then). Idempotent; skipped without the approvers."""
    from approvals.models import RequestStatus
    from approvals.selectors import latest_request_for
    from approvals.services import request_decide

    from .jobchange_services import job_change_submit
    from .models import OPEN_JOB_CHANGE_STATUSES

    if JobChange.objects.filter(employee__number__in=numbers, status__in=OPEN_JOB_CHANGE_STATUSES).exists():
        return
    posts = {p.code: p for p in Position.objects.filter(is_active=True).select_related("department")}
    for source, target, kind, reason, raise_by, days, approved in DEMO_JOB_CHANGES:
        employee = (
            Employee.objects.filter(
                number__in=numbers, position__code=source, status=EmployeeStatus.REGULAR, user__isnull=True
            )
            .order_by("number")
            .first()
        )
        if employee is None or target not in posts:
            continue
        change = job_change_submit(
            employee=employee,
            by=hr_user,
            kind=kind,
            to_department=posts[target].department,
            to_position=posts[target],
            effective_date=today + datetime.timedelta(days=days),
            reason=reason,
            new_salary=(employee.base_salary + raise_by) if raise_by and employee.base_salary else None,
            comment="请审批",
        )
        request = latest_request_for(change)
        while approved and request.status == RequestStatus.PENDING:
            step = request.steps.get(round=request.round, index=request.current_step)
            if step.assigned_to is None:
                break
            request = request_decide(request=request, by=step.assigned_to, decision="approve", comment="同意")


def _protected_demo(today: datetime.date, hr_user, numbers: list[str]) -> None:
    """One woman whose fixed-term contract ends within 60 days is on maternity leave (LCL art. 42): the contract
    tab shows that it cannot be left to expire and offers the extension of art. 45. Idempotent."""
    if ProtectedPeriod.objects.filter(employee__number__in=numbers).exists():
        return
    contract = (
        LabourContract.objects.filter(
            employee__gender=Gender.FEMALE,
            employee__status__in=[EmployeeStatus.REGULAR],
            contract_type=ContractType.FIXED,
            end_date__gte=today,
            end_date__lte=today + datetime.timedelta(days=60),
            renewals__isnull=True,
        )
        .select_related("employee")
        .order_by("end_date", "pk")
        .first()
    )
    if contract is None:
        return
    ProtectedPeriod.objects.create(
        employee=contract.employee,
        reason=ProtectionReason.PREGNANCY,
        start_date=today - datetime.timedelta(days=40),
        end_date=contract.end_date + datetime.timedelta(days=240),
        note="产假及哺乳期",
        created_by=hr_user,
    )


def split_name(name: str) -> tuple[str, str]:
    """(surname, given name) of a Chinese name."""
    if name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


# ---------------------------------------------------------------------------------------------------
# Planning (pure Python, deterministic)


def plan_roster(today: datetime.date) -> list[PlannedPerson]:
    rng = random.Random(SEED)
    people: list[PlannedPerson] = []
    for post in POSTS:
        filled, left, _lo, _hi = STAFFING[post.code]
        people += [PlannedPerson(post=post, slot=slot) for slot in range(filled)]
        people += [PlannedPerson(post=post, slot=filled + i, separated=True, kind="separated") for i in range(left)]
    _assign_kinds(people, rng)
    used_names: set[str] = set()
    used_ids: set[str] = set()
    for person in people:
        _plan_person(person, rng, today, used_names, used_ids)
    # Employee numbers follow the order of hiring, as they would have been issued.
    ordered = sorted(people, key=lambda p: -p.hire_days_ago)
    for seq, person in enumerate(ordered, start=1):
        person.number = settings.HRMS_EMPLOYEE_NUMBER_PATTERN.format(seq=seq)
    return ordered


def _assign_kinds(people: list[PlannedPerson], rng: random.Random) -> None:
    by_post = defaultdict(list)
    for person in people:
        if not person.separated:
            by_post[person.post.code].append(person)
    changes = {(change.to_post, change.slot): change for change in JOB_CHANGES}
    for person in people:
        person.job_change = changes.get((person.post.code, person.slot))
    for kinds, kind in ((AGENCY_WORKERS, "agency"), (INTERNS, "intern"), (CONTRACT_WORKERS, "contract")):
        for code, count in kinds.items():
            eligible = [p for p in by_post[code] if p.kind == "regular" and p.slot > 0 and p.job_change is None]
            for person in eligible[-count:]:
                person.kind = kind
    # Slot 0 of every post holds the department's leads and the demo logins: they stay regular.
    pool = [
        p
        for p in people
        if p.kind == "regular" and p.slot > 0 and p.job_change is None and p.category != PositionCategory.MANAGER
    ]
    recent = rng.sample(pool, PROBATION_COUNT + ONBOARDING_COUNT)
    for person in recent[:ONBOARDING_COUNT]:
        person.kind = "onboarding"
    for person in recent[ONBOARDING_COUNT:]:
        person.kind = "probation"


def _plan_person(
    person: PlannedPerson, rng: random.Random, today: datetime.date, used_names: set, used_ids: set
) -> None:
    post, category = person.post, person.category
    person.hire_days_ago = _hire_days_ago(person, rng)
    if person.job_change:
        person.hire_days_ago = max(person.hire_days_ago, person.job_change.days_ago + 400)
    if person.separated:
        person.separated_days_ago = rng.randint(20, min(person.hire_days_ago - 120, 700))
    person.hire_date = today - datetime.timedelta(days=person.hire_days_ago)

    male_share = MALE_SHARE.get(post.code, MALE_SHARE.get(post.department, MALE_SHARE.get(post.department[:3])))
    if male_share is None:
        male_share = 0.8 if category == PositionCategory.MANAGER else 0.5
    person.gender = Gender.MALE if rng.random() < male_share else Gender.FEMALE
    person.surname, person.given_name = _unique_name(person.gender, rng, used_names)

    low, high = {
        PositionCategory.FRONTLINE: (18, 42),
        PositionCategory.STAFF: (22, 38),
        PositionCategory.MANAGER: (28, 42),
    }[category]
    if person.kind == "intern":
        low, high = 20, 22
    age_days = rng.randint(low, high) * 365 + rng.randint(0, 364)
    person.birth_date = person.hire_date - datetime.timedelta(days=age_days)
    local = rng.random() < (0.3 if category == PositionCategory.FRONTLINE else 0.5)
    region = rng.choice(LOCAL_REGIONS if local else HOME_REGIONS)
    while True:
        # The 17th digit is odd for men and even for women (GB 11643).
        parity = rng.choice((1, 3, 5, 7, 9) if person.gender == Gender.MALE else (0, 2, 4, 6, 8))
        id_number = build_id_number(region, person.birth_date, rng.randint(0, 99) * 10 + parity)
        if id_number not in used_ids:
            used_ids.add(id_number)
            person.id_number = id_number
            break

    person.phone = _phone(rng)
    person.education = _education(person, rng)
    if category == PositionCategory.FRONTLINE and not local:
        person.address = f"公司员工宿舍{rng.choice('ABC')}栋{rng.randint(1, 5)}{rng.randint(1, 20):02d}室"
    else:
        person.address = (
            f"江苏省苏州市吴中区{rng.choice(STREETS)}{rng.choice(('花园', '新村', '雅苑', '家园'))}"
            f"{rng.randint(1, 30)}幢{rng.randint(1, 18)}{rng.randint(1, 4):02d}室"
        )
    relation = rng.choice(RELATIONS)
    relative = person.surname if relation in ("父亲", "兄弟", "姐妹") else rng.choice(SURNAMES)
    relative += rng.choice(MALE_CHARS if relation in ("父亲", "兄弟") else FEMALE_CHARS)
    if relation == "配偶":
        relative = rng.choice(SURNAMES) + rng.choice(FEMALE_CHARS if person.gender == Gender.MALE else MALE_CHARS)
    person.emergency_contact = f"{relative}（{relation}）"
    person.emergency_phone = _phone(rng)
    if person.kind == "agency":
        person.agency_name = rng.choice(AGENCIES)
    _plan_salary(person, rng, today)


def _dispatch_terms(person: PlannedPerson) -> dict:
    if not person.agency_name:
        return {}
    return dispatch_terms(person.number, person.hire_date, timezone.localdate())


def dispatch_terms(number: str, hire_date: datetime.date, today: datetime.date) -> dict:
    """An agency worker's dispatch agreement (劳务派遣协议) for demo and volume data: two-year terms from the hire
    date, the one running today."""
    start = hire_date
    while add_years(start, 2) <= today:
        start = add_years(start, 2)
    return {
        "dispatch_agreement": f"PQ-{number}",
        "dispatch_start": start,
        "dispatch_end": add_years(start, 2) - datetime.timedelta(days=1),
    }


def _hire_days_ago(person: PlannedPerson, rng: random.Random) -> int:
    code, category, kind = person.post.code, person.category, person.kind
    if code == "GMO-GM":
        return 4380  # the founding general manager, twelve years ago
    if kind == "onboarding":
        return rng.randint(0, 6)
    if kind == "probation":
        return rng.randint(10, _probation_months(person) * 30 - 5)
    if kind == "intern":
        return rng.randint(30, 150)
    if kind == "agency":
        return rng.randint(60, 1000)
    if kind == "contract":
        return rng.randint(200, 700)
    if kind == "separated":
        return rng.randint(400, 2500)
    if category == PositionCategory.MANAGER:
        return rng.randint(1500, 4370)
    # Frontline people turn over: most were hired in the last few years.
    mode = 500 if category == PositionCategory.FRONTLINE else 1500
    return int(rng.triangular(200, 4370, mode))


def _unique_name(gender: str, rng: random.Random, used: set[str]) -> tuple[str, str]:
    chars = MALE_CHARS if gender == Gender.MALE else FEMALE_CHARS
    while True:
        surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.01 else rng.choice(SURNAMES)
        given = rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.75 else "")
        if surname + given not in used and len(set(given)) == len(given):
            used.add(surname + given)
            return surname, given


def _phone(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 99999999):08d}"


def _education(person: PlannedPerson, rng: random.Random) -> str:
    if person.category == PositionCategory.FRONTLINE:
        options = (Education.JUNIOR_HIGH, Education.HIGH_SCHOOL, Education.HIGH_SCHOOL, Education.COLLEGE)
    elif person.category == PositionCategory.STAFF:
        options = (Education.COLLEGE, Education.BACHELOR, Education.BACHELOR)
    else:
        options = (Education.COLLEGE, Education.BACHELOR, Education.BACHELOR, Education.BACHELOR, Education.MASTER)
    return rng.choice(options)


def _round100(value: float) -> int:
    return int(round(value / 100.0)) * 100


def _plan_salary(person: PlannedPerson, rng: random.Random, today: datetime.date) -> None:
    """1–3 salary entries ending at the current base salary: hire, conversion, annual raise or promotion."""
    _filled, _left, low, high = STAFFING[person.post.code]
    hire = person.hire_date
    if person.kind == "intern":
        person.final_salary = _round100(rng.uniform(4000, 5000))
        person.salary_history = [(hire, person.final_salary, "实习补贴（实习协议约定）")]
        return
    person.final_salary = _round100(rng.uniform(low, high))
    if person.kind == "agency":
        person.salary_history = [(hire, person.final_salary, "派遣协议约定薪资")]
        return
    if person.kind in ("probation", "onboarding"):
        person.salary_history = [(hire, person.final_salary, "入职定薪")]
        return
    end = person.separated_on or today
    entries = [(_add_months(hire, _probation_months(person)), "转正调薪")]
    if person.job_change and person.job_change.kind == JobChangeKind.PROMOTION:
        entries.append((today - datetime.timedelta(days=person.job_change.days_ago), "晋升调薪"))
    elif (end - hire).days > 730 and rng.random() < 0.6:
        year = rng.randint(hire.year + 2, end.year)
        entries.append((datetime.date(year, 1, 1), "年度调薪"))
    entries = sorted((date, reason) for date, reason in entries if hire < date <= end)
    amounts = [person.final_salary]
    for _ in entries:
        amounts.insert(0, _round100(amounts[0] * rng.uniform(0.88, 0.94)))
    person.salary_history = [(hire, amounts[0], "入职定薪")]
    person.salary_history += [
        (date, amount, reason) for (date, reason), amount in zip(entries, amounts[1:], strict=True)
    ]


def _probation_months(person: PlannedPerson) -> int:
    """Probation in the first contract, within LCL art. 19 for its term (1 year → 2 months at most)."""
    return 1 if person.kind == "contract" else PROBATION_MONTHS[person.category]


def _add_months(date: datetime.date, months: int) -> datetime.date:
    month = date.month - 1 + months
    year, month = date.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(date.day, 28))


def _add_years_minus_a_day(date: datetime.date, years: int) -> datetime.date:
    try:
        anniversary = date.replace(year=date.year + years)
    except ValueError:  # 29 February
        anniversary = date.replace(year=date.year + years, day=28)
    return anniversary - datetime.timedelta(days=1)


# ---------------------------------------------------------------------------------------------------
# Writing


def _create_employees(new: list[PlannedPerson], today: datetime.date, hr_user) -> None:
    positions = {p.code: p for p in Position.objects.filter(code__in=STAFFING).select_related("department")}
    employees = []
    for person in new:
        position = positions[person.post.code]
        employment_type = {
            "contract": EmploymentType.CONTRACT,
            "agency": EmploymentType.AGENCY,
            "intern": EmploymentType.INTERN,
            "probation": EmploymentType.PROBATION,
            "onboarding": EmploymentType.PROBATION,
        }.get(person.kind, EmploymentType.REGULAR)
        status = {
            "probation": EmployeeStatus.PROBATION,
            "onboarding": EmployeeStatus.ONBOARDING,
            "separated": EmployeeStatus.SEPARATED,
        }.get(person.kind, EmployeeStatus.REGULAR)
        has_mailbox = person.category != PositionCategory.FRONTLINE
        employees.append(
            Employee(
                number=person.number,
                name=person.name,
                gender=person.gender,
                birth_date=person.birth_date,
                id_number=person.id_number,
                phone=person.phone,
                email=f"{person.number.lower()}@example.com" if has_mailbox else "",
                address=person.address,
                emergency_contact=person.emergency_contact,
                emergency_phone=person.emergency_phone,
                education=person.education,
                hire_date=person.hire_date,
                department=position.department,
                position=position,
                employment_type=employment_type,
                status=status,
                agency_name=person.agency_name,
                **_dispatch_terms(person),
                base_salary=Decimal(person.final_salary),
                separated_on=person.separated_on,
            )
        )
    Employee.objects.bulk_create(employees)
    ids = dict(Employee.objects.filter(number__in=[p.number for p in new]).values_list("number", "pk"))

    salary_changes = []
    for person in new:
        previous = None
        for date, amount, reason in person.salary_history:
            salary_changes.append(
                SalaryChange(
                    employee_id=ids[person.number],
                    effective_date=date,
                    previous_salary=previous,
                    new_salary=Decimal(amount),
                    reason=reason,
                    created_by=hr_user,
                )
            )
            previous = Decimal(amount)
    SalaryChange.objects.bulk_create(salary_changes)

    job_changes = []
    for person in new:
        change = person.job_change
        if change is None:
            continue
        job_changes.append(
            JobChange(
                employee_id=ids[person.number],
                kind=change.kind,
                effective_date=today - datetime.timedelta(days=change.days_ago),
                from_department=positions[change.from_post].department,
                from_position=positions[change.from_post],
                to_department=positions[change.to_post].department,
                to_position=positions[change.to_post],
                reason=change.reason,
                created_by=hr_user,
            )
        )
    JobChange.objects.bulk_create(job_changes)
    _create_contracts([p for p in new if p.kind not in ("agency", "intern")], ids, today)


def _create_contracts(people: list[PlannedPerson], ids: dict[str, int], today: datetime.date) -> None:
    """Fixed 3-year terms (1-year for contract workers) renewed back to back; after two consecutive
    fixed terms the renewal is open-ended (LCL art. 14)."""
    onboarding = sorted((p for p in people if p.kind == "onboarding"), key=lambda p: p.number)
    unsigned = {p.number for p in onboarding[:UNSIGNED_CONTRACTS]}
    chains: list[list[dict]] = []
    for person in sorted(people, key=lambda p: p.number):
        term = 1 if person.kind == "contract" else 3
        until = person.separated_on or today
        start, chain = person.hire_date, []
        while True:
            first = not chain
            open_ended = len(chain) >= 2
            end = None if open_ended else _add_years_minus_a_day(start, term)
            if first:
                signed_on = None if person.number in unsigned else start
            else:
                signed_on = start - datetime.timedelta(days=7)  # renewals are signed before the old term ends
            chain.append(
                {
                    "employee_id": ids[person.number],
                    "contract_type": ContractType.OPEN_ENDED if open_ended else ContractType.FIXED,
                    "start_date": start,
                    "end_date": end,
                    "probation_months": _probation_months(person) if first else 0,
                    "signed_on": signed_on,
                }
            )
            if end is None or end >= until:
                break
            start = end + datetime.timedelta(days=1)
        chains.append(chain)

    # Contract numbers run per year of signing, in date order: HT2019-0001, …
    serial = Counter()
    for terms in sorted((t for chain in chains for t in chain), key=lambda t: (t["start_date"], t["employee_id"])):
        serial[terms["start_date"].year] += 1
        terms["number"] = f"HT{terms['start_date'].year}-{serial[terms['start_date'].year]:04d}"

    # Renewals point at the contract they renew, so each generation is written after the previous one.
    previous: dict[int, LabourContract] = {}
    generation = 0
    while True:
        batch = [LabourContract(**chain[generation]) for chain in chains if len(chain) > generation]
        if not batch:
            break
        for contract in batch:
            contract.renews = previous.get(contract.employee_id)
        LabourContract.objects.bulk_create(batch)
        saved = LabourContract.objects.filter(number__in=[c.number for c in batch])
        previous = {contract.employee_id: contract for contract in saved}
        generation += 1


def _first_holder(plan: list[PlannedPerson], by_number: dict[str, Employee], code: str) -> Employee | None:
    for person in plan:
        if person.post.code == code and person.slot == 0:
            return by_number.get(person.number)
    return None


def _link_reporting_lines(plan: list[PlannedPerson], by_number: dict[str, Employee]) -> None:
    """Department heads (主管 / 课长) and managers (经理), then each employee's own manager."""
    departments = {d.code: d for d in Department.objects.filter(code__in=[code for code, _, _ in DEPARTMENTS])}
    parent_of = {code: parent for code, _, parent in DEPARTMENTS}
    head_post = {code: f"{code}-LEAD" if parent else f"{code}-HEAD" for code, _, parent in DEPARTMENTS}
    head_post["GMO"] = "GMO-DIR"
    manager_post = {code: f"{parent or code}-MGR" for code, _, parent in DEPARTMENTS}
    manager_post["GMO"] = "GMO-GM"
    for code, department in departments.items():
        changed = []
        if department.head_id is None:
            department.head = _first_holder(plan, by_number, head_post[code])
            changed.append("head")
        if department.manager_id is None:
            department.manager = _first_holder(plan, by_number, manager_post[code])
            changed.append("manager")
        if changed:
            department.save(update_fields=changed)

    gm = _first_holder(plan, by_number, "GMO-GM")
    vps = [by_number.get(p.number) for p in plan if p.post.code == "GMO-VP" and not p.separated]
    operations = {"PRD", "PMC", "QA", "EQ", "WH", "PUR"}
    reports_to: dict[str, Employee | None] = {}
    for person in plan:
        code, dept = person.post.code, person.post.department
        if code == "GMO-GM":
            boss = None
        elif dept == "GMO":
            boss = gm
        elif code.endswith("-MGR"):
            boss = vps[0] if dept in operations else vps[-1]
        elif code.endswith("-HEAD"):
            boss = _first_holder(plan, by_number, manager_post[dept])
        elif code.endswith("-LEAD"):
            boss = _first_holder(plan, by_number, head_post[parent_of[dept]])
        else:
            boss = _first_holder(plan, by_number, head_post[dept])
        reports_to[person.number] = boss
    to_update = []
    for number, boss in reports_to.items():
        employee = by_number.get(number)
        if employee is not None and employee.manager_id is None and boss is not None and boss.pk != employee.pk:
            employee.manager = boss
            to_update.append(employee)
    Employee.objects.bulk_update(to_update, ["manager"])


def _link_demo_logins(plan: list[PlannedPerson], by_number: dict[str, Employee]) -> None:
    """Each demo login is the first holder of its post; the user takes the employee's name."""
    users = {u.username: u for u in get_user_model().objects.filter(username__in=[d.username for d in DEMO_LOGINS])}
    linked = dict(Employee.objects.filter(user__in=users.values()).values_list("user_id", "pk"))
    for login in DEMO_LOGINS:
        user = users.get(login.username)
        if user is None or login.position_code is None:
            continue
        if user.pk in linked:
            employee = Employee.objects.get(pk=linked[user.pk])
        else:
            employee = _first_holder(plan, by_number, login.position_code)
            if employee is None or employee.user_id is not None:
                continue
            employee.user = user
            employee.email = login.email
            employee.save(update_fields=["user", "email", "updated_at"])
        user.last_name, user.first_name = split_name(employee.name)
        user.save(update_fields=["first_name", "last_name"])


def _contact_change_demo() -> None:
    """The demo employee asked to change their emergency contact: waiting for HR (我的 → HR confirms)."""
    from .models import ContactChangeRequest

    me = Employee.objects.filter(user__username="employee").first()
    if me is None or me.contact_changes.exists():
        return
    ContactChangeRequest.objects.create(
        employee=me,
        phone=me.phone,
        email=me.email,
        address=me.address,
        emergency_contact="张伟强",
        emergency_phone="13912345678",
    )
