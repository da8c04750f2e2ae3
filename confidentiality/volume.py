"""Volume data for the register: a classified-document register of realistic size for the company.

About one document per three employees over the simulated history (3,300 at 10,000 employees), every level, every
department; 1–4 numbered copies each; most copies issued at some time to logins cleared for the level (signed
for, mostly returned, a few overdue), grants and their ends, the old documents declassified and the oldest
destroyed; one event row per issue, return, grant and a read for a share of issues. Written in bulk with a
constant number of queries per batch (no approval trails: the level confirmations are history).
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from core import roles
from core.security import SecrecyLevel
from core.seeding import VolumeContext
from org.models import Department

from .models import (
    ConfidentialityEvent,
    Copy,
    CopyStatus,
    Destruction,
    Document,
    DocumentStatus,
    EventKind,
    Grant,
    Issue,
)

TOPICS = {
    SecrecyLevel.SECRET: [
        "工艺参数配置表",
        "技联单汇总",
        "销售订单明细",
        "主要供应商报价",
        "人事档案目录",
        "薪酬调整方案",
    ],
    SecrecyLevel.CONFIDENTIAL: ["季度财务报表", "统计报表", "经营会议纪要", "产品图纸", "程序文件", "价格表"],
    SecrecyLevel.TOP_SECRET: ["投资计划", "投标报价方案", "价格调整方案", "发展战略"],
}
PREFIX = {SecrecyLevel.SECRET: "MM", SecrecyLevel.CONFIDENTIAL: "JM", SecrecyLevel.TOP_SECRET: "JUEM"}


def generate(ctx: VolumeContext) -> None:
    rng = ctx.rng
    User = get_user_model()
    keeper = (
        User.objects.filter(groups__name=roles.RECORDS_KEEPER, is_active=True, clearance__gte=SecrecyLevel.TOP_SECRET)
        .order_by("pk")
        .first()
        or User.objects.filter(is_superuser=True).order_by("pk").first()
    )
    departments = list(Department.objects.filter(is_active=True, depth=0).order_by("pk")) or list(
        Department.objects.order_by("pk")[:10]
    )
    readers = {
        level: list(User.objects.filter(is_active=True, clearance__gte=level).order_by("pk")) for level in TOPICS
    }
    if keeper is None or not departments or not readers[SecrecyLevel.SECRET]:
        return
    today = ctx.today
    now = timezone.now()
    total = max(200, ctx.employees // 3)
    documents = []
    for n in range(total):
        level = rng.choices(list(TOPICS), weights=[6, 3, 1])[0]
        department = rng.choice(departments)
        classified_on = ctx.random_date(ctx.start, today)
        declassify_on = classified_on + datetime.timedelta(days=rng.choice([365, 730, 1095, 1825]))
        status = DocumentStatus.CLASSIFIED if declassify_on > today else DocumentStatus.DECLASSIFIED
        documents.append(
            Document(
                number=f"V-{PREFIX[level]}-{department.code}-{classified_on.year}-{n:05d}",
                title=f"{classified_on.year}年{department.name}{rng.choice(TOPICS[level])}",
                level=level,
                owning_department=department,
                status=status,
                level_basis=rng.choice(TOPICS[level]),
                classified_on=classified_on,
                declassify_on=declassify_on,
                carrier="paper",
                pages=rng.randint(1, 60),
                copies_count=rng.randint(1, 4),
                location=f"档案室{rng.choice('ABCD')}柜",
                registered_by=keeper,
                registered_at=timezone.make_aware(datetime.datetime.combine(classified_on, datetime.time(9))),
                level_confirmed_at=timezone.make_aware(datetime.datetime.combine(classified_on, datetime.time(16))),
            )
        )
    documents = ctx.bulk_create(Document, documents)
    copies = ctx.bulk_create(
        Copy,
        [
            Copy(document=d, number=k, custodian=keeper, created_at=d.registered_at)
            for d in documents
            for k in range(1, d.copies_count + 1)
        ],
    )
    issues, events, out = [], [], []
    for copy in copies:
        document = copy.document
        if rng.random() > 0.7:
            continue
        recipient = rng.choice(readers[document.level])
        issued_on = ctx.random_date(document.classified_on, min(today, document.declassify_on))
        issued_at = timezone.make_aware(datetime.datetime.combine(issued_on, datetime.time(10)))
        due = issued_on + datetime.timedelta(days=30)
        returned = (
            document.status != DocumentStatus.CLASSIFIED
            or due < today - datetime.timedelta(days=7)
            or (rng.random() < 0.5)
        )
        if not returned and due < today and rng.random() < 0.7:
            returned = True  # most come back; the rest are the overdue ones
        returned_at = issued_at + datetime.timedelta(days=rng.randint(3, 29)) if returned else None
        if returned_at is not None and returned_at > now:
            returned_at = now
        issues.append(
            Issue(
                copy=copy,
                document=document,
                recipient=recipient,
                issued_by=keeper,
                issued_at=issued_at,
                return_due=due,
                acknowledged_at=issued_at + datetime.timedelta(hours=2),
                returned_at=returned_at,
                checked_in_by=keeper if returned else None,
            )
        )
        events.append(
            ConfidentialityEvent(
                kind=EventKind.ISSUED,
                at=issued_at,
                actor=keeper,
                document=document,
                copy=copy,
                person=recipient,
                detail=str(due),
            )
        )
        events.append(
            ConfidentialityEvent(
                kind=EventKind.ACKNOWLEDGED,
                at=issued_at + datetime.timedelta(hours=2),
                actor=recipient,
                document=document,
                copy=copy,
                person=recipient,
            )
        )
        if rng.random() < 0.3:
            events.append(
                ConfidentialityEvent(
                    kind=EventKind.VIEWED,
                    at=issued_at + datetime.timedelta(days=1),
                    actor=recipient,
                    document=document,
                    copy=copy,
                    detail=f"copy No. {copy.number}",
                )
            )
        if returned:
            events.append(
                ConfidentialityEvent(
                    kind=EventKind.RETURNED,
                    at=returned_at,
                    actor=keeper,
                    document=document,
                    copy=copy,
                    person=recipient,
                )
            )
        else:
            copy.status, copy.holder = CopyStatus.ISSUED, recipient
            out.append(copy)
    ctx.bulk_create(Issue, issues)
    Copy.objects.bulk_update(out, ["status", "holder"], batch_size=ctx.batch_size)
    grants = []
    for document in rng.sample(documents, k=min(len(documents), total // 5)):
        user = rng.choice(readers[document.level])
        start = ctx.random_date(document.classified_on, today)
        until = start + datetime.timedelta(days=rng.randint(7, 90))
        ended = timezone.make_aware(datetime.datetime.combine(until, datetime.time(8))) if until < today else None
        grants.append(
            Grant(
                document=document,
                user=user,
                valid_from=start,
                valid_until=until,
                granted_at=timezone.make_aware(datetime.datetime.combine(start, datetime.time(11))),
                ended_at=ended,
                end_reason="expired" if ended else "",
            )
        )
        events.append(
            ConfidentialityEvent(
                kind=EventKind.GRANTED,
                at=grants[-1].granted_at,
                actor=keeper,
                document=document,
                person=user,
                detail=str(until),
            )
        )
        if ended:
            events.append(ConfidentialityEvent(kind=EventKind.EXPIRED, at=ended, document=document, person=user))
    ctx.bulk_create(Grant, grants)
    destructions = []
    for document in documents:
        if document.status == DocumentStatus.DECLASSIFIED:
            listed = datetime.date(document.declassify_on.year + 1, 3, 1)
            if listed <= today:
                destroyed = timezone.make_aware(datetime.datetime.combine(listed, datetime.time(15)))
                destructions.append(
                    Destruction(
                        document=document,
                        listed_on=listed,
                        destroyed_at=destroyed,
                        destroyed_by=keeper,
                        witness=rng.choice(readers[SecrecyLevel.SECRET]),
                        method="碎纸机粉碎",
                    )
                )
                events.append(
                    ConfidentialityEvent(kind=EventKind.DESTROYED, at=destroyed, actor=keeper, document=document)
                )
    ctx.bulk_create(Destruction, destructions)
    Document.objects.filter(pk__in=[d.document_id for d in destructions]).update(status=DocumentStatus.DESTROYED)
    ctx.bulk_create(ConfidentialityEvent, events)
    ctx.made["confidentiality.documents"] = documents
    ctx.log(f"  confidentiality: {len(documents)} documents, {len(copies)} copies, {len(issues)} issues")
