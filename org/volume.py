"""Volume data for the organisation: ~40 departments and sections, positions and versioned job descriptions.

Departments the demo company already has (matched by name at the top level) are reused as parents;
everything created here has a code starting with "V-". Made for later generators:

- ctx.made["org.departments"]: every department, existing and new
- ctx.made["org.created_departments"]: the ones created here (their heads are still to be set)
- ctx.made["org.positions"]: the positions created here; `authorised_headcount` is their share of the run
"""

import datetime
import math

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils import timezone

from approvals.seeding import Trail, bulk_trails
from core import roles
from core.seeding import VolumeContext

from .models import Company, Department, JobDescription, Position, PositionCategory, SpecialPostBasis
from .services import department_create

CODE_PREFIX = "V-"

# (code, name, headcount weight of the department's own office, [(section name, weight, kind)])
# kind picks the position template below.
CATALOGUE = [
    (
        "PRD",
        "生产部",
        0.5,
        [
            ("冲压课", 10, "line"),
            ("焊装课", 9, "weld"),
            ("装配课", 12, "line"),
            ("机加工课", 8, "line"),
            ("注塑课", 7, "line"),
            ("涂装课", 6, "line"),
            ("压铸课", 5, "line"),
            ("热处理课", 3, "line"),
        ],
    ),
    (
        "QA",
        "品质部",
        0.5,
        [
            ("进料检验课", 2.5, "inspect"),
            ("制程检验课", 4, "inspect"),
            ("出货检验课", 2.5, "inspect"),
            ("计量室", 0.8, "inspect"),
            ("质量体系课", 0.8, "office"),
        ],
    ),
    ("PMC", "生产管理部", 0.5, [("计划课", 1, "office"), ("仓储课", 3, "store"), ("物流课", 2.5, "store")]),
    ("ENG", "技术部", 0.5, [("工艺课", 1.5, "engineer"), ("模具课", 2, "engineer"), ("工装课", 1, "engineer")]),
    (
        "RD",
        "研发部",
        0.5,
        [("产品设计课", 1.5, "engineer"), ("试验验证课", 1, "engineer"), ("电子电气课", 1, "engineer")],
    ),
    ("MT", "设备部", 0.5, [("设备维修课", 2, "maint"), ("动力课", 1, "maint")]),
    ("PUR", "采购部", 0.5, [("原材料采购课", 0.8, "office"), ("外协课", 0.6, "office")]),
    (
        "SAL",
        "销售部",
        0.5,
        [("国内销售课", 0.8, "office"), ("海外销售课", 0.5, "office"), ("客户服务课", 0.6, "office")],
    ),
    ("FIN", "财务部", 0.5, [("会计课", 0.5, "office"), ("成本课", 0.4, "office")]),
    ("HRA", "人事行政部", 0.5, [("人事课", 0.6, "office"), ("行政课", 0.8, "office"), ("培训课", 0.3, "office")]),
    ("IT", "信息部", 0.6, []),
    ("EHS", "安全环保部", 0.6, []),
]

F, S, M = PositionCategory.FRONTLINE, PositionCategory.STAFF, PositionCategory.MANAGER

# Position templates: (title, category, share of the department's headcount, flags)
# flags: "special:<basis>" special post, "key" key post, "quality" quality-relevant.
TEMPLATES = {
    "line": [
        ("操作工", F, 0.78, "quality"),
        ("班组长", F, 0.08, "key quality"),
        ("设备调整员", F, 0.06, "key"),
        ("工艺员", S, 0.05, ""),
        ("课长", M, 0.03, "key"),
    ],
    "weld": [
        ("焊工", F, 0.70, "special:regulation quality"),
        ("焊接操作工", F, 0.14, "quality"),
        ("班组长", F, 0.08, "key quality"),
        ("焊接工程师", S, 0.05, "key"),
        ("课长", M, 0.03, "key"),
    ],
    "inspect": [
        ("检验员", F, 0.75, "special:customer quality"),
        ("质量工程师", S, 0.15, "key quality"),
        ("班组长", F, 0.06, "quality"),
        ("课长", M, 0.04, "key quality"),
    ],
    "store": [
        ("仓管员", F, 0.55, ""),
        ("叉车司机", F, 0.30, "special:regulation"),
        ("物料计划员", S, 0.11, ""),
        ("课长", M, 0.04, ""),
    ],
    "engineer": [
        ("工程师", S, 0.55, "key quality"),
        ("技术员", F, 0.30, "quality"),
        ("高级工程师", S, 0.10, "key"),
        ("课长", M, 0.05, "key"),
    ],
    "maint": [
        ("维修电工", F, 0.45, "special:regulation"),
        ("机修工", F, 0.35, ""),
        ("设备工程师", S, 0.15, "key"),
        ("课长", M, 0.05, ""),
    ],
    "office": [("专员", S, 0.70, ""), ("助理", S, 0.20, ""), ("课长", M, 0.10, "")],
    "head_office": [("经理", M, 0.25, "key"), ("副经理", M, 0.15, ""), ("主管", S, 0.30, ""), ("文员", S, 0.30, "")],
}

