"""Demo KPI review for `manage.py seed_demo` (after org, employees and accounts).

- KPI templates for the three position categories, and one of the stamping operator's post in two versions
  (the last quarter's sheets keep version 1);
- last quarter (2026年第三季度, production): every sheet walked through to locked, grades A–D, the result
  released; a low grade with its improvement plan (绩效改进计划) and one sheet with its consequences recorded;
- this quarter (2026年第四季度, whole company, self-assessment and peer feedback on): the demo `employee`
  waits for their self-assessment, prod_head has sheets to score, and one sheet in each later step
  (interview, acknowledgement, HR calibration); peer feedback asked of three colleagues, two answered;
- next month's cycle as a draft.

Everything goes through the services. Cycles are found by name, so a second run adds nothing.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from employees.models import Employee
from org.models import Department, Position, PositionCategory

from . import policies, services
from .models import Cycle, KpiTemplate, PeriodType, ScoringRule, Sheet, SheetStatus
from .services import IndicatorData

LAST = "2026年第三季度"
CURRENT = "2026年第四季度"
NEXT = "2027年1月"

D = Decimal
TEMPLATES = {
    PositionCategory.FRONTLINE: (
        "一线岗位KPI",
        [
            IndicatorData("产量达成率", 40, ScoringRule.LINEAR, "实际产量/计划产量", "%", D(100), D(80)),
            IndicatorData("产品不良率", 30, ScoringRule.LINEAR, "不良数/生产数", "%", D(1), D(5)),
            IndicatorData("安全事故", 10, ScoringRule.PASS_FAIL, "当期安全事故次数", "次", D(0), D(1)),
            IndicatorData("5S与纪律", 20, ScoringRule.MANUAL, "现场5S、劳动纪律（主管评分）"),
        ],
    ),
    PositionCategory.STAFF: (
        "职员岗位KPI",
        [
            IndicatorData("工作任务完成率", 50, ScoringRule.LINEAR, "按时完成任务数/计划任务数", "%", D(100), D(70)),
            IndicatorData("工作质量", 30, ScoringRule.MANUAL, "差错、返工情况（主管评分）"),
            IndicatorData("体系文件执行", 20, ScoringRule.PASS_FAIL, "内审不符合项", "项", D(0), D(1)),
        ],
    ),
    PositionCategory.MANAGER: (
        "经理级KPI",
        [
            IndicatorData("部门目标达成率", 50, ScoringRule.LINEAR, "部门年度目标分解达成", "%", D(100), D(70)),
            IndicatorData("团队稳定性", 20, ScoringRule.LINEAR, "员工流失率", "%", D(5), D(20)),
            IndicatorData("管理能力", 30, ScoringRule.MANUAL, "计划、组织、协调（上级评分）"),
        ],
    ),
}
STAMPING_V1 = [
    IndicatorData("冲压产量达成率", 40, ScoringRule.LINEAR, "实际冲次/计划冲次", "%", D(100), D(80)),
    IndicatorData("冲压件不良率", 30, ScoringRule.LINEAR, "不良件/生产件", "%", D(1), D(5)),
    IndicatorData("安全事故", 10, ScoringRule.PASS_FAIL, "当期安全事故次数", "次", D(0), D(1)),
    IndicatorData("5S与纪律", 20, ScoringRule.MANUAL, "现场5S、劳动纪律（主管评分）"),
]
STAMPING_V2 = [
    IndicatorData("冲压产量达成率", 35, ScoringRule.LINEAR, "实际冲次/计划冲次", "%", D(100), D(80)),
    IndicatorData("冲压件不良率", 30, ScoringRule.LINEAR, "不良件/生产件", "%", D(1), D(5)),
    IndicatorData("换模时间", 15, ScoringRule.LINEAR, "平均换模时间", "分钟", D(20), D(40)),
    IndicatorData("安全事故", 10, ScoringRule.PASS_FAIL, "当期安全事故次数", "次", D(0), D(1)),
    IndicatorData("5S与纪律", 10, ScoringRule.MANUAL, "现场5S、劳动纪律（主管评分）"),
]
# A level per demo sheet of last quarter, in turn: share of the way from floor to target, and the manual score.
LEVELS = [(D("1"), D("95")), (D("0.85"), D("85")), (D("0.7"), D("75")), (D("0.9"), D("90")), (D("0.3"), D("55"))]


def _values(sheet: Sheet, level: tuple[Decimal, Decimal]) -> dict:
    share, manual = level
    values = {}
    for item in sheet.items.all():
        if item.rule == ScoringRule.MANUAL:
            values[item.pk] = (None, manual, "")
        elif item.rule == ScoringRule.PASS_FAIL:
            values[item.pk] = (item.target if share >= D("0.5") else item.floor, None, "")
        else:
            values[item.pk] = ((item.floor + (item.target - item.floor) * share).quantize(D("0.01")), None, "")
    return values


def _walk(sheet: Sheet, head, hr, *, until: str, level, self_assessment: bool = True) -> Sheet:
    """Move a sheet through the steps up to (not including) `until`."""
    order = [
        SheetStatus.GOALS,
        SheetStatus.SELF,
        SheetStatus.SCORING,
        SheetStatus.INTERVIEW,
        SheetStatus.ACKNOWLEDGEMENT,
        SheetStatus.CALIBRATION,
        SheetStatus.LOCKED,
    ]
    target = order.index(until)
    user = sheet.employee.user
    if target > 0:
        sheet = services.sheet_agree_goals(sheet=sheet, by=head, comment="目标已与员工确认")
    if target > 1 and self_assessment:
        if user is None:  # a person without a login: the head records the self-assessment sheet handed in on paper
            Sheet.objects.filter(pk=sheet.pk).update(status=SheetStatus.SCORING)
        else:
            services.sheet_self_assess(sheet=sheet, by=user, values={}, comment="已按计划完成本期工作")
    if target > 2:
        services.sheet_score(sheet=sheet, by=head, values=_values(sheet, level), comment="依据月度统计数据评分")
    if target > 3:
        services.sheet_record_interview(sheet=sheet, by=head, notes="肯定成绩，指出不足，约定下期改进重点")
    if target > 4:
        if user is None:
            Sheet.objects.filter(pk=sheet.pk).update(status=SheetStatus.CALIBRATION)
        else:
            services.sheet_acknowledge(sheet=sheet, by=user, comment="已阅，认可")
    if target > 5:
        services.sheet_calibrate(sheet=sheet, by=hr, comment="部门分布合理")
    sheet.refresh_from_db()
    return sheet


def _templates(hr) -> None:
    for category, (name, rows) in TEMPLATES.items():
        if not KpiTemplate.objects.filter(position=None, category=category).exists():
            services.template_save(by=hr, name=name, category=category, indicators=rows)


def _stamping_template(hr, version: int):
    post = Position.objects.filter(code="PRD-ST-OP").first()
    if post is None:
        return None
    current = KpiTemplate.objects.filter(position=post, is_current=True).first()
    if current is None:
        current = services.template_save(by=hr, name="冲压操作工KPI", position=post, indicators=STAMPING_V1)
    if version == 2 and current.version == 1:
        current = services.template_save(
            by=hr, name="冲压操作工KPI", indicators=STAMPING_V2, previous=current, note="增加换模时间指标"
        )
    return current


def _cycle(hr, name, **fields) -> tuple[Cycle, bool]:
    cycle = Cycle.objects.filter(name=name).first()
    if cycle is not None:
        return cycle, False
    departments = fields.pop("departments", ())
    cycle = services.cycle_save(by=hr, cycle=Cycle(name=name, **fields), departments=departments)
    return cycle, True


def _last_quarter(hr, head, employee_user, production, today) -> None:
    start = datetime.date(today.year, 7, 1) if today.month > 9 else today - datetime.timedelta(days=150)
    cycle, new = _cycle(
        hr,
        LAST,
        period_type=PeriodType.QUARTERLY,
        start_date=start,
        end_date=start + datetime.timedelta(days=91),
        self_assessment=True,
        self_deadline=start + datetime.timedelta(days=95),
        scoring_deadline=start + datetime.timedelta(days=100),
        departments=[production],
    )
    if not new:
        return
    services.cycle_open(cycle=cycle, by=hr)
    sheets = list(cycle.sheets.select_related("employee__user", "department").order_by("employee__number"))
    low = None
    for n, sheet in enumerate(sheets):
        if not policies.can_agree_goals(head, sheet):  # their own, or the department's head/manager (GM's)
            continue
        level = LEVELS[n % len(LEVELS)]
        if sheet.employee.user_id == employee_user.pk:
            level = LEVELS[1]
        sheet = _walk(sheet, head, hr, until=SheetStatus.LOCKED, level=level)
        if sheet.final_grade in ("C", "D") and low is None:
            low = sheet
    for sheet in cycle.sheets.filter(status=SheetStatus.LOCKED)[:1]:
        services.sheet_record_consequences(sheet=sheet, by=hr, bonus="季度绩效奖金 100%", training="参加冲压安全复训")
    if low is not None:
        plan = services.plan_create(
            sheet=low,
            by=head,
            gap="产量达成率与不良率未达目标；换模操作不熟练",
            actions="1. 由班长带教两个月\n2. 参加冲压设备操作复训\n3. 每周复盘产量与不良数据",
            owner=head,
            due_date=today + datetime.timedelta(days=45),
        )
        services.plan_update(plan=plan, by=head, follow_up="第一个月：产量达成率提升至92%，不良率2.5%。")
    services.cycle_close(cycle=cycle, by=hr)


def _current_quarter(hr, head, employee_user, today) -> None:
    cycle, new = _cycle(
        hr,
        CURRENT,
        period_type=PeriodType.QUARTERLY,
        start_date=today - datetime.timedelta(days=60),
        end_date=today + datetime.timedelta(days=30),
        self_assessment=True,
        self_deadline=today + datetime.timedelta(days=2),
        scoring_deadline=today + datetime.timedelta(days=12),
        peer_feedback=True,
    )
    if not new:
        return
    services.cycle_open(cycle=cycle, by=hr)
    scope = Department.objects.filter(code="PRD").first()
    mine = cycle.sheets.filter(employee__user=employee_user).first()
    if mine is not None:  # the demo employee: goals agreed, their self-assessment waits
        _walk(mine, head, hr, until=SheetStatus.SELF, level=LEVELS[0])
    if scope is None:
        return
    team = [
        sheet
        for sheet in cycle.sheets.filter(department__path__startswith=scope.path, status=SheetStatus.GOALS)
        .exclude(employee__user__in=[head, employee_user])
        .select_related("employee__user", "department")
        .order_by("employee__number")
        if policies.can_agree_goals(head, sheet)
    ]
    steps = [
        SheetStatus.SCORING,
        SheetStatus.SCORING,
        SheetStatus.SCORING,
        SheetStatus.INTERVIEW,
        SheetStatus.ACKNOWLEDGEMENT,
        SheetStatus.CALIBRATION,
        SheetStatus.LOCKED,
    ]
    for n, (sheet, until) in enumerate(zip(team, steps, strict=False)):
        _walk(sheet, head, hr, until=until, level=LEVELS[(n + 2) % len(LEVELS)])
    if mine is not None:
        # Colleagues with a login (the demo has few in production: the head asks across departments).
        colleagues = list(
            Employee.objects.active()
            .filter(user__isnull=False, user__is_active=True)
            .exclude(user__in=[head, employee_user])
            .order_by("number")[:3]
        )
        if colleagues:
            services.peers_request(sheet=mine, by=head, reviewers=colleagues)
            for peer, (rating, text) in zip(
                mine.peers.select_related("reviewer"), [(4, "操作规范，积极配合"), (5, "乐于帮助新同事")], strict=False
            ):
                services.peer_answer(peer=peer, by=peer.reviewer.user, rating=rating, strengths=text)


def seed(*, stdout=None) -> None:
    User = get_user_model()
    hr = User.objects.filter(username="hr").first()
    head = User.objects.filter(username="prod_head").first()
    employee_user = User.objects.filter(username="employee").first()
    production = Department.objects.filter(code="PRD").first()
    if None in (hr, head, employee_user, production):
        return
    today = timezone.localdate()
    _templates(hr)
    _stamping_template(hr, version=1)
    _last_quarter(hr, head, employee_user, production, today)
    _stamping_template(hr, version=2)
    _current_quarter(hr, head, employee_user, today)
    _cycle(
        hr,
        NEXT,
        period_type=PeriodType.MONTHLY,
        start_date=today + datetime.timedelta(days=31),
        end_date=today + datetime.timedelta(days=60),
        self_assessment=False,
        scoring_deadline=today + datetime.timedelta(days=65),
    )
    if stdout is not None:
        stdout.write(f"  KPI review: {Sheet.objects.count()} sheets in {Cycle.objects.count()} cycles")
