"""Demo training for `manage.py seed_demo` (after org, employees, approvals and onboarding).

- skills and competence standards for the production and quality posts; every current employee of those
  posts rated (last year and this year: the history), some below the standard, some at level 1 (training or
  change of post);
- training needs in every state: open from a gap, the demo employee's own request, planned, passed, cancelled;
  the post training raised by the employees demo's job changes (not ready for post);
- the HR development plan of this year approved by the general manager; this year's annual training plan
  published (one course past its month not held: reminded), next year's waiting for the HR manager;
- sessions: one held last month (attendance, scores, a failure flagged for retraining, ratings, a material and
  a test paper), one today with check-in open for the demo employee, one in three days, one cancelled.

Everything goes through the services. Found by natural keys (skill names, plan years, course names): a second
run adds nothing. Needs the demo logins and posts; skips otherwise.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from approvals.models import RequestStatus
from approvals.selectors import latest_request_for
from approvals.services import request_decide
from employees.models import Employee, EmployeeStatus
from org.models import Position

from . import services
from .models import (
    CertificateType,
    CompetenceReview,
    CompetenceStandard,
    DevelopmentPlan,
    ExternalTraining,
    Mentoring,
    NeedSource,
    Participant,
    PlanItem,
    Session,
    SessionFile,
    Skill,
    SkillRating,
    TrainingPlan,
)

SKILLS = {
    "安全操作规程": "设备安全操作、劳保用品、急停与上锁挂牌",
    "冲压作业": "模具安装调试、首件确认、冲压设备点检",
    "焊接作业": "CO2保护焊、点焊参数设置与焊点检验",
    "装配作业": "总成装配、扭矩控制、防错装置",
    "涂装作业": "前处理、喷涂参数、漆膜检验",
    "检验与量具": "检验指导书、卡尺千分尺、检具使用",
    "质量工具": "SPC、FMEA、8D、PPAP",
    "5S与目视化": "整理整顿、标识与目视化管理",
}
STANDARDS = {
    "PRD-ST-OP": {"安全操作规程": 3, "冲压作业": 3, "5S与目视化": 2},
    "PRD-ST-TL": {"安全操作规程": 4, "冲压作业": 4, "5S与目视化": 3},
    "PRD-WD-WLD": {"安全操作规程": 3, "焊接作业": 3},
    "PRD-WD-OP": {"安全操作规程": 3, "焊接作业": 2, "5S与目视化": 2},
    "PRD-AS-OP": {"安全操作规程": 3, "装配作业": 3},
    "PRD-PT-OP": {"安全操作规程": 3, "涂装作业": 3},
    "QA-IN-INS": {"检验与量具": 3, "质量工具": 2, "5S与目视化": 2},
    "QA-QE": {"质量工具": 4, "检验与量具": 3},
}
COURSES = [
    (2, "新版安全操作规程宣贯", "生产部全员", 2, "internal", "安全主管", "classroom", 0),
    (3, "冲压模具安装与首件确认", "冲压课操作工", 4, "internal", "冲压课长", "on_the_job", 0),
    (5, "CO2焊接技能提升", "焊装课焊工", 8, "external", "市焊接培训中心", "external", 3200),
    (6, "SPC与过程能力", "品质部检验员", 6, "internal", "品质工程师", "classroom", 0),
    (9, "5S与目视化管理", "全员", 2, "internal", "生产经理", "classroom", 0),
    (11, "FMEA第五版", "品质工程师", 12, "external", "咨询公司", "external", 6000),
]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _approve(subject, steps: int | None = None) -> None:
    request = latest_request_for(subject)
    done = 0
    while request is not None and request.status == RequestStatus.PENDING and (steps is None or done < steps):
        step = request.steps.get(round=request.round, index=request.current_step)
        request = request_decide(request=request, by=step.assigned_to, decision="approve", comment="同意")
        done += 1


def _standards(hr) -> None:
    skills = {
        name: Skill.objects.get_or_create(name=name, defaults={"description": d})[0] for name, d in SKILLS.items()
    }
    positions = {p.code: p for p in Position.objects.filter(code__in=STANDARDS)}
    for code, wanted in STANDARDS.items():
        if code in positions:
            for name, level in wanted.items():
                CompetenceStandard.objects.get_or_create(
                    position=positions[code], skill=skills[name], defaults={"required_level": level}
                )


def _ratings(today, hr, rng) -> None:
    if SkillRating.objects.exists():
        return
    people = Employee.objects.active().filter(position__code__in=STANDARDS).select_related("position")
    standards = {}
    for s in CompetenceStandard.objects.select_related("position"):
        standards.setdefault(s.position_id, []).append(s)
    rows = []
    for e in people:
        for s in standards.get(e.position_id, []):
            last_year = max(1, min(4, s.required_level + rng.choice([-2, -1, -1, 0, 0, 1])))
            now = max(1, min(4, last_year + rng.choice([0, 0, 1])))
            rows.append(
                SkillRating(
                    employee=e,
                    skill_id=s.skill_id,
                    level=last_year,
                    rated_by=hr,
                    rated_on=today.replace(month=1, day=15) - datetime.timedelta(days=365),
                    note="年度技能考核",
                )
            )
            rows.append(
                SkillRating(
                    employee=e,
                    skill_id=s.skill_id,
                    level=now,
                    rated_by=hr,
                    rated_on=today.replace(month=1, day=15),
                    note="年度技能考核",
                )
            )
    SkillRating.objects.bulk_create(rows)
    demo = Employee.objects.filter(user__username="employee").first()
    if demo is not None:
        skill = Skill.objects.get(name="冲压作业")
        SkillRating.objects.create(employee=demo, skill=skill, level=1, rated_by=hr, note="模具调试不熟练")


def seed(*, stdout=None) -> None:
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["hr", "prod_head", "employee", "gm"])}
    if len(users) < 4 or not Position.objects.filter(code="PRD-ST-OP").exists():
        return
    hr, head, me = users["hr"], users["prod_head"], users["employee"]
    today = timezone.localdate()
    rng = random.Random(20)
    _standards(hr)
    _ratings(today, hr, rng)
    if TrainingPlan.objects.filter(year=today.year).exists():
        return
    mine = Employee.objects.get(user=me)
    operators = list(
        Employee.objects.filter(position__code="PRD-ST-OP", status=EmployeeStatus.REGULAR).exclude(pk=mine.pk)[:6]
    )
    inspectors = list(Employee.objects.filter(position__code="QA-IN-INS", status=EmployeeStatus.REGULAR)[:3])

    # Needs: from a gap (open), the employee's own, and those the plan and sessions answer.
    stamping = Skill.objects.get(name="冲压作业")
    services.need_from_gap(employee=mine, skill=stamping, by=head)
    services.raise_need(employee=mine, topic="叉车操作证", source=NeedSource.SELF, by=me, reason="想取得叉车证")
    cancelled = services.raise_need(employee=operators[-1], topic="办公软件", source=NeedSource.OTHER, by=head)
    services.need_cancel(need=cancelled, by=hr)
    needs = [
        services.raise_need(employee=e, topic="冲压模具安装与首件确认", source=NeedSource.GAP, skill=stamping, by=head)
        for e in operators[:4]
    ]

    # The HR development plan, approved; this year's plan published, next year's waiting for the HR manager.
    dev = DevelopmentPlan.objects.create(
        year=today.year,
        headcount_notes="生产部焊工缺编2人；品质部检验员满编。",
        competence_needs="冲压课模具调试能力不足；检验员SPC应用薄弱。",
        training_focus="一线操作技能、特殊岗位持证上岗、质量工具。",
        created_by=hr,
    )
    services.devplan_submit(plan=dev, by=hr)
    _approve(dev)
    plan = services.plan_create(year=today.year, title=f"{today.year}年度培训计划", by=hr, development_plan=dev)
    items = {}
    for month, course, targets, hours, kind, trainer, method, budget in COURSES:
        item = PlanItem(
            plan=plan,
            course=course,
            targets=targets,
            month=month,
            hours=Decimal(hours),
            trainer_kind=kind,
            trainer=trainer,
            method=method,
            budget=Decimal(budget),
        )
        services.plan_item_save(item=item, by=hr, needs=needs if month == 3 else ())
        items[course] = item
    services.plan_submit(plan=plan, by=hr)
    _approve(plan)
    services.plan_publish(plan=plan, by=hr)
    following = services.plan_create(year=today.year + 1, title=f"{today.year + 1}年度培训计划", by=hr)
    services.plan_item_save(
        item=PlanItem(
            plan=following,
            course="IATF 16949内审员",
            targets="品质部",
            month=4,
            hours=Decimal(16),
            trainer_kind="external",
            trainer="认证机构",
            method="external",
            budget=Decimal(8000),
        ),
        by=hr,
    )
    services.plan_submit(plan=following, by=hr)

    now = timezone.now()
    # Held last month: attendance, scores (one failure flagged for retraining), ratings, files.
    held = services.session_create(
        by=hr,
        employees=operators[:4],
        course="冲压模具安装与首件确认",
        plan_item=items["冲压模具安装与首件确认"],
        trainer_kind="internal",
        trainer="冲压课长",
        starts_at=now - datetime.timedelta(days=30, hours=2),
        ends_at=now - datetime.timedelta(days=30),
        place="冲压车间",
        hours=Decimal(4),
    )
    services.attendance_set(session=held, attended_ids=[e.pk for e in operators[:3]], by=hr)
    for participant, score in zip(
        held.participants.filter(attended=True).order_by("employee__number"), [92, 78, 48], strict=False
    ):
        services.assessment_record(participant=participant, score=score, method="practical", by=hr)
        Participant.objects.filter(pk=participant.pk).update(rating=rng.randint(3, 5))
    for kind, name in (("material", "模具安装作业指导书.pdf"), ("test_paper", "实操考核评分表.pdf")):
        SessionFile.objects.create(
            session=held,
            kind=kind,
            file=ContentFile(PDF, name=name),
            original_name=name,
            content_type="application/pdf",
            uploaded_by=hr,
        )
    # Held in February: the safety briefing (everyone passed); the SPC course of June not held (overdue).
    safety = services.session_create(
        by=hr,
        employees=[mine, *operators[:2]],
        course="新版安全操作规程宣贯",
        plan_item=items["新版安全操作规程宣贯"],
        trainer_kind="internal",
        trainer="安全主管",
        starts_at=now - datetime.timedelta(days=100, hours=2),
        ends_at=now - datetime.timedelta(days=100),
        place="培训室A",
        hours=Decimal(2),
    )
    services.attendance_set(session=safety, attended_ids=[mine.pk, operators[0].pk, operators[1].pk], by=hr)
    for participant in safety.participants.all():
        services.assessment_record(participant=participant, score=85, method="written", by=hr)
    # Today, check-in open for the demo employee; in three days; cancelled.
    services.session_create(
        by=hr,
        employees=[mine, *operators[4:6]],
        course="5S与目视化管理",
        plan_item=items["5S与目视化管理"],
        trainer_kind="internal",
        trainer="生产经理",
        starts_at=now - datetime.timedelta(minutes=20),
        ends_at=now + datetime.timedelta(hours=3),
        place="培训室B",
        hours=Decimal(2),
    )
    services.session_create(
        by=hr,
        employees=[mine, *inspectors],
        course="SPC与过程能力",
        plan_item=items["SPC与过程能力"],
        trainer_kind="internal",
        trainer="品质工程师",
        starts_at=now + datetime.timedelta(days=3),
        ends_at=now + datetime.timedelta(days=3, hours=6),
        place="品质部会议室",
        hours=Decimal(6),
    )
    cancelled_session = services.session_create(
        by=hr,
        employees=inspectors,
        course="量具MSA",
        trainer_kind="external",
        trainer="计量所",
        starts_at=now + datetime.timedelta(days=10),
        ends_at=now + datetime.timedelta(days=10, hours=3),
        place="品质部会议室",
        hours=Decimal(3),
    )
    services.session_cancel(session=cancelled_session, by=hr, reason="计量所讲师临时无法到场，改期另行通知")
    _records(today, hr, head, me, mine, operators, inspectors)
    if stdout is not None:
        stdout.write(f"  training: {Session.objects.count()} sessions, {SkillRating.objects.count()} ratings")


def _records(today, hr, head, me, mine, operators, inspectors) -> None:
    """Certificates (valid, expiring in 30 days, expired; a welder without one), mentoring (open and signed off),
    external training in every state, quality-awareness checks (some still due) and a competence evaluation."""
    welder_type, _created = CertificateType.objects.get_or_create(name="焊工证（特种作业操作证）")
    forklift, _created = CertificateType.objects.get_or_create(name="叉车证（特种设备作业人员证）")
    CertificateType.objects.get_or_create(name="内部上岗证", defaults={"is_external": False})
    welder_type.positions.add(*Position.objects.filter(code="PRD-WD-WLD"))
    welders = list(Employee.objects.active().filter(position__code="PRD-WD-WLD").order_by("number")[:4])
    for i, welder in enumerate(welders[:-1]):
        expires = [
            today + datetime.timedelta(days=400),
            today + datetime.timedelta(days=30),
            today - datetime.timedelta(days=10),
        ][i % 3]
        services.certificate_create(
            by=hr,
            employee=welder,
            type=welder_type,
            number=f"T3201{i:06d}",
            issuer="市应急管理局",
            issued_on=expires - datetime.timedelta(days=365 * 6),
            expires_on=expires,
            scan=ContentFile(PDF, name="scan.pdf"),
        )
    services.certificate_create(
        by=hr,
        employee=mine,
        type=forklift,
        number="TZ2024001",
        issuer="市场监督管理局",
        issued_on=today - datetime.timedelta(days=700),
        expires_on=today + datetime.timedelta(days=60),
    )
    # Mentoring: the demo employee's mentor is a senior operator; one signed off in the past.
    if operators:
        mentor = operators[0]
        services.mentoring_create(
            by=head,
            employee=mine,
            mentor=mentor,
            starts_on=today - datetime.timedelta(days=20),
            ends_on=today + datetime.timedelta(days=70),
            goals="独立完成模具安装与首件确认；掌握冲压设备点检",
        )
        if len(operators) > 2:
            done = services.mentoring_create(
                by=head,
                employee=operators[2],
                mentor=operators[1],
                starts_on=today - datetime.timedelta(days=200),
                ends_on=today - datetime.timedelta(days=110),
                goals="掌握安全操作规程",
            )
            Mentoring.objects.filter(pk=done.pk).update(
                signed_off_at=timezone.now(), goals_met=True, sign_off_note="已独立作业"
            )

    # External training: in approval (GM, above the threshold), approved, completed, returned.
    def external(employee, course, cost, by, days):
        training = ExternalTraining.objects.create(
            employee=employee,
            course=course,
            provider="市职业技能培训中心",
            starts_on=today + datetime.timedelta(days=days),
            ends_on=today + datetime.timedelta(days=days + 2),
            hours=Decimal(16),
            cost=Decimal(cost),
            reason="岗位能力提升",
            created_by=by,
        )
        services.external_submit(training=training, by=by)
        return training

    waiting = external(mine, "冲压模具设计进阶", 4500, me, 20)
    _approve(waiting, steps=1)
    approved = external(welders[0] if welders else mine, "焊工证复审培训", 1200, head, 10)
    _approve(approved)
    completed = external(inspectors[0] if inspectors else mine, "三坐标测量培训", 2800, hr, -60)
    _approve(completed)
    completed.refresh_from_db()
    services.external_complete(
        training=completed,
        by=hr,
        report="掌握三坐标编程与测量报告解读",
        passed=True,
        certificate=ContentFile(PDF, name="cmm.pdf"),
    )
    returned = external(operators[1] if len(operators) > 1 else mine, "精益生产", 800, head, 30)
    request = latest_request_for(returned)
    step = request.steps.get(round=request.round, index=request.current_step)
    request_decide(request=request, by=step.assigned_to, decision="return", comment="请补充培训大纲")
    # Quality awareness: half of the operators checked this year; the rest (and the demo employee) due.
    for employee in operators[: len(operators) // 2]:
        services.awareness_record(
            employee=employee,
            year=today.year,
            understanding="能说出质量方针、本岗位质量目标及不合格的后果",
            passed=True,
            by=head,
        )
    # The production department's post competence evaluation, waiting for the management representative.
    department = mine.department
    review = CompetenceReview.objects.create(
        department=department, year=today.year, conclusion="冲压作业仅一人达到指导水平，需培养第二人。", created_by=head
    )
    services.review_submit(review=review, by=head)
