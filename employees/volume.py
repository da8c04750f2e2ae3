"""Volume data for people: employees over the years with contracts, salary history, job changes and leavers.

Each person is simulated from hire to today (or separation): probation and conversion, contract
renewals (open-ended after two fixed terms, LCL art. 14), yearly raises, promotions, transfers and
demotions. Heads of the departments org.volume created get a login (role dept_head, demo password).
Made for later generators:

- ctx.made["employees.employees"]: every Employee created, in number order (hire order)
- ctx.made["employees.heads"]: {department id: head Employee}
- ctx.made["employees.head_users"]: the head logins created
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from core import roles
from core.security import SecrecyLevel
from core.seeding import VolumeContext, add_months, add_years
from core.validators import build_id_number
from org.models import Department, Position, PositionCategory

from .demo import dispatch_terms
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
    SalaryChange,
)

F, S, M = PositionCategory.FRONTLINE, PositionCategory.STAFF, PositionCategory.MANAGER
RANK = {F: 0, S: 1, M: 2}

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆"
    "汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林洋国建志文晨峰亮成东"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀燕玲桂丹萍红梅琳雪婷倩颖慧莹晶洁琴云兰凤佳欣悦蓉璐瑶怡"
# (region code of the ID number, address prefix)
REGIONS = (
    ("320506", "江苏省苏州市吴中区"),
    ("320505", "江苏省苏州市虎丘区"),
    ("320583", "江苏省昆山市"),
    ("320282", "江苏省宜兴市"),
    ("321281", "江苏省兴化市"),
    ("340104", "安徽省合肥市蜀山区"),
    ("341221", "安徽省临泉县"),
    ("410102", "河南省郑州市中原区"),
    ("411521", "河南省罗山县"),
    ("420106", "湖北省武汉市武昌区"),
    ("430102", "湖南省长沙市芙蓉区"),
    ("510104", "四川省成都市锦江区"),
    ("511321", "四川省南部县"),
    ("360102", "江西省南昌市东湖区"),
    ("370102", "山东省济南市历下区"),
    ("500103", "重庆市渝中区"),
    ("310104", "上海市徐汇区"),
    ("330106", "浙江省杭州市西湖区"),
)
ROADS = "人民路 长江路 金鸡湖大道 星湖街 东环路 西环路 工业园路 富民路 育才路 建设路".split()
AGENCIES = ("苏州众诚人力资源有限公司", "昆山英才劳务派遣有限公司", "江苏恒信人力资源服务有限公司")

# Yearly leaving rate (hazard) per category; monthly base salary today (low, high) per category.
SEPARATION_RATE = {F: 0.14, S: 0.07, M: 0.04}
SALARY_TODAY = {F: (4300, 6800), S: (6500, 13000), M: (15000, 32000)}
AGE_AT_HIRE = {F: (18, 45), S: (22, 45), M: (28, 50)}
EDUCATION_WEIGHTS = {
    F: ((Education.JUNIOR_HIGH, 4), (Education.HIGH_SCHOOL, 5), (Education.COLLEGE, 1)),
    S: ((Education.COLLEGE, 4), (Education.BACHELOR, 5), (Education.MASTER, 1)),
    M: ((Education.COLLEGE, 1), (Education.BACHELOR, 6), (Education.MASTER, 3)),
}
JOB_CHANGE_RATE = 0.04  # per year of service
RAISE_MONTH_DAY = (4, 1)  # yearly salary review, 1 April
CENT = Decimal("0.01")


@dataclass
class Person:
    """A planned employee: the facts the rows are made from."""

    hire_date: datetime.date
    position: Position
    separated_on: datetime.date | None
    gender: str
    birth_date: datetime.date
    region: int
    employment_type: str
    probation_months: int
    salary_today: Decimal
    changes: list = field(default_factory=list)  # (date, kind, from_position, to_position)
    final_position: Position | None = None


def _money(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


class EmployeeVolume:
    def __init__(self, ctx: VolumeContext):
        self.ctx = ctx
        self.rng = ctx.rng
        self.positions: list[Position] = ctx.made["org.positions"]
        self.by_department: dict[int, list[Position]] = {}
        for position in self.positions:
            self.by_department.setdefault(position.department_id, []).append(position)
        self.departments = {d.pk: d for d in ctx.made["org.departments"]}
        self.id_numbers = set(Employee.objects.values_list("id_number", flat=True))
        self.numbers = set(Employee.objects.values_list("number", flat=True))
        self.contract_numbers = set(LabourContract.objects.values_list("number", flat=True))
        self.contract_seq = 0

    # --- planning -----------------------------------------------------------------------------

    def plan(self) -> list[Person]:
        ctx, rng = self.ctx, self.rng
        weights = [p.authorised_headcount for p in self.positions]
        people = []
        for _ in range(ctx.employees):
            position = rng.choices(self.positions, weights=weights)[0]
            category = position.category
            if rng.random() < 0.45:  # already employed when the history starts
                hire = ctx.random_date(add_years(ctx.start, -15), ctx.start)
                leaving_from = ctx.start
            else:
                hire = ctx.random_date(ctx.start, ctx.today)
                leaving_from = hire
            days_to_leave = int(rng.expovariate(SEPARATION_RATE[category]) * 365) + 30
            separated_on = leaving_from + datetime.timedelta(days=days_to_leave)
            separated_on = separated_on if separated_on < ctx.today else None
            male_share = 0.7 if category == F else 0.55
            low, high = AGE_AT_HIRE[category]
            age_days = rng.randint(low * 365, high * 365)
            employment_type = self._employment_type(category)
            probation = {F: 2, S: 3, M: 6}[category] if employment_type == EmploymentType.REGULAR else 0
            if employment_type == EmploymentType.CONTRACT:
                probation = 1
            low_pay, high_pay = SALARY_TODAY[category]
            people.append(
                Person(
                    hire_date=hire,
                    position=position,
                    separated_on=separated_on,
                    gender=Gender.MALE if rng.random() < male_share else Gender.FEMALE,
                    birth_date=hire - datetime.timedelta(days=age_days),
                    region=rng.randrange(len(REGIONS)),
                    employment_type=employment_type,
                    probation_months=probation,
                    salary_today=_money(rng.uniform(low_pay, high_pay) // 50 * 50),
                )
            )
        people.sort(key=lambda p: p.hire_date)
        for person in people:
            self._plan_job_changes(person)
        return people

    def _employment_type(self, category: str) -> str:
        roll = self.rng.random()
        if category == F:
            if roll < 0.07:
                return EmploymentType.AGENCY
            if roll < 0.13:
                return EmploymentType.CONTRACT
            if roll < 0.14:
                return EmploymentType.INTERN
        elif category == S and roll < 0.03:
            return EmploymentType.INTERN
        return EmploymentType.REGULAR

    def _plan_job_changes(self, person: Person) -> None:
        rng, ctx = self.rng, self.ctx
        current = person.position
        day = max(person.hire_date, ctx.start)
        end = person.separated_on or ctx.today
        while True:
            day += datetime.timedelta(days=int(rng.expovariate(JOB_CHANGE_RATE) * 365) + 180)
            if day >= end or person.employment_type in (EmploymentType.AGENCY, EmploymentType.INTERN):
                break
            roll = rng.random()
            kind, target = JobChangeKind.TRANSFER, None
            same_department = [p for p in self.by_department[current.department_id] if p.pk != current.pk]
            if roll < 0.4:
                higher = [p for p in same_department if RANK[p.category] == RANK[current.category] + 1]
                if higher:
                    kind, target = JobChangeKind.PROMOTION, rng.choice(higher)
            elif roll < 0.45:
                lower = [p for p in same_department if RANK[p.category] == RANK[current.category] - 1]
                if lower:
                    kind, target = JobChangeKind.DEMOTION, rng.choice(lower)
            if target is None:
                elsewhere = [
                    p
                    for p in self.positions
                    if p.category == current.category and p.department_id != current.department_id
                ]
                if not elsewhere:
                    continue
                kind, target = JobChangeKind.TRANSFER, rng.choice(elsewhere)
            person.changes.append((day, kind, current, target))
            current = target
        person.final_position = current

    # --- rows ---------------------------------------------------------------------------------

    def _name(self, gender: str) -> str:
        given = GIVEN_MALE if gender == Gender.MALE else GIVEN_FEMALE
        length = 1 if self.rng.random() < 0.3 else 2
        return self.rng.choice(SURNAMES) + "".join(self.rng.sample(given, length))

    def _id_number(self, person: Person) -> str:
        region = REGIONS[person.region][0]
        parity = 1 if person.gender == Gender.MALE else 0  # the 17th digit is odd for men
        while True:
            sequence = self.rng.randrange(0, 500) * 2 + parity
            value = build_id_number(region, person.birth_date, sequence)
            if value not in self.id_numbers:
                self.id_numbers.add(value)
                return value

    def _next_number(self, counter: list[int]) -> str:
        pattern = settings.HRMS_EMPLOYEE_NUMBER_PATTERN
        while True:
            counter[0] += 1
            number = pattern.format(seq=counter[0])
            if number not in self.numbers:
                self.numbers.add(number)
                return number

    def _phone(self) -> str:
        return "1" + self.rng.choice("35789") + "".join(self.rng.choice("0123456789") for _ in range(9))

    def _status(self, person: Person) -> tuple[str, str]:
        """(status, employment type) today."""
        if person.separated_on:
            return EmployeeStatus.SEPARATED, person.employment_type
        if (self.ctx.today - person.hire_date).days < 5:
            return EmployeeStatus.ONBOARDING, person.employment_type
        if person.probation_months and add_months(person.hire_date, person.probation_months) > self.ctx.today:
            employment_type = (
                EmploymentType.PROBATION if person.employment_type == EmploymentType.REGULAR else person.employment_type
            )
            return EmployeeStatus.PROBATION, employment_type
        return EmployeeStatus.REGULAR, person.employment_type

    def employees(self, people: list[Person]) -> list[Employee]:
        rng = self.rng
        counter = [0]
        rows = []
        for person in people:
            position = person.final_position
            status, employment_type = self._status(person)
            number = self._next_number(counter)
            region_address = REGIONS[person.region][1]
            paid = employment_type not in (EmploymentType.AGENCY, EmploymentType.INTERN)
            rows.append(
                Employee(
                    number=number,
                    name=self._name(person.gender),
                    gender=person.gender,
                    birth_date=person.birth_date,
                    id_number=self._id_number(person),
                    phone=self._phone(),
                    email=f"{number.lower()}@xx-autoparts.example" if position.category != F else "",
                    address=f"{region_address}{rng.choice(ROADS)}{rng.randint(1, 999)}号",
                    emergency_contact=self._name(rng.choice(Gender.values)),
                    emergency_phone=self._phone(),
                    education=rng.choices(*zip(*EDUCATION_WEIGHTS[position.category], strict=True))[0],
                    hire_date=person.hire_date,
                    department_id=position.department_id,
                    position=position,
                    employment_type=employment_type,
                    status=status,
                    agency_name=rng.choice(AGENCIES) if employment_type == EmploymentType.AGENCY else "",
                    **(
                        dispatch_terms(number, person.hire_date, person.separated_on or self.ctx.today)
                        if employment_type == EmploymentType.AGENCY
                        else {}
                    ),
                    base_salary=person.salary_today if paid else None,
                    separated_on=person.separated_on,
                )
            )
        return self.ctx.bulk_create(Employee, rows)

    def contracts(self, people: list[Person], employees: list[Employee]) -> None:
        """Contract chains: fixed terms renewed on expiry; after two fixed terms, open-ended (art. 14)."""
        rng, ctx = self.rng, self.ctx
        generations: list[list[tuple[Employee, LabourContract]]] = []
        for person, employee in zip(people, employees, strict=True):
            if person.employment_type in (EmploymentType.AGENCY, EmploymentType.INTERN):
                continue
            end_of_service = person.separated_on or ctx.today
            term = 1 if person.employment_type == EmploymentType.CONTRACT else 3
            start, fixed_terms, generation = person.hire_date, 0, 0
            while start <= end_of_service:
                open_ended = fixed_terms >= 2 and person.employment_type != EmploymentType.CONTRACT
                end = None if open_ended else add_years(start, term) - datetime.timedelta(days=1)
                recent = (ctx.today - start).days < 30
                signed_on = (
                    None if recent and rng.random() < 0.3 else start - datetime.timedelta(days=rng.randint(0, 3))
                )
                contract = LabourContract(
                    employee=employee,
                    number=self._contract_number(start),
                    contract_type=ContractType.OPEN_ENDED if open_ended else ContractType.FIXED,
                    start_date=start,
                    end_date=end,
                    probation_months=person.probation_months if generation == 0 else 0,
                    signed_on=signed_on,
                )
                while len(generations) <= generation:
                    generations.append([])
                generations[generation].append((employee, contract))
                if end is None:
                    break
                start, fixed_terms, generation = end + datetime.timedelta(days=1), fixed_terms + 1, generation + 1
        previous: dict[int, LabourContract] = {}
        for rows in generations:
            for employee, contract in rows:
                contract.renews = previous.get(employee.pk)
            ctx.bulk_create(LabourContract, [contract for _e, contract in rows])
            previous = {employee.pk: contract for employee, contract in rows}

    def _contract_number(self, start: datetime.date) -> str:
        while True:
            self.contract_seq += 1
            number = f"HT{start:%Y}-{self.contract_seq:06d}"
            if number not in self.contract_numbers:
                self.contract_numbers.add(number)
                return number

    def history(self, people: list[Person], employees: list[Employee]) -> None:
        """Salary changes (hire, conversion, yearly review, promotion) and job changes."""
        rng, ctx = self.rng, self.ctx
        salaries, changes = [], []
        for person, employee in zip(people, employees, strict=True):
            end = person.separated_on or ctx.today
            for day, kind, source, target in person.changes:
                changes.append(
                    JobChange(
                        employee=employee,
                        kind=kind,
                        effective_date=day,
                        from_department_id=source.department_id,
                        from_position=source,
                        to_department_id=target.department_id,
                        to_position=target,
                        reason={
                            JobChangeKind.PROMOTION: "年度晋升评审通过",
                            JobChangeKind.TRANSFER: "生产调整，岗位调动",
                            JobChangeKind.DEMOTION: "绩效考核未达标，调整岗位",
                        }[kind],
                    )
                )
            if employee.base_salary is None:
                continue
            # Walk the salary forward from hire so that it ends at today's salary.
            events = []  # (date, factor, reason)
            first_day = max(person.hire_date, ctx.start)
            if person.probation_months and person.hire_date >= ctx.start:
                conversion = add_months(person.hire_date, person.probation_months)
                if conversion < end:
                    events.append((conversion, Decimal("1.15"), "试用期满转正"))
            year = first_day.year if (first_day.month, first_day.day) < RAISE_MONTH_DAY else first_day.year + 1
            while (review := datetime.date(year, *RAISE_MONTH_DAY)) < end:
                if (review - person.hire_date).days > 180 and rng.random() < 0.9:
                    events.append((review, Decimal(str(round(rng.uniform(1.02, 1.07), 3))), "年度调薪"))
                year += 1
            for day, kind, _source, _target in person.changes:
                if kind == JobChangeKind.PROMOTION:
                    events.append((day, Decimal(str(round(rng.uniform(1.10, 1.20), 3))), "晋升调薪"))
                elif kind == JobChangeKind.DEMOTION:
                    events.append((day, Decimal("0.90"), "降职调薪"))
            events.sort(key=lambda e: e[0])
            total_factor = Decimal(1)
            for _day, factor, _reason in events:
                total_factor *= factor
            salary = _money(employee.base_salary / total_factor)
            reason = "入职定薪" if person.hire_date >= ctx.start else "期初薪资"
            salaries.append(SalaryChange(employee=employee, effective_date=first_day, new_salary=salary, reason=reason))
            for index, (day, factor, reason) in enumerate(events):
                new = employee.base_salary if index == len(events) - 1 else _money(salary * factor)
                salaries.append(
                    SalaryChange(
                        employee=employee, effective_date=day, previous_salary=salary, new_salary=new, reason=reason
                    )
                )
                salary = new
        ctx.bulk_create(JobChange, changes)
        ctx.bulk_create(SalaryChange, salaries)

    def heads(self, employees: list[Employee]) -> dict[int, Employee]:
        """A head for each department created by org.volume: the holder of its manager-level post."""
        ctx = self.ctx
        created = ctx.made["org.created_departments"]
        active = [e for e in employees if e.status != EmployeeStatus.SEPARATED]
        by_department: dict[int, list[Employee]] = {}
        for employee in active:
            by_department.setdefault(employee.department_id, []).append(employee)
        heads: dict[int, Employee] = {}
        for department in created:
            staff = by_department.get(department.pk, [])
            if not staff:
                continue
            ranked = sorted(staff, key=lambda e: (-RANK[e.position.category], e.hire_date, e.pk))
            heads[department.pk] = ranked[0]
        password = make_password(settings.HRMS_DEMO_PASSWORD)
        User = get_user_model()
        users = []
        for department in created:
            head = heads.get(department.pk)
            if head is None or head.user_id:
                continue
            username = f"head_{department.code.lower().replace('-', '_')}"
            if User.objects.filter(username=username).exists():
                continue
            users.append(
                User(
                    username=username,
                    password=password,
                    first_name=head.name,
                    email=head.email,
                    clearance=SecrecyLevel.INTERNAL,
                )
            )
        users = ctx.bulk_create(User, users)
        group = Group.objects.get_or_create(name=roles.DEPT_HEAD)[0]
        ctx.bulk_create(
            User.groups.through, [User.groups.through(user_id=user.pk, group_id=group.pk) for user in users]
        )
        by_username = {user.username: user for user in users}
        for department in created:
            head = heads.get(department.pk)
            if head is None:
                continue
            department.head = head
            parent = self.departments.get(department.parent_id)
            department.manager = (parent and (parent.manager or heads.get(parent.pk))) or head
            user = by_username.get(f"head_{department.code.lower().replace('-', '_')}")
            if user:
                head.user = user
        Department.objects.bulk_update([d for d in created if d.head_id], ["head", "manager"])
        Employee.objects.bulk_update([h for h in heads.values() if h.user_id], ["user"])
        # Everyone made here reports to their department's head (the demo's heads included); a head to the
        # head above.
        all_heads = {pk: d.head for pk, d in self.departments.items() if d.head_id} | heads
        first_pk = min(e.pk for e in employees)
        for department_id, head in all_heads.items():
            made_here = Employee.objects.filter(department_id=department_id, pk__gte=first_pk)
            made_here.exclude(pk=head.pk).update(manager=head)
            parent_head = all_heads.get(self.departments[department_id].parent_id)
            if parent_head and department_id in heads:
                Employee.objects.filter(pk=head.pk).update(manager=parent_head)
        ctx.made["employees.head_users"] = users
        return heads


def generate(ctx: VolumeContext) -> None:
    volume = EmployeeVolume(ctx)
    people = volume.plan()
    employees = volume.employees(people)
    volume.contracts(people, employees)
    volume.history(people, employees)
    ctx.made["employees.employees"] = employees
    ctx.made["employees.heads"] = volume.heads(employees)
    ctx.log(f"employees: {len(employees)} employees")