DUTIES = {
    F: ["按作业指导书完成本岗位作业", "执行首件检验与自检，记录过程数据", "遵守5S与安全操作规程", "异常及时上报班组长"],
    S: ["编制并维护本岗位相关文件与记录", "分析问题并推动改善措施落实", "支持客户审核与体系审核", "培训和指导一线员工"],
    M: [
        "组织完成部门年度目标与KPI",
        "负责部门人员编制、招聘需求与培训需求",
        "评估下属绩效与试用期表现",
        "审批部门相关文件与申请",
    ],
}
QUALIFICATIONS = {
    F: ("初中及以上", "相关岗位经验半年以上优先", "岗前培训、安全培训", "识读作业指导书，会使用量具"),
    S: ("大专及以上", "相关岗位经验2年以上", "IATF 16949 基础培训", "熟练使用办公软件，具备分析能力"),
    M: ("本科及以上", "相关管理经验5年以上", "IATF 16949 内审员培训、管理技能培训", "组织协调、计划与决策能力"),
}


def _department_target(employees: int) -> int:
    """About 40 departments for 10,000 people; fewer for small runs."""
    return max(8, min(45, round(employees / 250)))


def _make_departments(ctx: VolumeContext) -> tuple[list[Department], list[Department], dict[int, float]]:
    existing_top = {d.name: d for d in Department.objects.filter(parent__isnull=True)}
    existing_sections = {(d.parent_id, d.name): d for d in Department.objects.filter(parent__isnull=False)}
    target = _department_target(ctx.employees)
    total = Department.objects.count()
    created: list[Department] = []
    weights: dict[int, float] = {}
    kinds: dict[int, str] = {}
    tops: list[tuple[Department, tuple]] = []
    for order, entry in enumerate(CATALOGUE):
        code, name, own_weight, _sections = entry
        top = existing_top.get(name)
        if top is None:
            top = department_create(code=f"{CODE_PREFIX}{code}", name=name, sort_order=order * 10)
            created.append(top)
            total += 1
        weights[top.pk], kinds[top.pk] = own_weight, "head_office"
        tops.append((top, entry))
    # The demo's sections of the same name get volume people too.
    for top, (_code, _name, _w, sections) in tops:
        for name, weight, kind in sections:
            existing = existing_sections.get((top.pk, name))
            if existing is not None:
                weights[existing.pk], kinds[existing.pk] = weight, kind
    # New sections round-robin over the departments, the largest first, until the target is reached.
    rank = 0
    while total < target and rank < max(len(e[3]) for e in CATALOGUE):
        for top, (code, _name, _w, sections) in tops:
            if rank < len(sections) and total < target:
                name, weight, kind = sections[rank]
                if (top.pk, name) in existing_sections:
                    continue
                section = department_create(
                    code=f"{CODE_PREFIX}{code}-{rank + 1:02d}", name=name, parent=top, sort_order=rank + 1
                )
                created.append(section)
                weights[section.pk], kinds[section.pk] = weight, kind
                total += 1
        rank += 1
    # A department carries the work of the catalogue sections it does not have.
    have = {(d.parent_id, d.name) for d in Department.objects.filter(pk__in=weights, parent__isnull=False)}
    for top, (_code, _name, own_weight, sections) in tops:
        missing = [(w, k) for n, w, k in sections if (top.pk, n) not in have]
        if missing:
            weights[top.pk] = own_weight + sum(w for w, _k in missing)
            kinds[top.pk] = missing[0][1]
    ctx.made["org.department_kinds"] = kinds
    return created, [top for top, _e in tops], weights


