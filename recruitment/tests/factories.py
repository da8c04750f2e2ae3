"""Test data builders for recruitment."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from core import roles
from core.security import SecrecyLevel
from core.validators import build_id_number
from org.models import PositionCategory
from org.services import department_create
from recruitment import services
from recruitment.models import Channel, Stage
from tests.factories import EmployeeFactory, PositionFactory


def candidate_data(n: int) -> dict:
    return {
        "name": f"候选人{n}",
        "phone": f"139{n:08d}",
        "email": f"candidate{n}@example.com",
        "education": "college",
        "source_channel": Channel.ONLINE,
    }


def id_number(n: int) -> str:
    return build_id_number("320102", datetime.date(1995, 3, 8), 100 + n)


def approve_all(subject, *, comment="ok"):
    """Every approver of the subject's open request approves in turn."""
    from approvals.models import RequestStatus
    from approvals.selectors import latest_request_for
    from approvals.services import request_decide

    request = latest_request_for(subject)
    while request.status == RequestStatus.PENDING:
        step = request.steps.get(round=request.round, index=request.current_step)
        request = request_decide(request=request, by=step.assigned_to, decision="approve", comment=comment)
    return request


def evaluate_proceed(application, company):
    """Schedule the first interview with HR and let HR recommend proceeding."""
    if application.stage == Stage.APPLIED:
        services.application_advance(application=application, by=company.hr)
    interview = services.interview_schedule(
        application=application,
        by=company.hr,
        round=Stage.FIRST_INTERVIEW,
        scheduled_at=timezone.now() - datetime.timedelta(days=1),
        interviewers=[company.hr],
        place="会议室A",
    )
    services.evaluation_submit(
        interview=interview,
        evaluator=company.hr,
        attitude=4,
        motivation=4,
        basic_skills=3,
        experience=3,
        id_verified=True,
        education_verified=True,
        qualification_verified=False,
        recommendation="proceed",
    )
    return interview


OFFER_TERMS = {
    "start_date": timezone.localdate() + datetime.timedelta(days=14),
    "salary": Decimal("6000"),
    "contract_type": "fixed",
    "contract_months": 36,
    "probation_months": 1,  # company policy for frontline posts: one month
    "probation_salary": Decimal("4800"),
    "conditions": "按时完成岗位培训并通过考核",
}


@dataclass
class Company:
    production: object
    quality: object
    frontline: object  # 生产部 operator post, authorised 5
    staff: object  # 生产部 engineer post (staff)
    manager_post: object  # 生产部 manager-level post
    special: object  # 生产部 welder: a special post
    qa_post: object  # 品质部 inspector
    hr: object
    hr_manager: object
    gm: object
    pmc: object
    prod_head: object
    prod_manager: object
    qa_head: object
    outsider: object


def build_company(make_user) -> Company:
    production = department_create(code="PRD", name="生产部")
    quality = department_create(code="QA", name="品质部")
    users = {
        "hr": make_user("hr", roles=[roles.HR], clearance=SecrecyLevel.SECRET, email="hr@example.com"),
        "hr_manager": make_user("hr_manager", roles=[roles.HR_MANAGER], clearance=SecrecyLevel.SECRET),
        "gm": make_user("gm", roles=[roles.GM], clearance=SecrecyLevel.SECRET, email="gm@example.com"),
        "pmc": make_user("pmc", roles=[roles.PRODUCTION_MGMT]),
        "prod_head": make_user("prod_head", roles=[roles.DEPT_HEAD], email="head@example.com"),
        "prod_manager": make_user("prod_manager", roles=[roles.DEPT_MANAGER]),
        "qa_head": make_user("qa_head", roles=[roles.DEPT_HEAD]),
        "outsider": make_user("outsider", roles=[roles.EMPLOYEE]),
    }
    frontline = PositionFactory(
        department=production,
        code="PRD-OP",
        title="操作工",
        category=PositionCategory.FRONTLINE,
        authorised_headcount=5,
    )
    staff = PositionFactory(
        department=production,
        code="PRD-ENG",
        title="工艺工程师",
        category=PositionCategory.STAFF,
        authorised_headcount=2,
    )
    manager_post = PositionFactory(
        department=production,
        code="PRD-MGR",
        title="生产经理",
        category=PositionCategory.MANAGER,
        authorised_headcount=1,
    )
    special = PositionFactory(
        department=production,
        code="PRD-WLD",
        title="焊工",
        category=PositionCategory.FRONTLINE,
        is_special=True,
        special_basis="regulation",
        authorised_headcount=3,
    )
    qa_post = PositionFactory(
        department=quality, code="QA-INS", title="检验员", category=PositionCategory.FRONTLINE, authorised_headcount=4
    )
    production.head = EmployeeFactory(position=manager_post, user=users["prod_head"], name="生产主管")
    production.manager = EmployeeFactory(position=manager_post, user=users["prod_manager"], name="生产经理")
    production.save()
    quality.head = EmployeeFactory(position=qa_post, user=users["qa_head"], name="品质主管")
    quality.save()
    return Company(
        production=production,
        quality=quality,
        frontline=frontline,
        staff=staff,
        manager_post=manager_post,
        special=special,
        qa_post=qa_post,
        **users,
    )
