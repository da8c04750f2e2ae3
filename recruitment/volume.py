"""Volume data for recruitment: the requisitions, candidates, applications, interviews and offers behind the
hires employees.volume made over the years, plus the candidates who were not hired.

Every employee hired inside the simulated history came through a filled requisition (one per position and
month), with an accepted offer linked to them; each hire had one to three rivals who were rejected at some
stage. Candidates not hired who are older than the retention period and did not join the talent pool are
already anonymised, as HR confirming the retention review would have done. Uses ctx.made["employees.employees"]
and ctx.made["employees.heads"].
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from approvals.seeding import Trail, bulk_trails
from core import roles
from core.seeding import VolumeContext
from employees.labour_law import default_probation_months
from employees.models import Employee, EmploymentType
from org.models import PositionCategory

from .models import (
    STAGE_ORDER,
    Application,
    Candidate,
    Channel,
    Evaluation,
    Interview,
    Offer,
    PlanChannel,
    RecruitmentPlan,
    Requisition,
    Stage,
)
from .selectors import applicable_rounds, applicable_stages, months_before, retention_months

CHANNEL_WEIGHTS = {
    PositionCategory.FRONTLINE: [
        (Channel.TALENT_MARKET, 30),
        (Channel.POSTERS, 25),
        (Channel.ONLINE, 25),
        (Channel.INTERNAL, 5),
        (Channel.NEWSPAPER, 5),
        (Channel.OTHER, 10),
    ],
    PositionCategory.STAFF: [
        (Channel.ONLINE, 50),
        (Channel.CAMPUS, 25),
        (Channel.TALENT_MARKET, 10),
        (Channel.INTERNAL, 10),
        (Channel.OTHER, 5),
    ],
    PositionCategory.MANAGER: [(Channel.HEADHUNTER, 50), (Channel.ONLINE, 30), (Channel.INTERNAL, 20)],
}
CHANNEL_COST = {
    Channel.NEWSPAPER: (800, 2000),
    Channel.POSTERS: (100, 400),
    Channel.TALENT_MARKET: (300, 1200),
    Channel.ONLINE: (500, 3000),
    Channel.CAMPUS: (1000, 5000),
    Channel.HEADHUNTER: (15000, 60000),
    Channel.INTERNAL: (0, 0),
    Channel.OTHER: (0, 300),
}
ROUND_FIELDS = {
    Stage.FIRST_INTERVIEW: ("attitude", "motivation", "basic_skills", "experience"),
    Stage.SECOND_INTERVIEW: ("professional_knowledge", "post_skills", "overall_ability", "potential"),
    Stage.TESTS: ("professional_assessment",),
    Stage.GM_INTERVIEW: (),
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰晓东海波宇浩然子轩欣怡梓涵"


class _Generator:
    def __init__(self, ctx: VolumeContext):
        self.ctx = ctx
        self.rng = ctx.rng
        User = get_user_model()
        self.hr = (
            User.objects.filter(groups__name=roles.HR, is_active=True).order_by("pk").first()
            or User.objects.filter(is_superuser=True).order_by("pk").first()
        )
        self.gm = User.objects.filter(groups__name=roles.GM, is_active=True).order_by("pk").first() or self.hr
        heads = ctx.made.get("employees.heads", {})
        self.head_users = {dept_id: e.user for dept_id, e in heads.items() if e.user_id}
        for dept_id, user_id in Employee.objects.filter(
            headed_departments__isnull=False, user__isnull=False
        ).values_list("headed_departments", "user"):
            self.head_users.setdefault(dept_id, User(pk=user_id))
        self.phones = set(Candidate.objects.exclude(phone="").values_list("phone", flat=True))
        self.phone_seq = 0
        self.cutoff = months_before(ctx.today, retention_months())

    def aware(self, day: datetime.date, hour: int = 10) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))

    def phone(self, wanted: str = "") -> str:
        if wanted and wanted not in self.phones:
            self.phones.add(wanted)
            return wanted
        while True:
            self.phone_seq += 1
            candidate = f"17{self.ctx.seed % 10}{self.phone_seq:08d}"
            if candidate not in self.phones:
                self.phones.add(candidate)
                return candidate

    def name(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.randint(1, 2)))

    def channel(self, category: str) -> str:
        options = CHANNEL_WEIGHTS.get(category, CHANNEL_WEIGHTS[PositionCategory.FRONTLINE])
        return self.rng.choices([c for c, _w in options], [w for _c, w in options])[0]

    def run(self, hires: list[Employee]) -> None:
        ctx, rng = self.ctx, self.rng
        groups: dict[tuple[int, int, int], list[Employee]] = defaultdict(list)
        for employee in hires:
            groups[(employee.position_id, employee.hire_date.year, employee.hire_date.month)].append(employee)

        requisitions, plans = [], []
        candidates, applications, offers = [], [], []
        interview_specs = []  # (application index, round, day, evaluator, recommendation)
        for seq, ((_position_id, _year, _month), people) in enumerate(sorted(groups.items()), start=1):
            first = min(p.hire_date for p in people)
            position = people[0].position
            opened = first - datetime.timedelta(days=rng.randint(30, 75))
            requester = self.head_users.get(position.department_id, self.hr)
            requisition = Requisition(
                number=f"RQV{first:%Y}-{seq:06d}",
                department_id=position.department_id,
                position=position,
                headcount=len(people),
                reason=rng.choice(list(Requisition.Reason.values)),
                employment_type=(
                    EmploymentType.INTERN
                    if people[0].employment_type == EmploymentType.INTERN
                    else EmploymentType.CONTRACT
                    if people[0].employment_type == EmploymentType.CONTRACT
                    else EmploymentType.REGULAR
                ),
                desired_start_date=first,
                status=Requisition.Status.FILLED,
                filled_count=len(people),
                requested_by=requester,
                submitted_at=self.aware(opened),
                approved_at=self.aware(opened + datetime.timedelta(days=rng.randint(2, 6))),
                closed_at=self.aware(max(p.hire_date for p in people)),
            )
            requisition.created_at = self.aware(opened, 9)
            requisitions.append(requisition)
            plan_channels = {self.channel(position.category) for _ in range(rng.randint(1, 2))}
            plans.append((requisition, opened, first, plan_channels))
            stages = applicable_stages(position)
            rounds = applicable_rounds(position)
            for person in people:
                channel = rng.choice(sorted(plan_channels))
                applied = opened + datetime.timedelta(days=rng.randint(3, 20))
                hired_candidate = Candidate(
                    name=person.name,
                    gender=person.gender,
                    phone=self.phone(person.phone),
                    email=person.email,
                    id_number=person.id_number,
                    education=person.education,
                    source_channel=channel,
                    privacy_notice_at=self.aware(applied, 9),
                    talent_pool_consent=False,
                    created_by=self.hr,
                )
                hired_candidate.created_at = self.aware(applied, 9)
                candidates.append(hired_candidate)
                applications.append(
                    (requisition, hired_candidate, Stage.HIRED, applied, self.aware(person.hire_date), "")
                )
                index = len(applications) - 1
                for number, round_ in enumerate(rounds):
                    day = min(applied + datetime.timedelta(days=3 + 4 * number), person.hire_date)
                    interview_specs.append((index, round_, day, self._evaluator(round_, position), "proceed"))
                salary = person.base_salary or Decimal("4500")
                probation = (
                    0
                    if person.employment_type == EmploymentType.INTERN
                    else default_probation_months(position.category, contract_type="fixed", contract_months=36)
                )
                offers.append((index, person, salary, probation, applied))
                for _rival in range(rng.randint(1, 3)):
                    rival_applied = opened + datetime.timedelta(days=rng.randint(3, 25))
                    reached = rng.choice(stages[1 : stages.index(Stage.HIRE_APPROVAL)])
                    closed_on = rival_applied + datetime.timedelta(days=rng.randint(2, 20))
                    pool = rng.random() < 0.2
                    anonymised = not pool and closed_on < self.cutoff
                    rival = Candidate(
                        name="—" if anonymised else self.name(),
                        phone="" if anonymised else self.phone(),
                        education=rng.choice(["junior_high", "high_school", "college", "bachelor"]),
                        source_channel=rng.choice(sorted(plan_channels)),
                        privacy_notice_at=self.aware(rival_applied, 9),
                        talent_pool_consent=pool,
                        talent_pool_consent_at=self.aware(rival_applied, 9) if pool else None,
                        anonymised_at=self.aware(closed_on + datetime.timedelta(days=365)) if anonymised else None,
                        created_by=self.hr,
                    )
                    rival.created_at = self.aware(rival_applied, 9)
                    candidates.append(rival)
                    applications.append(
                        (requisition, rival, Stage.REJECTED, rival_applied, self.aware(closed_on), "不符合岗位要求")
                    )
                    index = len(applications) - 1
                    for number, round_ in enumerate(
                        r for r in rounds if STAGE_ORDER.index(r) <= STAGE_ORDER.index(reached)
                    ):
                        day = rival_applied + datetime.timedelta(days=2 + 3 * number)
                        last = STAGE_ORDER.index(round_) == STAGE_ORDER.index(reached)
                        interview_specs.append(
                            (index, round_, day, self._evaluator(round_, position), "reject" if last else "proceed")
                        )

        requisitions = ctx.bulk_create(Requisition, requisitions)
        Requisition.objects.bulk_update(requisitions, ["created_at"], batch_size=ctx.batch_size)
        plan_rows, channel_rows = [], []
        for requisition, opened, first, plan_channels in plans:
            plan = RecruitmentPlan(
                requisition=requisition, owner=self.hr, start_date=opened, end_date=first, updated_by=self.hr
            )
            for channel in sorted(plan_channels):
                low, high = CHANNEL_COST[channel]
                cost = Decimal(self.rng.randint(low, high)) if high else Decimal(0)
                channel_rows.append((plan, PlanChannel(channel=channel, start_date=opened, end_date=first, cost=cost)))
            plan.budget = sum((row.cost for owner, row in channel_rows if owner is plan), Decimal(0))
            plan_rows.append(plan)
        plan_rows = ctx.bulk_create(RecruitmentPlan, plan_rows)
        for plan, row in channel_rows:
            row.plan_id = plan.pk
        ctx.bulk_create(PlanChannel, [row for _plan, row in channel_rows])

        candidates = ctx.bulk_create(Candidate, candidates)
        Candidate.objects.bulk_update(candidates, ["created_at"], batch_size=ctx.batch_size)
        rows = [
            Application(
                candidate=candidate,
                requisition=requisition,
                stage=stage,
                applied_on=applied,
                stage_changed_at=changed,
                closed_reason=reason,
                created_by=self.hr,
            )
            for requisition, candidate, stage, applied, changed, reason in applications
        ]
        rows = ctx.bulk_create(Application, rows)
        offer_rows = []
        for index, person, salary, probation, applied in offers:
            offer = Offer(
                application=rows[index],
                number=f"OFV{person.hire_date:%Y}-{index:07d}",
                status=Offer.Status.ACCEPTED,
                start_date=person.hire_date,
                salary=salary,
                contract_type="fixed",
                contract_months=36,
                probation_months=probation,
                probation_salary=(salary * Decimal("0.8")).quantize(Decimal("0.01")) if probation else None,
                conditions="试用期内经考核符合岗位说明书要求",
                created_by=self.hr,
                submitted_at=self.aware(applied + datetime.timedelta(days=10)),
                approved_at=self.aware(applied + datetime.timedelta(days=12)),
                responded_at=self.aware(applied + datetime.timedelta(days=14)),
                employee=person,
            )
            offer_rows.append(offer)
        offer_rows = ctx.bulk_create(Offer, offer_rows)
        self._approval_trails(requisitions, offer_rows)

        interviews, evaluations, links = [], [], []
        for index, round_, day, _evaluator, _recommendation in interview_specs:
            interviews.append(
                Interview(
                    application=rows[index],
                    round=round_,
                    scheduled_at=self.aware(day, 10),
                    place="会议室",
                    status=Interview.Status.COMPLETED,
                    created_by=self.hr,
                )
            )
        interviews = ctx.bulk_create(Interview, interviews)
        through = Interview.interviewers.through
        for interview, (_index, round_, day, evaluator, recommendation) in zip(
            interviews, interview_specs, strict=True
        ):
            links.append(through(interview_id=interview.pk, user_id=evaluator.pk))
            evaluations.append(self._evaluation(interview, round_, evaluator, recommendation, day))
        ctx.bulk_create(through, links)
        ctx.bulk_create(Evaluation, evaluations)
        ctx.log(
            f"recruitment: {len(requisitions)} requisitions, {len(candidates)} candidates, "
            f"{len(rows)} applications, {len(interviews)} interviews, {len(plan_rows)} plans"
        )

    def _approval_trails(self, requisitions: list[Requisition], offers: list[Offer]) -> None:
        """Each requisition went through its headcount flow and each offer through the hire flow."""
        trails = [
            Trail(
                subject=requisition,
                applicant=requisition.requested_by,
                department_id=requisition.department_id,
                submitted_at=requisition.submitted_at,
                finished_at=requisition.approved_at,
            )
            for requisition in requisitions
        ]
        trails += [
            Trail(
                subject=offer,
                applicant=self.hr,
                department_id=offer.application.requisition.department_id,
                submitted_at=offer.submitted_at,
                finished_at=offer.approved_at,
            )
            for offer in offers
        ]
        bulk_trails(self.ctx, trails)

    def _evaluator(self, round_: str, position):
        if round_ == Stage.FIRST_INTERVIEW:
            return self.hr
        if round_ == Stage.GM_INTERVIEW:
            return self.gm
        return self.head_users.get(position.department_id, self.hr)

    def _evaluation(self, interview, round_, evaluator, recommendation, day) -> Evaluation:
        rng = self.rng
        low = 1 if recommendation == "reject" else 3
        scores = {name: rng.randint(low, low + 2) for name in ROUND_FIELDS[round_]}
        extra = {}
        if round_ == Stage.FIRST_INTERVIEW:
            extra = {"id_verified": True, "education_verified": True, "qualification_verified": rng.random() < 0.7}
        elif round_ == Stage.TESTS:
            passed = recommendation != "reject"
            extra = {
                "practical_score": Decimal(rng.randint(70, 95) if passed else rng.randint(40, 69)),
                "practical_pass_mark": Decimal(70),
                "theory_score": Decimal(rng.randint(60, 95) if passed else rng.randint(30, 59)),
                "theory_pass_mark": Decimal(60),
            }
        elif round_ == Stage.GM_INTERVIEW:
            extra = {"gm_opinion": "同意录用" if recommendation == "proceed" else "不予录用"}
        return Evaluation(
            interview=interview,
            evaluator=evaluator,
            recommendation=recommendation,
            submitted_at=self.aware(day, 16),
            **scores,
            **extra,
        )


def generate(ctx: VolumeContext) -> None:
    employees = ctx.made.get("employees.employees") or []
    hires = [e for e in employees if ctx.start <= e.hire_date <= ctx.today]
    generator = _Generator(ctx)
    if generator.hr is None or not hires:
        ctx.log("recruitment: no HR user or no hires in the period, nothing generated")
        return
    generator.run(hires)
