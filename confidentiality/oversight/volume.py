"""Volume data of oversight for `manage.py seed_volume`: years of history of a company this size.

Per simulated year: the two holiday inspections and about four spot checks (three to six departments each, two to
four corrective actions, all closed but those of the last months), about fifty classified meetings among the cleared
logins (numbered handouts to every attendee, collected back but in recent meetings now and then), a dozen leak
reports (most decided, a few with a penalty within the ranges), and a register of removable media with their issue
history. Written with bulk_create, a constant number of queries per batch.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from core import roles
from core.security import SecrecyLevel
from core.seeding import VolumeContext
from org.models import Department

from .holidays import long_holidays
from .models import (
    VENUE_CHECKLIST,
    Attendee,
    CorrectiveAction,
    Handout,
    Incident,
    Inspection,
    Medium,
    MediumLoan,
    Meeting,
    Responsibility,
    VenueCheck,
)

SUBJECTS = ("报价策略会", "新品配置评审", "年度预算审议", "供应商定价谈判准备", "模具开发方案评审", "人事调整研究会")
FINDINGS = ("文件柜未上锁", "电脑未设屏保密码", "涉密文件散放桌面", "U盘未登记", "废弃文件未粉碎", "打印件遗留打印机")
LEAKS = ("报价单误发客户", "配置表在公共场所谈论", "图纸拍照外传", "U盘遗失", "客户名单外泄")
MEETINGS_PER_YEAR = 50
SPOT_CHECKS_PER_YEAR = 4
INCIDENTS_PER_YEAR = 12


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def generate(ctx: VolumeContext) -> None:
    rng = ctx.rng
    users = list(get_user_model().objects.filter(is_active=True).order_by("pk"))
    cleared = [u for u in users if u.clearance >= SecrecyLevel.SECRET]
    officer = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[roles.CONFIDENTIALITY_OFFICER, roles.RECORDS_KEEPER])
        .order_by("pk")
        .first()
    )
    departments = list(Department.objects.order_by("path"))
    if officer is None or len(cleared) < 2 or not departments:
        ctx.log("  oversight: no officer or cleared logins, skipped")
        return
    today = ctx.today
    _inspections(ctx, rng, officer, users, departments, today)
    _meetings(ctx, rng, cleared, today)
    _incidents(ctx, rng, officer, users, today)
    _media(ctx, rng, officer, cleared, departments, today)


def _inspections(ctx, rng, officer, users, departments, today) -> None:
    plans = []
    for code, day in long_holidays():
        if ctx.start <= day - datetime.timedelta(days=7) <= today:
            plans.append((Inspection.Kind.HOLIDAY, code, day - datetime.timedelta(days=rng.randint(5, 14))))
    for year in range(ctx.start.year, today.year + 1):
        for _ in range(SPOT_CHECKS_PER_YEAR):
            day = ctx.random_date(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
            if ctx.start <= day <= today:
                plans.append((Inspection.Kind.SPOT, "", day))
    inspections = ctx.bulk_create(
        Inspection,
        [
            Inspection(
                kind=kind,
                holiday=holiday,
                planned_on=day,
                done_on=day,
                status=Inspection.Status.DONE,
                findings="；".join(rng.sample(FINDINGS, 2)),
                created_by=officer,
            )
            for kind, holiday, day in plans
        ],
    )
    through_d, through_i, actions = [], [], []
    for inspection in inspections:
        chosen = rng.sample(departments, min(len(departments), rng.randint(3, 6)))
        through_d += [Inspection.departments.through(inspection_id=inspection.pk, department_id=d.pk) for d in chosen]
        through_i.append(Inspection.inspectors.through(inspection_id=inspection.pk, user_id=officer.pk))
        for _ in range(rng.randint(2, 4)):
            due = inspection.planned_on + datetime.timedelta(days=rng.randint(7, 30))
            done = due < today - datetime.timedelta(days=30) or rng.random() < 0.5
            actions.append(
                CorrectiveAction(
                    inspection=inspection,
                    department=rng.choice(chosen),
                    finding=rng.choice(FINDINGS),
                    action="限期整改并复查",
                    owner=rng.choice(users),
                    due_on=due,
                    closed_on=min(due, today) if done else None,
                    closed_by=officer if done else None,
                    closure_note="已整改，复查合格" if done else "",
                )
            )
    ctx.bulk_create(Inspection.departments.through, through_d)
    ctx.bulk_create(Inspection.inspectors.through, through_i)
    ctx.bulk_create(CorrectiveAction, actions)
    open_ids = {a.inspection_id for a in actions if a.closed_on is None}
    Inspection.objects.filter(pk__in=[i.pk for i in inspections if i.pk not in open_ids]).update(
        status=Inspection.Status.CLOSED
    )
    # The next holiday's inspection, planned.
    upcoming = next(((code, day) for code, day in long_holidays() if day > today), None)
    if upcoming is not None:
        planned = ctx.bulk_create(
            Inspection,
            [
                Inspection(
                    kind=Inspection.Kind.HOLIDAY,
                    holiday=upcoming[0],
                    planned_on=upcoming[1] - datetime.timedelta(days=10),
                    created_by=officer,
                )
            ],
        )[0]
        ctx.bulk_create(
            Inspection.departments.through,
            [Inspection.departments.through(inspection_id=planned.pk, department_id=d.pk) for d in departments[:5]],
        )


def _last_numbers(model) -> dict[int, int]:
    """The last sequence number of each year already used (the demo's), so the volume's numbers follow them."""
    last: dict[int, int] = {}
    for number in model.objects.values_list("number", flat=True):
        _prefix, year, seq = number.split("-")
        last[int(year)] = max(last.get(int(year), 0), int(seq))
    return last


def _meetings(ctx, rng, cleared, today) -> None:
    seq = _last_numbers(Meeting)
    meetings = []
    days = (today - ctx.start).days
    for _ in range(MEETINGS_PER_YEAR * max(1, days // 365)):
        day = ctx.random_date(ctx.start, today + datetime.timedelta(days=14))
        organiser = rng.choice(cleared)
        level = rng.choice([lv for lv in (2, 2, 2, 3, 3, 4) if lv <= organiser.clearance])
        seq[day.year] = seq.get(day.year, 0) + 1
        past = day < today
        meetings.append(
            Meeting(
                number=f"BM-{day.year}-{seq[day.year]:04d}",
                title=rng.choice(SUBJECTS),
                level=level,
                organiser=organiser,
                starts_at=_at(day, rng.choice((9, 10, 14, 15))),
                venue=rng.choice(("一号会议室", "总经理办公室", "三楼小会议室")),
                status=Meeting.Status.CLOSED
                if day < today - datetime.timedelta(days=10)
                else (Meeting.Status.HELD if past else Meeting.Status.PLANNED),
                discipline_announced_at=_at(day) if past else None,
                discipline_announced_by=organiser if past else None,
                minutes="会议纪要（略）" if past else "",
                minutes_level=level if past else None,
                minutes_keeper=organiser if past else None,
            )
        )
    meetings = ctx.bulk_create(Meeting, meetings)
    attendees, handouts, checks = [], [], []
    before = [code for code, _label in VENUE_CHECKLIST[VenueCheck.Stage.BEFORE]]
    after = [code for code, _label in VENUE_CHECKLIST[VenueCheck.Stage.AFTER]]
    for meeting in meetings:
        pool = [u for u in cleared if u.clearance >= meeting.level and u.pk != meeting.organiser_id]
        people = [meeting.organiser, *rng.sample(pool, min(len(pool), rng.randint(2, 10)))]
        attendees += [Attendee(meeting=meeting, user=u, invited_by=meeting.organiser) for u in people]
        if meeting.status == Meeting.Status.PLANNED:
            continue
        checks.append(
            VenueCheck(meeting=meeting, stage="before", items=before, passed=True, checked_by=meeting.organiser)
        )
        if meeting.status == Meeting.Status.CLOSED:
            checks.append(
                VenueCheck(meeting=meeting, stage="after", items=after, passed=True, checked_by=meeting.organiser)
            )
        for number, user in enumerate(people, start=1):
            back = meeting.status == Meeting.Status.CLOSED or rng.random() < 0.8
            handouts.append(
                Handout(
                    meeting=meeting,
                    number=number,
                    material="会议材料",
                    recipient=user,
                    issued_by=meeting.organiser,
                    issued_at=meeting.starts_at,
                    collected_at=meeting.starts_at + datetime.timedelta(hours=2) if back else None,
                    collected_by=meeting.organiser if back else None,
                )
            )
    ctx.bulk_create(Attendee, attendees)
    ctx.bulk_create(VenueCheck, checks)
    ctx.bulk_create(Handout, handouts)


def _incidents(ctx, rng, officer, users, today) -> None:
    seq = _last_numbers(Incident)
    incidents = []
    days = (today - ctx.start).days
    for _ in range(INCIDENTS_PER_YEAR * max(1, days // 365)):
        day = ctx.random_date(ctx.start, today)
        seq[day.year] = seq.get(day.year, 0) + 1
        recent = day > today - datetime.timedelta(days=20)
        reported = _at(day, 11)
        incidents.append(
            Incident(
                number=f"XM-{day.year}-{seq[day.year]:04d}",
                reported_by=rng.choice(users),
                reported_at=reported,
                found_on=day,
                what=rng.choice(LEAKS),
                status=Incident.Status.REPORTED if recent else Incident.Status.CLOSED,
                level=None if recent else rng.choice((2, 2, 3)),
                investigation="" if recent else "已查明经过",
                remedial_actions="" if recent else "已收回并要求删除",
                decision_summary="" if recent else "按奖惩制度处理",
                decided_by=None if recent else officer,
                decided_at=None if recent else reported + datetime.timedelta(days=7),
                closed_at=None if recent else reported + datetime.timedelta(days=10),
            )
        )
    incidents = ctx.bulk_create(Incident, incidents)
    rows = []
    for incident in incidents:
        if incident.status != Incident.Status.CLOSED or rng.random() < 0.4:
            continue
        serious = rng.random() < 0.1
        rows.append(
            Responsibility(
                incident=incident,
                person=rng.choice(users),
                severity="serious" if serious else "minor",
                warning=not serious,
                penalty=Decimal(rng.choice((1000, 2000))) if serious else Decimal(rng.choice((50, 100, 200))),
                dismissal=serious,
                recorded_by=officer,
            )
        )
    ctx.bulk_create(Responsibility, rows)


def _media(ctx, rng, officer, cleared, departments, today) -> None:
    count = max(10, ctx.employees // 20)
    media = ctx.bulk_create(
        Medium,
        [
            Medium(
                serial=f"VOL-{'USB' if i % 3 else 'HDD'}-{i:05d}",
                kind="usb" if i % 3 else "disk",
                description="涉密存储介质",
                level=SecrecyLevel.SECRET,
                department=rng.choice(departments),
                custodian=officer,
            )
            for i in range(count)
        ],
    )
    loans, issued = [], []
    for medium in media:
        day = ctx.start
        while True:
            day = day + datetime.timedelta(days=rng.randint(20, 120))
            if day >= today:
                break
            back = day + datetime.timedelta(days=rng.randint(1, 10))
            out = back >= today
            loans.append(
                MediumLoan(
                    medium=medium,
                    holder=rng.choice(cleared),
                    purpose="工作需要",
                    issued_by=officer,
                    issued_at=_at(day),
                    due_back=back,
                    returned_at=None if out else _at(back, 17),
                    returned_to=None if out else officer,
                )
            )
            if out:
                issued.append(medium.pk)
                break
            day = back
    ctx.bulk_create(MediumLoan, loans)
    Medium.objects.filter(pk__in=issued).update(status=Medium.Status.ISSUED)
