"""A small company for the register's tests: 生产部 with its manager, 财务部 with its manager, a records keeper,
the vice president and general manager, and readers at every clearance."""

import datetime
import io
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from approvals.models import RequestStatus
from approvals.selectors import latest_request_for
from approvals.services import request_decide
from confidentiality import services
from core import roles
from core.security import SecrecyLevel
from org.models import PositionCategory
from org.services import department_create
from tests.factories import EmployeeFactory, PositionFactory


def pdf_bytes(pages: int = 2, text: str = "Plan page") -> bytes:
    """A real PDF of `pages` pages (WeasyPrint), for uploads."""
    from weasyprint import HTML

    body = "".join(f'<p style="page-break-after: always">{text} {n}</p>' for n in range(1, pages + 1))
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def pdf_upload(pages: int = 2, name: str = "plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(pages), content_type="application/pdf")


@dataclass
class Company:
    production: object
    finance: object
    keeper: object
    officer: object
    vp: object
    gm: object
    prod_manager: object
    fin_manager: object
    reader: object  # secret clearance, production
    cleared: object  # confidential clearance, finance
    top: object  # top-secret clearance
    uncleared: object  # internal clearance

    def approve(self, subject):
        """Decide every step of the subject's open request as its approver."""
        while True:
            request = latest_request_for(subject)
            if request is None or request.status != RequestStatus.PENDING:
                return request
            step = request.steps.get(round=request.round, index=request.current_step)
            request_decide(request=request, by=step.assigned_to, decision="approve")
            subject.refresh_from_db()


def build_company(make_user) -> Company:
    production = department_create(code="PRD", name="生产部")
    finance = department_create(code="FIN", name="财务部")
    users = {
        "keeper": make_user("keeper", roles=[roles.RECORDS_KEEPER], clearance=SecrecyLevel.TOP_SECRET),
        "officer": make_user("officer", roles=[roles.CONFIDENTIALITY_OFFICER], clearance=SecrecyLevel.CONFIDENTIAL),
        "vp": make_user("vp", roles=[roles.VP], clearance=SecrecyLevel.TOP_SECRET),
        "gm": make_user("gm", roles=[roles.GM], clearance=SecrecyLevel.TOP_SECRET),
        "prod_manager": make_user("prod_manager", roles=[roles.DEPT_MANAGER], clearance=SecrecyLevel.CONFIDENTIAL),
        "fin_manager": make_user("fin_manager", roles=[roles.DEPT_MANAGER], clearance=SecrecyLevel.TOP_SECRET),
        "reader": make_user(
            "reader", roles=[roles.EMPLOYEE], clearance=SecrecyLevel.SECRET, first_name="Li", last_name="Reader"
        ),
        "cleared": make_user("cleared", roles=[roles.EMPLOYEE], clearance=SecrecyLevel.CONFIDENTIAL),
        "top": make_user("top", roles=[roles.EMPLOYEE], clearance=SecrecyLevel.TOP_SECRET),
        "uncleared": make_user("uncleared", roles=[roles.EMPLOYEE], clearance=SecrecyLevel.INTERNAL),
    }
    prod_post = PositionFactory(department=production, code="PRD-MGR", category=PositionCategory.MANAGER)
    fin_post = PositionFactory(department=finance, code="FIN-MGR", category=PositionCategory.MANAGER)
    prod_staff = PositionFactory(department=production, code="PRD-ENG", category=PositionCategory.STAFF)
    fin_staff = PositionFactory(department=finance, code="FIN-ACC", category=PositionCategory.STAFF)
    production.manager = EmployeeFactory(position=prod_post, department=production, user=users["prod_manager"])
    production.save(update_fields=["manager"])
    finance.manager = EmployeeFactory(position=fin_post, department=finance, user=users["fin_manager"])
    finance.save(update_fields=["manager"])
    EmployeeFactory(position=prod_staff, department=production, user=users["reader"], number="E07001")
    EmployeeFactory(position=fin_staff, department=finance, user=users["cleared"], number="E07002")
    return Company(production, finance, **users)


@pytest.fixture
def company(make_user):
    return build_company(make_user)


def register(
    company,
    *,
    level=SecrecyLevel.SECRET,
    department=None,
    number="MJ-2026-001",
    title="年度经营计划",
    copies=3,
    confirm=True,
    **extra,
):
    today = timezone.localdate()
    document = services.document_register(
        by=company.keeper,
        number=number,
        title=title,
        level=level,
        owning_department=department or company.production,
        declassify_on=extra.pop("declassify_on", today + datetime.timedelta(days=365)),
        copies_count=copies,
        **extra,
    )
    if confirm:
        company.approve(document)
        document.refresh_from_db()
    return document


@pytest.fixture
def make_document(company):
    def make(**kwargs):
        return register(company, **kwargs)

    return make


def bytes_io(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)
