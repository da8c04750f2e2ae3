"""Demo oversight for `manage.py seed_demo` (after accounts, org and employees).

- a demo login `security_officer` (保密员, role confidentiality_officer, top-secret clearance): none of the existing
  demo logins holds that role;
- three classified meetings: a secret one held yesterday by the production manager whose handouts are back but one
  (flagged, reminded), a confidential one planned next week by the general manager, and a closed top-secret one the
  records keeper (confidential clearance) does not see;
- the inspection before National Day with one corrective action overdue and one closed, and the inspection before
  Spring Festival planned;
- a decided leak incident (a warning and a 200-yuan penalty recorded, a reward to the reporter) and one just
  reported by the employee;
- removable media: a USB stick issued to the production manager, a disk overdue, one in store.

Everything goes through the services; each group is found by a natural key, so a second run adds nothing.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from core import roles
from core.security import SecrecyLevel
from org.models import Department

from . import services
from .holidays import long_holidays
from .models import Incident, Inspection, Medium, Meeting, RelayRule

OFFICER_USERNAME = "security_officer"
BEFORE = ["phones", "recording", "swept", "access", "equipment"]
AFTER = ["documents", "boards", "equipment"]


def _officer():
    user, _created = get_user_model().objects.get_or_create(username=OFFICER_USERNAME)
    if not user.last_name:  # accounts.demo names the login after the employee holding its post
        user.last_name, user.first_name = "周", "保密"
    user.email = f"{OFFICER_USERNAME}@example.com"
    user.password = make_password(settings.HRMS_DEMO_PASSWORD)
    user.clearance = SecrecyLevel.TOP_SECRET
    user.is_active = True
    user.save()
    user.groups.set(Group.objects.filter(name__in=[roles.CONFIDENTIALITY_OFFICER, roles.EMPLOYEE]))
    return user


def _meetings(u, departments, now) -> int:
    made = 0
    title = "新车型冲压件报价策略会"
    if not Meeting.objects.filter(title=title).exists():
        meeting = services.meeting_schedule(
            by=u["prod_manager"],
            title=title,
            level=SecrecyLevel.SECRET,
            starts_at=now - datetime.timedelta(days=1, hours=2),
            venue="生产部三楼小会议室",
            department=departments.get("PRD"),
            relay_rule=RelayRule.SCOPE,
            relay_scope="仅向本部门课长口头传达结论，不传达报价数字",
            attendees=[u["hr_manager"], u["records_keeper"]],
        )
        services.venue_check_record(meeting=meeting, by=u["records_keeper"], stage="before", items=BEFORE)
        services.meeting_open(meeting=meeting, by=u["prod_manager"])
        handouts = services.handouts_issue(
            meeting=meeting,
            by=u["records_keeper"],
            material="报价测算表（讨论稿）",
            recipients=[u["prod_manager"], u["hr_manager"], u["records_keeper"]],
        )
        for handout in handouts[::2]:  # the HR manager's copy is still out
            services.handout_collect(handout=handout, by=u["records_keeper"])
        services.minutes_record(
            meeting=meeting,
            by=u["prod_manager"],
            minutes="1. 报价按目标成本加成；2. 模具费分摊方案另议。",
            minutes_level=SecrecyLevel.CONFIDENTIAL,
            minutes_keeper=u["records_keeper"],
        )
        made += 1
    title = "年度投资计划预审会"
    if not Meeting.objects.filter(title=title).exists():
        services.meeting_schedule(
            by=u["gm"],
            title=title,
            level=SecrecyLevel.CONFIDENTIAL,
            starts_at=now + datetime.timedelta(days=6),
            venue="总经理办公室",
            department=departments.get("GMO"),
            attendees=[u["vp"], u["records_keeper"]],
        )
        made += 1
    title = "并购意向谈判准备会"
    if not Meeting.objects.filter(title=title).exists():
        meeting = services.meeting_schedule(
            by=u["gm"],
            title=title,
            level=SecrecyLevel.TOP_SECRET,
            starts_at=now - datetime.timedelta(days=20),
            venue="总经理办公室",
            department=departments.get("GMO"),
            attendees=[u["vp"]],
        )
        services.venue_check_record(meeting=meeting, by=u["gm"], stage="before", items=BEFORE)
        services.meeting_open(meeting=meeting, by=u["gm"])
        for handout in services.handouts_issue(
            meeting=meeting, by=u["gm"], material="谈判底线方案", recipients=[u["gm"], u["vp"]]
        ):
            services.handout_collect(handout=handout, by=u["gm"])
        services.venue_check_record(meeting=meeting, by=u["gm"], stage="after", items=AFTER)
        services.minutes_record(
            meeting=meeting,
            by=u["gm"],
            minutes="谈判底线与时间表（略）",
            minutes_level=SecrecyLevel.TOP_SECRET,
            minutes_keeper=u["gm"],
        )
        services.meeting_close(meeting=meeting, by=u["gm"])
        made += 1
    return made


def _inspections(u, officer, departments, today) -> int:
    made = 0
    national_day = datetime.date(today.year, 9, 24)
    if national_day > today:
        national_day = national_day.replace(year=today.year - 1)
    if not Inspection.objects.filter(kind=Inspection.Kind.HOLIDAY, planned_on=national_day).exists():
        inspection = services.inspection_plan(
            by=officer,
            kind=Inspection.Kind.HOLIDAY,
            holiday="national_day",
            planned_on=national_day,
            departments=[d for code, d in departments.items() if code in ("PRD", "RD", "SAL", "HRA")],
            inspectors=[officer, u["records_keeper"]],
        )
        services.inspection_record(
            inspection=inspection,
            by=officer,
            done_on=national_day,
            findings="研发部一台电脑未设屏保密码；销售部报价单散放桌面；生产部、人事行政部合格。",
        )
        services.action_add(
            inspection=inspection,
            by=officer,
            department=departments.get("SAL"),
            finding="报价单散放桌面",
            action="报价单入柜上锁，下班前清桌",
            owner=u["vp"],
            due_on=national_day + datetime.timedelta(days=14),
        )
        closed = services.action_add(
            inspection=inspection,
            by=officer,
            department=departments.get("RD"),
            finding="电脑未设屏保密码",
            action="全部研发电脑设置 5 分钟屏保密码",
            owner=u["records_keeper"],
            due_on=national_day + datetime.timedelta(days=7),
        )
        services.action_close(action=closed, by=u["records_keeper"], closure_note="已逐台设置并抽查")
        made += 1
    spring = next((day for code, day in long_holidays() if code == "spring_festival" and day > today), None)
    if spring is not None:
        planned = spring - datetime.timedelta(days=10)
        if not Inspection.objects.filter(kind=Inspection.Kind.HOLIDAY, planned_on=planned).exists():
            services.inspection_plan(
                by=officer,
                kind=Inspection.Kind.HOLIDAY,
                holiday="spring_festival",
                planned_on=planned,
                departments=[d for code, d in departments.items() if code in ("PRD", "FIN", "PUR", "QA")],
                inspectors=[officer, u["records_keeper"]],
            )
            made += 1
    return made


def _incidents(u, officer, today) -> int:
    made = 0
    what = "销售部业务员将含客户价格的报价单误发至另一客户邮箱。"
    if not Incident.objects.filter(what=what).exists():
        incident = services.incident_report(by=u["employee"], found_on=today - datetime.timedelta(days=30), what=what)
        services.incident_investigate(
            incident=incident,
            by=officer,
            level=SecrecyLevel.SECRET,
            investigation="邮件地址自动补全选错；对方已确认删除。",
            remedial_actions="致函对方要求删除并书面确认；关闭邮箱地址自动补全。",
            loss=Decimal("0"),
        )
        services.responsibility_record(
            incident=incident,
            by=officer,
            person=u["pmc"],
            severity="minor",
            warning=True,
            penalty=Decimal("200"),
            notes="已采取补救措施，未造成经济损失",
        )
        services.reward_record(
            incident=incident,
            by=officer,
            person=u["employee"],
            amount=Decimal("300"),
            reason="及时发现并报告",
            decided_on=today - datetime.timedelta(days=20),
        )
        services.incident_decide(
            incident=incident, by=officer, decision_summary="给予警告并处罚款 200 元（须经人力资源部确认法律依据）。"
        )
        made += 1
    what = "在食堂听到有人谈论新产品配置表的具体参数。"
    if not Incident.objects.filter(what=what).exists():
        services.incident_report(by=u["qa_head"], found_on=today - datetime.timedelta(days=1), what=what, how="午餐时")
        made += 1
    return made


def _media(u, departments, today) -> int:
    made = 0
    rows = (
        ("USB-2026-001", "usb", "工艺图纸U盘", SecrecyLevel.SECRET, "PRD", u["prod_manager"], 10),
        ("HDD-2026-001", "disk", "财务报表备份移动硬盘", SecrecyLevel.CONFIDENTIAL, "FIN", u["records_keeper"], -3),
        ("USB-2026-002", "usb", "人事档案U盘", SecrecyLevel.SECRET, "HRA", None, None),
    )
    for serial, kind, description, level, code, holder, due in rows:
        if Medium.objects.filter(serial=serial).exists() or code not in departments:
            continue
        medium = services.medium_register(
            by=u["records_keeper"],
            serial=serial,
            kind=kind,
            description=description,
            level=level,
            department=departments[code],
            custodian=u["records_keeper"],
        )
        if holder is not None:
            loan = services.medium_issue(
                medium=medium, by=u["records_keeper"], holder=holder, purpose="工作需要", due_back=today
            )
            loan.due_back = today + datetime.timedelta(days=due)
            loan.save(update_fields=["due_back"])  # the overdue one: as if issued weeks ago
        made += 1
    return made


def seed(*, stdout=None) -> None:
    names = ("gm", "vp", "records_keeper", "prod_manager", "hr_manager", "employee", "qa_head", "pmc")
    u = {user.username: user for user in get_user_model().objects.filter(username__in=names)}
    if len(u) != len(names):
        if stdout is not None:
            stdout.write("  oversight: demo users missing, skipped")
        return
    officer = _officer()
    departments = {
        d.code: d for d in Department.objects.filter(code__in=["GMO", "HRA", "FIN", "PRD", "QA", "RD", "SAL", "PUR"])
    }
    now = timezone.now()
    today = timezone.localdate()
    made = _meetings(u, departments, now)
    made += _inspections(u, officer, departments, today)
    made += _incidents(u, officer, today)
    made += _media(u, departments, today)
    if stdout is not None:
        stdout.write(f"  oversight: {made} groups (login {OFFICER_USERNAME}, 保密员)")
