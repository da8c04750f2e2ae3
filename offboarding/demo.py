"""Demo separations for `manage.py seed_demo` (after employees, approvals, onboarding and confidentiality).

- the `employee` login has given notice (resignation waiting for the department head's acknowledgement);
- a production engineer with a login (`leaver`, not a demo login to try) has a confirmed resignation with a
  secrecy notice period and a non-compete, an open handover with a classified copy for the records keeper and
  an exit interview;
- company decisions: a dismissal under art. 40 with pay in lieu and compensation (confirmed), a contract not
  renewed and a mutual agreement (separated, certificate issued, file transfer due);
- a withdrawn resignation;
- the `former_staff` login is the separated person of a completed resignation (certificate printable by HR),
  marked not eligible for rehire; every other separated demo employee gets a completed case with an interview,
  so the turnover report has history.

Live cases go through the services; the history of people already separated is written as it would have ended.
Idempotent: a second run adds nothing.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from approvals.selectors import latest_request_for
from approvals.services import request_decide, request_withdraw
from core import roles
from core.security import SecrecyLevel
from employees.models import Employee, EmployeeStatus

from . import services
from .models import (
    CaseEvent,
    CaseStatus,
    ExitInterview,
    ExitReason,
    HandoverItem,
    HandoverTemplateItem,
    PostEmploymentTerms,
    SeparationCase,
    SeparationType,
    WouldRejoin,
)

COMMENTS = ["希望公司加强培训", "加班较多", "薪资有竞争力但晋升慢", "家庭原因回老家", "对直属主管有意见", ""]


def _acknowledge(case, upto: int) -> None:
    """Acknowledge the first `upto` steps of the case's request as their approvers."""
    request = latest_request_for(case)
    for _ in range(upto):
        if request is None or request.status != "pending":
            return
        step = request.steps.get(round=request.round, index=request.current_step)
        request = request_decide(request=request, by=step.assigned_to, decision="acknowledge", comment="已知悉")


def _active_in(code_prefix: str, exclude: set[int]) -> Employee | None:
    return (
        Employee.objects.filter(
            status=EmployeeStatus.REGULAR, position__code__startswith=code_prefix, user__isnull=True
        )
        .exclude(pk__in=exclude)
        .order_by("number")
        .first()
    )


def _leaver(hr, today) -> SeparationCase | None:
    """The demo login `leaver` (accounts.demo) becomes a 生产部 engineer who has given notice."""
    User = get_user_model()
    user = User.objects.filter(username="leaver").first()
    if user is not None and Employee.objects.filter(user=user).exists():
        return None
    employee = _active_in("PRD", set())
    if employee is None:
        return None
    if user is None:
        user = User.objects.create_user(username="leaver", password=None, clearance=SecrecyLevel.SECRET)
        from django.contrib.auth.models import Group

        user.groups.set(Group.objects.filter(name=roles.EMPLOYEE))
    user.last_name, user.first_name = employee.name[:1], employee.name[1:]
    user.save()
    employee.user = user
    employee.save(update_fields=["user"])
    PostEmploymentTerms.objects.create(
        employee=employee,
        secrecy_notice_months=1,
        noncompete=True,
        noncompete_basis="technical",
        noncompete_scope="汽车冲压件、焊装件的设计与制造，长三角地区",
        noncompete_months=12,
        noncompete_monthly_compensation=Decimal("3500"),
        agreed_on=employee.hire_date,
    )
    _classified_copy(user)
    case = services.resignation_give(
        employee=employee,
        by=user,
        reason=ExitReason.DEVELOPMENT,
        reason_text="获得外地一家主机厂的工艺岗位",
        requested_last_day=today + datetime.timedelta(days=35),
    )
    services.off_classified_record(case=case, by=hr, on=today, note="调至非涉密的现场改善项目")
    _acknowledge(case, 3)
    case.refresh_from_db()
    services.exit_interview_record(
        case=case,
        by=hr,
        held_on=today,
        main_reason=ExitReason.DEVELOPMENT,
        other_reasons="pay",
        would_rejoin=WouldRejoin.MAYBE,
        comments="希望公司提供更多技术晋升通道",
    )
    services.noncompete_decide(case=case, by=hr, decision="enforce")
    # Some items are already done; the records keeper's classified copy is still open.
    for item in case.handover_items.filter(party__in=["badge", "canteen"]):
        services.handover_item_done(item=item, by=hr, note="已收回")
    return case


def _classified_copy(user) -> None:
    """A secret drawing issued to the leaving engineer, so the handover lists it for the records keeper."""
    try:
        from confidentiality.models import Copy, CopyStatus, Document, DocumentStatus, Issue
    except ImportError:
        return
    keeper = get_user_model().objects.filter(username="records_keeper").first()
    department = user.employee.department
    if keeper is None:
        return
    document, created = Document.objects.get_or_create(
        number="MJ-DEMO-LZ-01",
        defaults={
            "title": "冲压模具工艺参数汇总表",
            "level": SecrecyLevel.SECRET,
            "owning_department": department,
            "status": DocumentStatus.CLASSIFIED,
            "declassify_on": timezone.localdate() + datetime.timedelta(days=730),
            "copies_count": 2,
            "registered_by": keeper,
        },
    )
    if not created:
        return
    held = Copy.objects.create(document=document, number=1, status=CopyStatus.ISSUED, holder=user)
    Copy.objects.create(document=document, number=2, status=CopyStatus.IN_STORE, custodian=keeper)
    Issue.objects.create(
        copy=held,
        document=document,
        recipient=user,
        issued_by=keeper,
        return_due=timezone.localdate() + datetime.timedelta(days=30),
    )


