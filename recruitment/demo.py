"""Demo recruitment for `manage.py seed_demo`: requisitions in every state, candidates, applications at
various stages, interviews with evaluations, a hire approval waiting and an accepted offer.

Everything goes through the services (so the approval chains, events and employees are real). Each scenario
is found by its natural key — the requisition's position and its `requirements` text, the candidate's phone —
so a second run adds nothing. Needs the demo users and posts of accounts/org/employees; skips otherwise.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from approvals.models import RequestStatus
from approvals.selectors import latest_request_for
from approvals.services import request_decide
from core.validators import build_id_number
from employees.labour_law import default_probation_months
from org.models import Position

from . import services
from .models import Application, Candidate, Channel, Offer, Requisition, Stage

CONDITIONS = "\n".join(
    ("1. 试用期内完成三级安全教育并考核合格", "2. 按作业指导书独立操作，产品合格率≥98%", "3. 无违反公司规章制度的行为")
)
USERS = ("hr", "hr_manager", "gm", "prod_head", "prod_manager", "pmc", "qa_head")


def _decide(subject, *, steps: int | None = None, decision: str = "approve", comment: str = "同意") -> None:
    """The current approvers of the subject's request decide in turn (all steps, or the first `steps`)."""
    request = latest_request_for(subject)
    done = 0
    while request is not None and request.status == RequestStatus.PENDING and (steps is None or done < steps):
        step = request.steps.get(round=request.round, index=request.current_step)
        request = request_decide(request=request, by=step.assigned_to, decision=decision, comment=comment)
        done += 1


def _requisition(users, code: str, key: str, *, by: str, headcount: int, reason: str, days: int, urgency="normal"):
    position = Position.objects.filter(code=code).first()
    if position is None:
        return None, False
    existing = Requisition.objects.filter(position=position, requirements=key).first()
    if existing is not None:
        return existing, False
    requisition = services.requisition_create(
        by=users[by],
        position=position,
        headcount=headcount,
        reason=reason,
        desired_start_date=timezone.localdate() + datetime.timedelta(days=days),
        requirements=key,
        urgency=urgency,
    )
    return requisition, True


def _candidate(users, n: int, name: str, channel: str, **extra) -> Candidate:
    phone = f"1390000{n:04d}"
    existing = Candidate.objects.filter(phone=phone).first()
    if existing is not None:
        return existing
    return services.candidate_create(
        by=users["hr"],
        consent_given=True,
        name=name,
        phone=phone,
        email=f"cand{n:04d}@example.com",
        source_channel=channel,
        **extra,
    )


def _id(n: int) -> str:
    return build_id_number("530102", datetime.date(1996, 1, 1) + datetime.timedelta(days=97 * n), 700 + n)


def _at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _first_round(users, application, *, days=-3, proceed=True):
    services.application_advance(application=application, by=users["hr"])
    interview = services.interview_schedule(
        application=application,
        by=users["hr"],
        round=Stage.FIRST_INTERVIEW,
        scheduled_at=_at(days, 10),
        interviewers=[users["hr"]],
        place="人事行政部会议室",
    )
    services.evaluation_submit(
        interview=interview,
        evaluator=users["hr"],
        attitude=4,
        motivation=4,
        basic_skills=3 if proceed else 2,
        experience=3,
        id_verified=True,
        education_verified=True,
        qualification_verified=proceed,
        comments="沟通顺畅，求职动机明确。" if proceed else "基本技能不足。",
        recommendation="proceed" if proceed else "reject",
    )


def _second_round(users, application, *, days=-1, evaluate=True):
    interview = services.interview_schedule(
        application=application,
        by=users["hr"],
        round=Stage.SECOND_INTERVIEW,
        scheduled_at=_at(days, 14),
        interviewers=[users["prod_head"]],
        place="生产部办公室",
    )
    if evaluate:
        services.evaluation_submit(
            interview=interview,
            evaluator=users["prod_head"],
            professional_knowledge=4,
            post_skills=4,
            overall_ability=3,
            potential=4,
            comments="有冲压经验，可直接上岗。",
            recommendation="proceed",
        )


def _offer(users, application, *, salary="5200", months=36, probation=None):
    salary = Decimal(salary)
    if probation is None:
        # The company's probation for the kind of post, within the legal cap of the contract term.
        probation = default_probation_months(
            application.requisition.position.category, contract_type="fixed", contract_months=months
        )
    return services.offer_create(
        application=application,
        by=users["hr"],
        start_date=timezone.localdate() + datetime.timedelta(days=10),
        salary=salary,
        contract_type="fixed",
        contract_months=months,
        probation_months=probation,
        probation_salary=(salary * Decimal("0.8")).quantize(Decimal("1")) if probation else None,
        conditions=CONDITIONS,
    )


