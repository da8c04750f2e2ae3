"""Volume data for offboarding: a completed separation case for every employee employees.volume separated
inside the simulated history (type, reason, handover done, an exit interview for most, history), and about one in
a hundred current employees with a confirmed resignation whose handover is under way.
Uses ctx.made["employees.employees"]; writes in bulk with a constant number of queries per batch."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from approvals.seeding import Trail, bulk_trails
from core import roles
from core.seeding import VolumeContext
from onboarding.models import OnboardingCase, ProbationStatus

from .models import (
    CaseEvent,
    CaseStatus,
    ExitInterview,
    ExitReason,
    HandoverItem,
    HandoverTemplateItem,
    SeparationCase,
    SeparationType,
    WouldRejoin,
)

TYPES = [SeparationType.RESIGNATION] * 14 + [
    SeparationType.NOT_RENEWED,
    SeparationType.MUTUAL,
    SeparationType.DISMISSAL,
    SeparationType.RETIREMENT,
]


def _aware(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def generate(ctx: VolumeContext) -> None:
    rng = ctx.rng_for("offboarding")
    employees = ctx.made.get("employees.employees", [])
    if not employees:
        return
    User = get_user_model()
    hr = (
        User.objects.filter(groups__name=roles.HR, is_active=True).order_by("pk").first()
        or User.objects.filter(is_superuser=True).order_by("pk").first()
    )
    if hr is None:
        return
    today = ctx.today
    # Those onboarding.volume terminated in probation: their case is the termination in probation (试用不合格).
    terminated = set(
        OnboardingCase.objects.filter(
            probation_status=ProbationStatus.TERMINATED, employee_id__in=[e.pk for e in employees]
        ).values_list("employee_id", flat=True)
    )
    cases = []
    for e in employees:
        if e.separated_on is not None:
            day = e.separated_on
            kind = rng.choice(TYPES)
            in_probation = (day - e.hire_date).days < 90 and rng.random() < 0.5
            if in_probation:
                kind = rng.choice([SeparationType.RESIGNATION, SeparationType.PROBATION])
            if e.pk in terminated:
                kind, in_probation = SeparationType.PROBATION, True
            notice = max(e.hire_date, day - datetime.timedelta(days=3 if in_probation else 30))
            cases.append(
                SeparationCase(
                    employee=e,
                    separation_type=kind,
                    status=CaseStatus.COMPLETED,
                    reason=rng.choice(ExitReason.values) if kind == SeparationType.RESIGNATION else "",
                    notice_on=notice,
                    requested_last_day=day,
                    earliest_last_day=notice + datetime.timedelta(days=3 if in_probation else 30),
                    last_day=day,
                    in_probation=in_probation,
                    ground="art39" if kind == SeparationType.DISMISSAL else "",
                    reason_text="试用期内产品合格率未达到录用条件（不符合录用条件）"
                    if kind == SeparationType.PROBATION
                    else "",
                    union_informed_on=notice if kind in (SeparationType.PROBATION, SeparationType.DISMISSAL) else None,
                    decided_on=notice if kind != SeparationType.RESIGNATION else None,
                    separated_at=_aware(day, 18),
                    certificate_number=f"LZ{day:%Y}{e.pk:06d}",
                    file_transfer_due=day + datetime.timedelta(days=15),
                    file_transferred_on=day + datetime.timedelta(days=rng.randint(2, 14)),
                    completed_at=_aware(day + datetime.timedelta(days=rng.randint(0, 10)), 17),
                    created_by=hr,
                )
            )
        elif rng.random() < 0.01:
            notice = today - datetime.timedelta(days=rng.randint(1, 25))
            cases.append(
                SeparationCase(
                    employee=e,
                    separation_type=SeparationType.RESIGNATION,
                    status=CaseStatus.CONFIRMED,
                    reason=rng.choice(ExitReason.values),
                    notice_on=notice,
                    requested_last_day=notice + datetime.timedelta(days=30),
                    earliest_last_day=notice + datetime.timedelta(days=30),
                    last_day=notice + datetime.timedelta(days=30),
                    created_by=hr,
                )
            )
    cases = ctx.bulk_create(SeparationCase, cases)
    # Each termination in probation went through the probation_termination flow (department head → HR manager).
    bulk_trails(
        ctx,
        [
            Trail(
                subject=case,
                applicant=hr,
                department_id=case.employee.department_id,
                submitted_at=_aware(case.notice_on, 11),
                finished_at=_aware(case.notice_on + datetime.timedelta(days=1), 16),
            )
            for case in cases
            if case.employee_id in terminated
        ],
    )
    templates = list(HandoverTemplateItem.objects.filter(is_active=True))
    items, interviews, events = [], [], []
    for case in cases:
        done = case.status == CaseStatus.COMPLETED
        for t in templates:
            tick = done or rng.random() < 0.4
            items.append(
                HandoverItem(
                    case=case,
                    party=t.party,
                    title=t.title,
                    mandatory=t.mandatory,
                    order=t.order,
                    done_at=_aware(case.last_day, 15) if tick else None,
                    done_by=hr if tick else None,
                )
            )
        events.append(CaseEvent(case=case, action=CaseEvent.Action.NOTICE, by=hr, at=_aware(case.notice_on)))
        if done:
            events.append(CaseEvent(case=case, action=CaseEvent.Action.SEPARATED, by=None, at=case.separated_at))
            if rng.random() < 0.7:
                interviews.append(
                    ExitInterview(
                        case=case,
                        held_on=case.last_day,
                        main_reason=case.reason or rng.choice(ExitReason.values),
                        would_rejoin=rng.choice(WouldRejoin.values),
                        interviewer=hr,
                    )
                )
    ctx.bulk_create(HandoverItem, items)
    ctx.bulk_create(ExitInterview, interviews)
    ctx.bulk_create(CaseEvent, events)
    ctx.log(f"offboarding: {len(cases)} cases, {len(items)} handover items")