def _history(employee: Employee, *, hr, rng: random.Random, kind=SeparationType.RESIGNATION) -> SeparationCase:
    """A completed case for someone already separated: as it would have ended."""
    day = employee.separated_on or employee.hire_date
    notice = max(employee.hire_date, day - datetime.timedelta(days=30))
    now = timezone.now()
    case = SeparationCase.objects.create(
        employee=employee,
        separation_type=kind,
        status=CaseStatus.COMPLETED,
        reason=rng.choice(ExitReason.values) if kind == SeparationType.RESIGNATION else "",
        reason_text="个人原因",
        notice_on=notice,
        requested_last_day=day,
        earliest_last_day=notice + datetime.timedelta(days=30),
        last_day=day,
        separated_at=now,
        certificate_number=f"LZ{day:%Y}{employee.pk:06d}",
        file_transfer_due=day + datetime.timedelta(days=15),
        file_transferred_on=day + datetime.timedelta(days=rng.randint(3, 14)),
        completed_at=now,
        created_by=hr,
    )
    templates = list(HandoverTemplateItem.objects.filter(is_active=True))
    HandoverItem.objects.bulk_create(
        [
            HandoverItem(
                case=case, party=t.party, title=t.title, mandatory=t.mandatory, order=t.order, done_at=now, done_by=hr
            )
            for t in templates
        ]
    )
    ExitInterview.objects.create(
        case=case,
        held_on=day,
        main_reason=case.reason or ExitReason.PERSONAL,
        would_rejoin=rng.choice(WouldRejoin.values),
        comments=rng.choice(COMMENTS),
        interviewer=hr,
    )
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(case=case, action=CaseEvent.Action.NOTICE, by=hr, at=now, comment="历史记录"),
            CaseEvent(case=case, action=CaseEvent.Action.SEPARATED, by=None, at=now),
            CaseEvent(case=case, action=CaseEvent.Action.COMPLETED, by=hr, at=now),
        ]
    )
    return case


def _decided(employee, hr, today, **fields) -> SeparationCase:
    return services.separation_decide(employee=employee, by=hr, **fields)


def seed(*, stdout=None) -> None:
    User = get_user_model()
    hr = User.objects.filter(username="hr").first()
    # Onboarding's demo (seeded before) proposes a termination in probation: a probation case of its own.
    if hr is None or SeparationCase.objects.exclude(separation_type=SeparationType.PROBATION).exists():
        return
    today = timezone.localdate()
    rng = random.Random(22)

    # The `employee` login gives notice; the department head has yet to acknowledge.
    employee = Employee.objects.filter(user__username="employee").first()
    if employee is not None and not employee.is_separated:
        services.resignation_give(
            employee=employee,
            by=employee.user,
            reason=ExitReason.PAY,
            reason_text="外地工厂待遇更好，且离家近",
            requested_last_day=today + datetime.timedelta(days=30),
        )

    _leaver(hr, today)

    used: set[int] = set()
    # A dismissal with notice (art. 40) paid in lieu, compensation owed.
    person = _active_in("QA", used)
    if person is not None:
        used.add(person.pk)
        _decided(
            person,
            hr,
            today,
            separation_type=SeparationType.DISMISSAL,
            ground="art40",
            decided_on=today,
            last_day=today + datetime.timedelta(days=7),
            pay_in_lieu=True,
            union_informed_on=today - datetime.timedelta(days=2),
            monthly_wage=person.base_salary or Decimal("6000"),
            reason_text="经培训及调岗后仍不能胜任检验工作（第四十条第二项）",
            union_note="工会无异议",
        )
    # A contract not renewed and a mutual agreement: last day yesterday, separated by the daily step.
    for kind, prefix in ((SeparationType.NOT_RENEWED, "PRD"), (SeparationType.MUTUAL, "WH")):
        person = _active_in(prefix, used) or _active_in("", used)
        if person is None:
            continue
        used.add(person.pk)
        case = _decided(
            person,
            hr,
            today,
            separation_type=kind,
            decided_on=today - datetime.timedelta(days=31),
            last_day=today - datetime.timedelta(days=1),
            monthly_wage=person.base_salary or Decimal("6000"),
            reason_text="合同到期，公司不再续签" if kind == SeparationType.NOT_RENEWED else "双方协商一致解除",
        )
        services.separate(case=case)

    # A withdrawn resignation.
    person = _active_in("PRD", used)
    if person is not None and person.user_id is None:
        used.add(person.pk)
        case = services.resignation_give(
            employee=person,
            by=hr,
            reason=ExitReason.PERSONAL,
            reason_text="家中有事（书面申请）",
            requested_last_day=today + datetime.timedelta(days=30),
            on_paper=True,
        )
        # Withdrawn on paper too: HR, who entered it, withdraws it for the employee.
        request_withdraw(request=latest_request_for(case), by=hr, comment="员工书面撤回")

    # History: every separated demo employee has a completed case; former_staff is one of them.
    separated = list(
        Employee.objects.filter(status=EmployeeStatus.SEPARATED).exclude(separations__isnull=False).order_by("number")
    )
    former = User.objects.filter(username="former_staff").first()
    for index, person in enumerate(separated):
        kind = rng.choice([SeparationType.RESIGNATION] * 6 + [SeparationType.NOT_RENEWED, SeparationType.RETIREMENT])
        case = _history(person, hr=hr, rng=rng, kind=kind)
        if index == 0 and former is not None and not Employee.objects.filter(user=former).exists():
            person.user = former
            person.save(update_fields=["user"])
            case.not_eligible_for_rehire = True
            case.rehire_note = "离职前三个月多次旷工"
            case.save(update_fields=["not_eligible_for_rehire", "rehire_note"])
    if stdout is not None:
        stdout.write(f"  offboarding: {SeparationCase.objects.count()} separation cases")
