"""Demo register for `manage.py seed_demo` (after org, employees, accounts and approvals).

Documents at every classified level in several departments, their levels confirmed through the flow (one still
waiting for the vice president), copies issued to demo logins (the production manager's signed for, the general
manager's overdue, the HR manager's not yet signed for), a pending access request from HR staff for the
production manager to decide, a grant in force, a print request approved, an outside disclosure waiting for the
general manager, a declassified document destroyed and one listed for destruction, a custody handover waiting
for its second signature, and the events all that wrote. A second run adds nothing (documents by number).
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from approvals.models import RequestStatus
from approvals.selectors import latest_request_for
from approvals.services import request_decide
from core.security import SecrecyLevel
from org.models import Department

from . import services
from .models import Destruction, Document, Issue

S, C, T = SecrecyLevel.SECRET, SecrecyLevel.CONFIDENTIAL, SecrecyLevel.TOP_SECRET

# number, title, level, department, basis, carrier, pages, copies, location, days to declassification
DOCUMENTS = [
    (
        "MM-PRD-2026-001",
        "冲压线工艺参数配置表（2026版）",
        S,
        "PRD",
        "技术文件、产品参数（配置表）",
        "both",
        18,
        4,
        "档案室A柜2层",
        540,
    ),
    ("MM-PRD-2026-002", "焊装夹具技联单汇总", S, "PRD", "技术联络单（技联）", "paper", 9, 2, "档案室A柜3层", 20),
    ("MM-HRA-2026-001", "2026年度薪酬调整方案", S, "HRA", "职员工资性收入", "both", 6, 3, "人事行政部保险柜", 365),
    ("JM-FIN-2026-001", "2026年第三季度财务报表", C, "FIN", "财务报表、统计报表", "both", 24, 3, "财务部保险柜", 730),
    ("JM-RD-2026-001", "新车型支架总成图纸", C, "RD", "图纸、程序文件", "paper", 40, 2, "研发部图纸柜", 1095),
    ("JM-QA-2026-001", "主要客户价格表", C, "QA", "价格表", "paper", 3, 2, "档案室B柜", 400),
    (
        "JUEM-GMO-2026-001",
        "2027年整车厂投标报价方案",
        T,
        "GMO",
        "投标、未公开的价格调整",
        "paper",
        15,
        2,
        "总经办保险柜",
        365,
    ),
]


def _pdf(title: str) -> SimpleUploadedFile:
    from weasyprint import HTML

    from printing.fonts import font_config, font_family_css

    html = (
        f"<html><head><style>{font_family_css()}</style></head><body>"
        + "".join(f'<h1>{title}</h1><p style="page-break-after: always">第 {n} 页（演示内容）</p>' for n in (1, 2))
        + "</body></html>"
    )
    return SimpleUploadedFile("document.pdf", HTML(string=html).write_pdf(font_config=font_config()))


def _approve_all(subject) -> None:
    while True:
        request = latest_request_for(subject)
        if request is None or request.status != RequestStatus.PENDING:
            return
        step = request.steps.get(round=request.round, index=request.current_step)
        request_decide(request=request, by=step.assigned_to, decision="approve", comment="同意")


def seed(*, stdout=None) -> None:
    User = get_user_model()
    names = ("admin", "records_keeper", "gm", "vp", "hr", "hr_manager", "prod_manager")
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    departments = {d.code: d for d in Department.objects.filter(code__in={row[3] for row in DOCUMENTS})}
    if len(users) != len(names) or len(departments) < 5:
        if stdout is not None:
            stdout.write("  confidentiality: demo users or departments missing, skipped")
        return
    if Document.objects.filter(number=DOCUMENTS[0][0]).exists():
        if stdout is not None:
            stdout.write("  confidentiality: demo register already there")
        return
    keeper, admin = users["records_keeper"], users["admin"]
    today = timezone.localdate()
    docs = {}
    for number, title, level, dept, basis, carrier, pages, copies, location, days in DOCUMENTS:
        if dept not in departments:
            continue
        by = keeper if level <= keeper.clearance else admin  # the keeper is cleared for confidential only
        document = services.document_register(
            by=by,
            number=number,
            title=title,
            level=level,
            owning_department=departments[dept],
            level_basis=basis,
            classified_on=today - datetime.timedelta(days=60),
            declassify_on=today + datetime.timedelta(days=days),
            carrier=carrier,
            pages=pages,
            copies_count=copies,
            knowledge_scope="部门经理及以上、相关工程师",
            distribution_scope="见文件发放登记表",
            location=location,
            upload=_pdf(title) if carrier == "both" else None,
        )
        docs[number] = document
    # Level confirmation: all confirmed but the quality price list, waiting for the vice president.
    for number, document in docs.items():
        if number == "JM-QA-2026-001":
            request = latest_request_for(document)
            step = request.steps.get(round=request.round, index=request.current_step)
            request_decide(request=request, by=step.assigned_to, decision="approve", comment="拟定为机密")
        else:
            _approve_all(document)
        document.refresh_from_db()

    def issue(number, copy_number, username, *, days=30, signed=True, overdue=False):
        document = docs[number]
        by = keeper if document.level <= keeper.clearance else admin
        issued = services.copy_issue(
            copy=document.copies.get(number=copy_number),
            recipient=users[username],
            by=by,
            return_due=today + datetime.timedelta(days=days),
        )
        if signed:
            services.issue_acknowledge(issue=issued, by=users[username])
        if overdue:
            # History: issued six weeks ago, due ten days ago (the service refuses a deadline in the past).
            Issue.objects.filter(pk=issued.pk).update(
                issued_at=timezone.now() - datetime.timedelta(days=42), return_due=today - datetime.timedelta(days=10)
            )
        return issued

    issue("MM-PRD-2026-001", 1, "prod_manager")
    issue("MM-PRD-2026-001", 2, "vp", days=2)
    issue("MM-HRA-2026-001", 1, "hr_manager", signed=False)
    issue("JM-FIN-2026-001", 1, "gm", overdue=True)
    issue("JM-FIN-2026-001", 2, "vp")
    issue("JM-RD-2026-001", 1, "prod_manager", days=14)
    issue("JUEM-GMO-2026-001", 1, "gm")
    returned = issue("MM-PRD-2026-002", 1, "prod_manager")
    services.return_copy(copy=returned.copy, by=keeper)

    # HR staff asks to read the production configuration table: the production manager decides.
    services.access_request_submit(
        number="MM-PRD-2026-001",
        by=users["hr"],
        reason="核对特殊工种岗位的工艺参数，用于岗位说明书修订",
        until=today + datetime.timedelta(days=14),
    )
    # A grant in force: HR manager reads the production configuration table (approved).
    granted = services.access_request_submit(
        number="MM-PRD-2026-001",
        by=users["hr_manager"],
        reason="岗位风险评估",
        until=today + datetime.timedelta(days=30),
    )
    _approve_all(granted)
    # An approved print request: the production manager prints two copies for the process review.
    reproduction = services.reproduction_submit(
        document=docs["MM-PRD-2026-001"],
        by=users["prod_manager"],
        kind="print",
        copies=2,
        reason="工艺评审会",
        return_due=today + datetime.timedelta(days=7),
    )
    _approve_all(reproduction)
    # An outside disclosure waiting for the general manager.
    services.disclosure_submit(
        document=docs["JM-QA-2026-001"] if docs["JM-QA-2026-001"].status == "classified" else docs["JM-FIN-2026-001"],
        by=users["vp"],
        recipient_organisation="某主机厂供应商审核组",
        what="季度财务报表摘要（第1–3页）",
        why="年度供应商资质审核",
        agreement="保密协议 NDA-2026-018",
    )

    # A declassified document destroyed last March, and one listed for destruction this March.
    for number, title, destroyed in (
        ("MM-PRD-2023-014", "2023年冲压线工艺参数配置表", True),
        ("MM-HRA-2023-002", "2023年度薪酬调整方案", False),
    ):
        old = services.document_register(
            by=keeper,
            number=number,
            title=title,
            level=S,
            owning_department=departments[number.split("-")[1]],
            classified_on=today - datetime.timedelta(days=1100),
            declassify_on=today - datetime.timedelta(days=40),
            copies_count=1,
            location="档案室D柜（待销毁）",
        )
        _approve_all(old)
        services.documents_declassify(today)
        entry = Destruction.objects.create(document=old, listed_on=datetime.date(today.year, 3, 1))
        if destroyed:
            services.destruction_record(destruction=entry, by=keeper, witness=users["hr_manager"], method="碎纸机粉碎")

    handover = services.handover_create(by=keeper, to_keeper=admin)
    services.handover_sign(handover=handover, by=keeper)
    if stdout is not None:
        stdout.write(f"  {Document.objects.count()} classified documents in the register")