def seed(*, stdout=None) -> None:
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=USERS)}
    if len(users) != len(USERS):
        if stdout is not None:
            stdout.write("  recruitment: demo users missing, skipped")
        return
    created = 0

    # 1. Stamping operators: approved, planned, five candidates at different stages, one hired.
    stamping, new = _requisition(
        users, "PRD-ST-OP", "能适应两班倒，有冲压经验者优先", by="prod_head", headcount=3, reason="expansion", days=20
    )
    if stamping is not None and new:
        created += 1
        services.requisition_submit(requisition=stamping, by=users["prod_head"], comment="新项目量产，产能不足")
        _decide(stamping)
        today = timezone.localdate()
        services.plan_save(
            requisition=stamping,
            by=users["hr"],
            owner=users["hr"],
            start_date=today - datetime.timedelta(days=7),
            end_date=today + datetime.timedelta(days=30),
            budget=Decimal("5000"),
            notes="网上招聘与人才市场同步进行，张贴厂区招聘海报。",
            channels=[
                {"channel": Channel.ONLINE, "cost": Decimal("1800")},
                {"channel": Channel.TALENT_MARKET, "cost": Decimal("1200")},
                {"channel": Channel.POSTERS, "cost": Decimal("300")},
            ],
        )
        hired = _candidate(
            users,
            1,
            "刘建国",
            Channel.ONLINE,
            gender="M",
            education="high_school",
            id_number=_id(1),
            work_experience="3年冲压操作经验",
            expected_salary=Decimal("5200"),
        )
        application = services.application_create(by=users["hr"], candidate=hired, requisition=stamping)
        _first_round(users, application, days=-6)
        _second_round(users, application, days=-4)
        offer = services.offer_submit(offer=_offer(users, application), by=users["hr"])
        _decide(offer)
        offer.refresh_from_db()
        services.offer_accept(offer=offer, by=users["hr"], comment="候选人电话确认接受")

        waiting = _candidate(
            users,
            2,
            "陈晓燕",
            Channel.TALENT_MARKET,
            gender="F",
            education="junior_high",
            id_number=_id(2),
            expected_salary=Decimal("5000"),
        )
        application = services.application_create(by=users["hr"], candidate=waiting, requisition=stamping)
        _first_round(users, application, days=-5)
        _second_round(users, application, days=-2)
        offer = services.offer_submit(offer=_offer(users, application, salary="5000"), by=users["hr"])
        _decide(offer, steps=1)  # the department manager approved; the GM decides next

        tomorrow = _candidate(users, 3, "王磊", Channel.POSTERS, gender="M", education="high_school")
        application = services.application_create(by=users["hr"], candidate=tomorrow, requisition=stamping)
        _first_round(users, application, days=-1)
        _second_round(users, application, days=1, evaluate=False)

        screened_out = _candidate(users, 4, "赵强", Channel.ONLINE, gender="M")
        application = services.application_create(by=users["hr"], candidate=screened_out, requisition=stamping)
        services.application_advance(application=application, by=users["hr"])
        services.application_move(
            application=application, to_stage=Stage.REJECTED, by=users["hr"], reason="简历与岗位要求不符"
        )

        new_applicant = _candidate(users, 5, "孙丽", Channel.ONLINE, gender="F", talent_pool_consent=True)
        services.application_create(by=users["hr"], candidate=new_applicant, requisition=stamping)

    # 2. Welders (special post): practical and theory tests recorded.
    welders, new = _requisition(
        users,
        "PRD-WD-WLD",
        "须持有效焊工特种作业操作证",
        by="prod_head",
        headcount=2,
        reason="replacement",
        days=15,
        urgency="urgent",
    )
    if welders is not None and new:
        created += 1
        services.requisition_submit(requisition=welders, by=users["prod_head"], comment="两名焊工离职补缺")
        _decide(welders)
        welder = _candidate(
            users,
            6,
            "周海涛",
            Channel.TALENT_MARKET,
            gender="M",
            education="high_school",
            work_experience="5年二保焊经验，持特种作业操作证",
        )
        application = services.application_create(by=users["hr"], candidate=welder, requisition=welders)
        _first_round(users, application, days=-4)
        _second_round(users, application, days=-3)
        interview = services.interview_schedule(
            application=application,
            by=users["hr"],
            round=Stage.TESTS,
            scheduled_at=_at(-2, 9),
            interviewers=[users["prod_head"]],
            place="焊装课实训工位",
        )
        services.evaluation_submit(
            interview=interview,
            evaluator=users["prod_head"],
            practical_score=Decimal("86"),
            practical_pass_mark=Decimal("70"),
            theory_score=Decimal("78"),
            theory_pass_mark=Decimal("60"),
            professional_assessment=4,
            comments="焊缝成型良好，理论基础扎实。",
            recommendation="proceed",
        )

    # 3. Production clerk (staff): the head applied, so the review went one level up; waiting for approval.
    clerk, new = _requisition(
        users, "PRD-CLK", "熟练使用ERP系统", by="prod_head", headcount=1, reason="replacement", days=30
    )
    if clerk is not None and new:
        created += 1
        services.requisition_submit(requisition=clerk, by=users["prod_head"], comment="原文员调岗")

    # 4. Stamping team leaders beyond the authorised headcount: the general manager is added to the chain.
    leaders, new = _requisition(
        users, "PRD-ST-TL", "三年以上班组管理经验", by="prod_head", headcount=4, reason="expansion", days=45
    )
    if leaders is not None and new:
        created += 1
        services.requisition_submit(requisition=leaders, by=users["prod_head"], comment="新增夜班，需增设班长")
        _decide(leaders, steps=1)

    # 5. Quality: one returned for changes, one draft.
    returned, new = _requisition(
        users, "QA-IN-INS", "熟悉三坐标测量", by="qa_head", headcount=2, reason="expansion", days=25
    )
    if returned is not None and new:
        created += 1
        services.requisition_submit(requisition=returned, by=users["qa_head"])
        _decide(returned, steps=1, decision="return", comment="请补充增员理由及预计工作量")
    draft, new = _requisition(
        users, "QA-IN-INS", "夜班检验，能适应倒班", by="qa_head", headcount=1, reason="temporary", days=40
    )
    if draft is not None and new:
        created += 1

    if stdout is not None:
        total = Application.objects.count()
        stdout.write(
            f"  {created} demo requisitions created; {Candidate.objects.count()} candidates, {total} applications, "
            f"{Offer.objects.filter(status=Offer.Status.ACCEPTED).count()} accepted offers"
        )
