"""A small company for onboarding tests: 生产部 (head, manager, a frontline and a staff post) with a sub-section
冲压课, and 品质部 with its own head; HR, HR manager and the general manager as logins."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from approvals.models import RequestStatus
from approvals.selectors import latest_request_for
from approvals.services import request_decide
from core import roles
from core.security import SecrecyLevel
from employees.models import REQUIRED_DOCUMENT_KINDS, EmployeeStatus, EmploymentType
from employees.services import document_upload
from onboarding import services
from org.models import PositionCategory
from org.services import department_create
from tests.factories import EmployeeFactory, LabourContractFactory, PositionFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Company:
    production: object
    stamping: object
    quality: object
    frontline: object
    staff: object
    qa_post: object
    hr: object
    hr_plain: object
    hr_manager: object
    gm: object
    prod_head: object
    qa_head: object
    outsider: object


def build_company(make_user) -> Company:
    production = department_create(code="PRD", name="生产部")
    stamping = department_create(code="PRD-ST", name="冲压课", parent=production)
    quality = department_create(code="QA", name="品质部")
    users = {
        "hr": make_user("hr", roles=[roles.HR], clearance=SecrecyLevel.SECRET, email="hr@example.com"),
        "hr_plain": make_user("hr_plain", roles=[roles.HR]),
        "hr_manager": make_user("hr_manager", roles=[roles.HR_MANAGER], clearance=SecrecyLevel.SECRET),
        "gm": make_user("gm", roles=[roles.GM], clearance=SecrecyLevel.SECRET),
        "prod_head": make_user("prod_head", roles=[roles.DEPT_HEAD], email="head@example.com"),
        "qa_head": make_user("qa_head", roles=[roles.DEPT_HEAD]),
        "outsider": make_user("outsider", roles=[roles.EMPLOYEE]),
    }
    frontline = PositionFactory(
        department=stamping, code="ST-OP", title="冲压操作工", category=PositionCategory.FRONTLINE
    )
    staff = PositionFactory(department=production, code="PRD-ENG", title="工艺工程师", category=PositionCategory.STAFF)
    qa_post = PositionFactory(department=quality, code="QA-INS", title="检验员", category=PositionCategory.FRONTLINE)
    head_post = PositionFactory(
        department=production, code="PRD-HEAD", title="生产主管", category=PositionCategory.MANAGER
    )
    qa_head_post = PositionFactory(
        department=quality, code="QA-HEAD", title="品质主管", category=PositionCategory.MANAGER
    )
    production.head = EmployeeFactory(position=head_post, user=users["prod_head"], name="生产主管")
    production.save(update_fields=["head"])
    quality.head = EmployeeFactory(position=qa_head_post, user=users["qa_head"], name="品质主管")
    quality.save(update_fields=["head"])
    return Company(production, stamping, quality, frontline, staff, qa_post, **users)


@pytest.fixture
def company(make_user):
    return build_company(make_user)


TERMS = {
    "agreed_salary": Decimal("6000"),
    "contract_type": "fixed",
    "contract_months": 36,
    "probation_months": 1,
    "probation_salary": Decimal("4800"),
    "conditions": "1. 完成三级安全教育并考核合格\n2. 产品合格率≥98%",
}


def new_hire(position, *, days_ago=10, employment_type=EmploymentType.REGULAR, user=None, **extra):
    return EmployeeFactory(
        position=position,
        hire_date=timezone.localdate() - datetime.timedelta(days=days_ago),
        employment_type=employment_type,
        status=EmployeeStatus.ONBOARDING,
        base_salary=Decimal("6000"),
        user=user,
        **extra,
    )


@pytest.fixture
def start_case(company):
    def start(position=None, *, days_ago=10, terms=None, employee=None, **extra):
        employee = employee or new_hire(position or company.frontline, days_ago=days_ago, **extra)
        return services.case_start(employee=employee, by=company.hr, **{**TERMS, **(terms or {})})

    return start


def upload_all(employee, by):
    for kind in REQUIRED_DOCUMENT_KINDS:
        document_upload(
            employee=employee, kind=kind, upload=SimpleUploadedFile(f"{kind}.pdf", PDF_BYTES, "application/pdf"), by=by
        )


def record_safety_education(case, by, *, held_on=None):
    """The three levels of the safety education, one after the other, on the same day."""
    held_on = held_on or timezone.localdate()
    for level, trainer in (("company", "安全主任"), ("workshop", "车间主任"), ("team", "班组长")):
        services.safety_education_record(case=case, by=by, level=level, held_on=held_on, hours=8, trainer=trainer)


def sign_contract(employee):
    return LabourContractFactory(employee=employee, probation_months=1, signed_on=employee.hire_date)


def approve_all(subject, comment="同意"):
    request = latest_request_for(subject)
    deciders = []
    while request.status == RequestStatus.PENDING:
        step = request.steps.get(round=request.round, index=request.current_step)
        deciders.append(step.assigned_to)
        request = request_decide(request=request, by=step.assigned_to, decision="approve", comment=comment)
    return deciders


REVIEW = {
    "performance": 4,
    "ability": 4,
    "attitude": 5,
    "discipline": 4,
    "comments": "工作认真",
    "conditions_met": True,
    "conditions_assessment": "已完成安全教育，合格率99%",
    "recommendation": "convert",
}
