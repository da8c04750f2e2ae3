"""Volume data for training: ten years (ctx.years) of training history for the employees employees.volume made.

Per year: a published annual training plan with a dozen courses; each course held as one or two sessions to
which 10–40 people employed at the time are invited (most attend; attendees are scored, about one in ten
fails and is flagged for retraining). Skills with standards for a sample of posts, and a yearly rating of their
holders (the rating history). Uses ctx.made["employees.employees"]; writes in bulk, a constant number of
queries per batch.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from core import roles
from core.seeding import VolumeContext

from .models import (
    AssessmentMethod,
    CompetenceStandard,
    FailureAction,
    Method,
    Participant,
    PlanItem,
    PlanStatus,
    Session,
    SessionStatus,
    Skill,
    SkillRating,
    TrainerKind,
    TrainingPlan,
)

COURSES = [
    "安全操作规程",
    "5S与目视化",
    "质量意识",
    "SPC基础",
    "FMEA",
    "8D问题解决",
    "设备点检",
    "消防安全",
    "作业指导书宣贯",
    "班组长管理",
    "IATF 16949意识",
    "防错技术",
]
SKILL_NAMES = ["安全操作", "设备操作", "质量检验", "工艺文件理解", "5S"]


def generate(ctx: VolumeContext) -> None:
    rng = ctx.rng
    employees = ctx.made.get("employees.employees", [])
    if not employees:
        return
    User = get_user_model()
    hr = User.objects.filter(groups__name=roles.HR, is_active=True).order_by("pk").first()
    first_year = ctx.start.year
    years = [y for y in range(first_year, ctx.today.year + 1) if not TrainingPlan.objects.filter(year=y).exists()]
    if not years:
        return
    plans = ctx.bulk_create(
        TrainingPlan,
        [
            TrainingPlan(
                year=y,
                title=f"{y}年度培训计划",
                status=PlanStatus.PUBLISHED,
                created_by=hr,
                published_at=timezone.make_aware(datetime.datetime(y - 1, 12, 20, 9)),
            )
            for y in years
        ],
    )
    items = ctx.bulk_create(
        PlanItem,
        [
            PlanItem(
                plan=plan,
                course=course,
                month=(i % 12) + 1,
                hours=Decimal(rng.choice([2, 4, 8])),
                trainer_kind=TrainerKind.INTERNAL if rng.random() < 0.8 else TrainerKind.EXTERNAL,
                trainer=rng.choice(["人事部", "品质部", "生产部", "外部讲师"]),
                method=rng.choice(Method.values),
                budget=Decimal(rng.choice([0, 0, 0, 1500, 3000])),
                targets="相关人员",
            )
            for plan in plans
            for i, course in enumerate(COURSES)
        ],
    )
    now = timezone.now()
    sessions = []
    for item in items:
        for _n in range(rng.choice([1, 1, 2])):
            day = datetime.date(item.plan.year, item.month, rng.randint(1, 28))
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(rng.choice([9, 14]))))
            if start > now:
                continue
            sessions.append(
                Session(
                    course=item.course,
                    plan_item=item,
                    trainer_kind=item.trainer_kind,
                    trainer=item.trainer,
                    starts_at=start,
                    ends_at=start + datetime.timedelta(hours=float(item.hours)),
                    place="培训室",
                    hours=item.hours,
                    status=SessionStatus.HELD,
                    created_by=hr,
                )
            )
    sessions = ctx.bulk_create(Session, sessions)
    participants = []
    for session in sessions:
        day = session.starts_at.date()
        # People employed at the time (hired before, not yet separated).
        pool = [
            e
            for e in rng.sample(employees, min(len(employees), 120))
            if e.hire_date <= day and not (e.separated_on and e.separated_on < day)
        ]
        for employee in pool[: rng.randint(10, 40)]:
            attended = rng.random() < 0.92
            score = Decimal(rng.randint(40, 100)) if attended else None
            passed = None if score is None else score >= session.pass_mark
            participants.append(
                Participant(
                    session=session,
                    employee=employee,
                    attended=attended,
                    checked_in_at=session.starts_at if attended else None,
                    method=rng.choice(AssessmentMethod.values) if attended else "",
                    score=score,
                    passed=passed,
                    failure_action=FailureAction.RETRAIN if passed is False else "",
                    assessed_by=hr if attended else None,
                    assessed_at=session.ends_at if attended else None,
                    rating=rng.randint(3, 5) if attended else None,
                )
            )
    ctx.bulk_create(Participant, participants)
    _ratings(ctx, employees, hr)


def _ratings(ctx: VolumeContext, employees, hr) -> None:
    rng = ctx.rng
    skills = [Skill.objects.get_or_create(name=name)[0] for name in SKILL_NAMES]
    positions = sorted({e.position_id for e in employees})
    sample = rng.sample(positions, min(len(positions), 30))
    CompetenceStandard.objects.bulk_create(
        [
            CompetenceStandard(position_id=p, skill=s, required_level=rng.choice([2, 3, 3, 4]))
            for p in sample
            for s in rng.sample(skills, 3)
        ],
        ignore_conflicts=True,
    )
    standards: dict[int, list[int]] = {}
    for position_id, skill_id in CompetenceStandard.objects.filter(position_id__in=sample).values_list(
        "position_id", "skill_id"
    ):
        standards.setdefault(position_id, []).append(skill_id)
    rows = []
    for e in employees:
        for skill_id in standards.get(e.position_id, []):
            level = rng.randint(1, 3)
            last = e.separated_on or ctx.today
            for year in range(max(e.hire_date.year + 1, ctx.start.year), last.year + 1):
                level = min(4, level + (1 if rng.random() < 0.3 else 0))
                rows.append(
                    SkillRating(
                        employee=e,
                        skill_id=skill_id,
                        level=level,
                        rated_on=datetime.date(year, 1, 15),
                        rated_by=hr,
                        note="年度技能考核",
                    )
                )
    ctx.bulk_create(SkillRating, rows)