def _flags(flags: str) -> dict:
    values = {"is_key": "key" in flags.split(), "is_quality_relevant": "quality" in flags.split()}
    for flag in flags.split():
        if flag.startswith("special:"):
            basis = flag.split(":", 1)[1]
            values.update(
                is_special=True,
                special_basis=basis,
                special_basis_note="IATF 16949 客户特殊要求"
                if basis == SpecialPostBasis.CUSTOMER
                else "特种作业人员持证上岗",
            )
    return values


def _make_positions(ctx: VolumeContext, departments: list[Department], weights: dict[int, float]) -> list[Position]:
    kinds = ctx.made["org.department_kinds"]
    total_weight = sum(weights.values())
    # Authorised headcount: the expected active headcount (about three in four records are still employed).
    active_people = ctx.employees * 0.75
    positions = []
    for department in departments:
        people = active_people * weights[department.pk] / total_weight
        for index, (title, category, share, flags) in enumerate(TEMPLATES[kinds[department.pk]], start=1):
            headcount = 1 if category == M and title in {"课长", "经理"} else max(1, math.ceil(people * share))
            positions.append(
                Position(
                    department=department,
                    code=f"{department.code}-{index:02d}"
                    if department.code.startswith(CODE_PREFIX)
                    else f"{CODE_PREFIX}{department.code}-{index:02d}",
                    title=title,
                    category=category,
                    authorised_headcount=headcount,
                    **_flags(flags),
                )
            )
    return ctx.bulk_create(Position, positions)


def _make_job_descriptions(ctx: VolumeContext, positions: list[Position]) -> None:
    rng = ctx.rng
    rows, trails = [], []
    author = _hr_user()
    for position in positions:
        versions = rng.choices((1, 2, 3), weights=(6, 3, 1))[0]
        approved_on = ctx.random_date(ctx.start, ctx.start + datetime.timedelta(days=365))
        education, experience, training, skills = QUALIFICATIONS[position.category]
        for version in range(1, versions + 1):
            is_last = version == versions
            status = JobDescription.Status.APPROVED
            if is_last and version > 1 and rng.random() < 0.15:
                status = rng.choice((JobDescription.Status.PENDING, JobDescription.Status.DRAFT))
            duties = ["支持公司质量方针", *rng.sample(DUTIES[position.category], k=3)]
            if position.is_special:
                duties.append("持有效特种作业证书上岗，按期复审")
            jd = JobDescription(
                position=position,
                version=version,
                duties="\n".join(duties),
                education=education,
                experience=experience,
                required_training=training,
                skills=skills,
                status=status,
                approved_at=_aware(approved_on) if status == JobDescription.Status.APPROVED else None,
            )
            rows.append(jd)
            if author is not None and status != JobDescription.Status.DRAFT:
                submitted = _aware(approved_on - datetime.timedelta(days=rng.randint(2, 10)))
                trails.append(
                    Trail(
                        subject=jd,
                        applicant=author,
                        department_id=position.department_id,
                        submitted_at=submitted,
                        finished_at=jd.approved_at,
                    )
                )
            approved_on = ctx.random_date(approved_on + datetime.timedelta(days=180), ctx.today)
    ctx.bulk_create(JobDescription, rows)
    # Each version went through the position/JD flow; the pending ones still wait for their first approver.
    bulk_trails(
        ctx, [trail for trail in trails if trail.finished_at or trail.subject.status == JobDescription.Status.PENDING]
    )


def _hr_user():
    User = get_user_model()
    return (
        User.objects.filter(groups__name=roles.HR, is_active=True).order_by("pk").first()
        or User.objects.filter(is_superuser=True).order_by("pk").first()
    )


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def generate(ctx: VolumeContext) -> None:
    if Department.objects.filter(code__startswith=CODE_PREFIX).exists():
        raise CommandError("Volume data is already present: run seed_volume on a fresh database.")
    if not Company.objects.exists():
        Company.objects.create(name="XX汽车零部件有限公司", short_name="XX", address="江苏省苏州市工业园区")
    created, _tops, weights = _make_departments(ctx)
    ctx.counts["org.Department"] += len(created)
    # In catalogue order, never by id or path: ids differ between databases, the data must not.
    by_pk = Department.objects.select_related("head", "manager").in_bulk(list(weights))
    departments = [by_pk[pk] for pk in weights]
    positions = _make_positions(ctx, departments, weights)
    _make_job_descriptions(ctx, positions)
    ctx.made["org.departments"] = departments
    ctx.made["org.created_departments"] = created
    ctx.made["org.positions"] = positions
    ctx.log(f"org: {len(created)} departments, {len(positions)} positions")
