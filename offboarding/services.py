"""Writes of offboarding. Each service checks its policy, validates (`full_clean`, the labour-law checks live in
`SeparationCase.clean` and `employees.labour_law`), runs in one transaction and records the case's history."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals import services as approvals
from approvals.selectors import latest_request_for
from employees import services as employee_services
from employees.labour_law import add_months, compensation
from employees.models import Employee, EmployeeStatus
from employees.signals import employee_separated

from . import classified, policies
from .models import (
    CaseEvent,
    CaseStatus,
    ExitInterview,
    HandoverItem,
    HandoverTemplateItem,
    Party,
    PostEmploymentTerms,
    SeparationCase,
    SeparationType,
)

FILE_TRANSFER_DAYS = 15  # art. 50: personnel file and social insurance transferred within 15 days


def _event(case: SeparationCase, action: str, by, comment: str = "") -> None:
    CaseEvent.objects.create(case=case, action=action, by=by, at=timezone.now(), comment=comment or "")


def _lock(case: SeparationCase) -> SeparationCase:
    return SeparationCase.objects.select_for_update(of=("self",)).select_related("employee").get(pk=case.pk)


def _has_open_case(employee: Employee) -> bool:
    return SeparationCase.objects.filter(
        employee=employee, status__in=[CaseStatus.NOTICE, CaseStatus.RETURNED, CaseStatus.CONFIRMED]
    ).exists()


def terms_of(employee: Employee) -> PostEmploymentTerms | None:
    return PostEmploymentTerms.objects.filter(employee=employee).first()


def _save_new(case: SeparationCase) -> SeparationCase:
    case.full_clean()
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        raise ValidationError(_("A separation is already in progress for this person."), code="open_case") from None
    return case


@transaction.atomic
def resignation_give(
    *,
    employee: Employee,
    by,
    reason: str,
    reason_text: str,
    requested_last_day: datetime.date,
    notice_on: datetime.date | None = None,
    on_paper: bool = False,
) -> SeparationCase:
    """The employee's written notice (员工离职申请表). The earliest last day follows art. 37 (30 days, 3 in
    probation, longer with an agreed 脱密期); an earlier requested day is recorded as agreed by the company. The
    chain acknowledges and confirms the day; it cannot refuse it. HR may enter a notice received on paper."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    open_case = _has_open_case(employee)
    if on_paper:
        policies.can_enter_on_paper(by, employee, has_open_case=open_case).enforce()
    else:
        policies.can_resign(by, employee, has_open_case=open_case).enforce()
    terms = terms_of(employee)
    case = SeparationCase(
        employee=employee,
        separation_type=SeparationType.RESIGNATION,
        status=CaseStatus.NOTICE,
        reason=reason,
        reason_text=reason_text,
        notice_on=notice_on or timezone.localdate(),
        requested_last_day=requested_last_day,
        in_probation=employee.status == EmployeeStatus.PROBATION,
        secrecy_notice_months=terms.secrecy_notice_months if terms else 0,
        on_paper=on_paper,
        created_by=by,
    )
    _save_new(case)
    _event(
        case,
        CaseEvent.Action.ENTERED_ON_PAPER if on_paper else CaseEvent.Action.NOTICE,
        by,
        reason_text,
    )
    # The employee is the applicant even when HR entered the paper notice: they alone may withdraw it.
    approvals.request_submit(subject=case, by=employee.user or by, comment=reason_text)
    return case


def _request_of(case: SeparationCase):
    request = latest_request_for(case)
    if request is None or not request.is_open:
        return None
    return request


def resignation_withdraw(*, case: SeparationCase, by, comment: str = "") -> SeparationCase:
    """The employee withdraws the notice before the company confirmed the last day (then it stands)."""
    with transaction.atomic():
        case = _lock(case)
        policies.can_withdraw(by, case).enforce()
        request = _request_of(case)
        if request is not None:
            # The engine calls on_withdrawn, which closes the case.
            approvals.request_withdraw(request=request, by=request.applicant, comment=comment)
        else:
            _close_withdrawn(case, by, comment)
        case.refresh_from_db()
        return case


def _close_withdrawn(case: SeparationCase, by, comment: str) -> None:
    case.status = CaseStatus.WITHDRAWN
    case.save(update_fields=["status"])
    _event(case, CaseEvent.Action.WITHDRAWN, by, comment)


def resignation_resubmit(
    *, case: SeparationCase, by, requested_last_day: datetime.date, comment: str = ""
) -> SeparationCase:
    with transaction.atomic():
        case = _lock(case)
        policies.can_resubmit(by, case).enforce()
        case.requested_last_day = requested_last_day
        case.earlier_by_agreement = bool(case.earliest_last_day and requested_last_day < case.earliest_last_day)
        case.full_clean()
        case.save(update_fields=["requested_last_day", "earlier_by_agreement"])
        request = latest_request_for(case)
        approvals.request_resubmit(request=request, by=request.applicant, comment=comment)
        return case


def _last_comment(request) -> str:
    decision = request.decisions.order_by("-created_at", "-pk").first()
    return decision.comment if decision else ""


def case_on_approved(case: SeparationCase, request, by) -> None:
    """The chain acknowledged and HR confirmed the day: the handover starts."""
    case = _lock(case)
    case.status = CaseStatus.CONFIRMED
    case.last_day = case.requested_last_day
    case.save(update_fields=["status", "last_day"])
    _event(case, CaseEvent.Action.CONFIRMED, by, _last_comment(request))
    handover_create(case=case)


def case_on_returned(case: SeparationCase, request, by) -> None:
    case = _lock(case)
    case.status = CaseStatus.RETURNED
    case.save(update_fields=["status"])
    _event(case, CaseEvent.Action.RETURNED, by, _last_comment(request))


def case_on_resubmitted(case: SeparationCase, request, by) -> None:
    case = _lock(case)
    case.status = CaseStatus.NOTICE
    case.save(update_fields=["status"])
    _event(case, CaseEvent.Action.RESUBMITTED, by, _last_comment(request))


def case_on_withdrawn(case: SeparationCase, request, by) -> None:
    case = _lock(case)
    _close_withdrawn(case, by, _last_comment(request))


def case_on_rejected(case: SeparationCase, request, by) -> None:
    """A resignation cannot be refused (art. 37): the flow's steps are acknowledgements. Should an administrator
    turn one into an approval and reject, the notice still stands: it is confirmed as given."""
    case_on_approved(case, request, by)


def separation_check(
    *,
    employee: Employee,
    separation_type: str,
    ground: str = "",
    decided_on: datetime.date,
    last_day: datetime.date,
    pay_in_lieu: bool = False,
    union_informed_on: datetime.date | None = None,
    monthly_wage: Decimal | None = None,
    by=None,
) -> SeparationCase:
    """The case as it would be decided, validated (raises ValidationError in plain words) and with the
    compensation computed — what the form shows before the decision. Nothing is saved."""
    case = SeparationCase(
        employee=employee,
        separation_type=separation_type,
        status=CaseStatus.CONFIRMED,
        ground=ground if separation_type == SeparationType.DISMISSAL else "",
        decided_on=decided_on,
        notice_on=decided_on,
        requested_last_day=last_day,
        last_day=last_day,
        pay_in_lieu=pay_in_lieu,
        union_informed_on=union_informed_on,
        monthly_wage=monthly_wage if monthly_wage is not None else employee.base_salary,
        in_probation=employee.status == EmployeeStatus.PROBATION,
        created_by=by,
    )
    if separation_type == SeparationType.RESIGNATION:
        raise ValidationError(
            {"separation_type": _("A resignation is the employee's notice: enter it as one.")}, code="resignation"
        )
    case.full_clean(exclude=["created_by"])
    if case.compensation_owed:
        if case.monthly_wage is None:
            raise ValidationError(
                {"monthly_wage": _("Give the monthly wage (average of the last 12 months) for the compensation.")},
                code="wage_required",
            )
        owed = compensation(hire=employee.hire_date, last_day=last_day, monthly_wage=case.monthly_wage)
        case.compensation_months = owed.months
        case.compensation_amount = owed.amount
        case.compensation_capped = owed.capped
    return case


@transaction.atomic
def separation_decide(
    *, employee: Employee, by, reason_text: str = "", union_note: str = "", **fields
) -> SeparationCase:
    """A separation the company decides (dismissal, probation not passed, not renewed, retirement, mutual
    agreement): the legal checks of arts. 40–43 first, the compensation of arts. 46–47 where owed."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    policies.can_decide_separation(by, employee, has_open_case=_has_open_case(employee)).enforce()
    case = separation_check(employee=employee, by=by, **fields)
    case.reason_text = reason_text
    case.union_note = union_note
    case.reason = ""
    _save_new(case)
    _event(case, CaseEvent.Action.DECIDED, by, reason_text)
    handover_create(case=case)
    return case


@transaction.atomic
def probation_termination_submit(
    *,
    employee: Employee,
    by,
    reason_text: str,
    last_day: datetime.date,
    union_informed_on: datetime.date | None,
    union_note: str = "",
    probation_start: datetime.date,
    probation_end: datetime.date,
) -> SeparationCase:
    """A termination in probation (试用期解除劳动合同审批表, LCL art. 39(1)): a separation case of the probation type,
    proposed by HR and decided through the "probation_termination" flow (department head → HR manager). The
    checks: a reason showing the employee does not meet the conditions of employment, the last day within the
    probation (`probation_start`–`probation_end`, from the onboarding case) and not before today, the trade union
    informed before (art. 43). Art. 42 does not protect against art. 39. On approval the case gets its last day
    and the handover starts (see probation_case_confirm)."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    policies.can_propose_probation_termination(by, employee, has_open_case=_has_open_case(employee)).enforce()
    today = timezone.localdate()
    errors: dict[str, list] = {}
    if not (reason_text or "").strip():
        errors["reason_text"] = [
            ValidationError(
                _("State how the employee did not meet the conditions of employment (不符合录用条件, art. 39(1))."),
                code="reason_missing",
            )
        ]
    if last_day is None or last_day < probation_start or last_day > probation_end:
        errors["requested_last_day"] = [
            ValidationError(
                _("The separation date must fall within the probation (%(start)s – %(end)s).")
                % {"start": f"{probation_start:%Y-%m-%d}", "end": f"{probation_end:%Y-%m-%d}"},
                code="separation_outside_probation",
            )
        ]
    if union_informed_on is not None and union_informed_on < probation_start:
        errors.setdefault("union_informed_on", []).append(
            ValidationError(_("The date must lie between the start date and today."), code="union_date_invalid")
        )
    case = SeparationCase(
        employee=employee,
        separation_type=SeparationType.PROBATION,
        status=CaseStatus.NOTICE,
        reason_text=(reason_text or "").strip(),
        decided_on=today,
        notice_on=today,
        requested_last_day=last_day or today,
        union_informed_on=union_informed_on,
        union_note=(union_note or "").strip(),
        in_probation=True,
        created_by=by,
    )
    try:
        case.full_clean()
    except ValidationError as error:
        for field, messages in error.error_dict.items():
            if field not in errors:
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    _save_new(case)
    _event(case, CaseEvent.Action.DECIDED, by, case.reason_text)
    approvals.request_submit(subject=case, by=by, comment=case.reason_text)
    return case


def probation_case_confirm(case: SeparationCase, request, by) -> SeparationCase:
    """The termination in probation was approved: the case gets its last day and the handover starts; the daily
    task separates the employee on that day and the certificate (离职证明) is issued."""
    case = _lock(case)
    case.status = CaseStatus.CONFIRMED
    case.last_day = case.requested_last_day
    case.save(update_fields=["status", "last_day"])
    _event(case, CaseEvent.Action.CONFIRMED, by, _last_comment(request))
    handover_create(case=case)
    return case


def probation_case_close(case: SeparationCase, request, by, *, status: str) -> SeparationCase:
    """Not approved (rejected or returned: HR proposes a new one if it still applies) or withdrawn."""
    case = _lock(case)
    case.status = status
    case.save(update_fields=["status"])
    action = CaseEvent.Action.WITHDRAWN if status == CaseStatus.WITHDRAWN else CaseEvent.Action.REJECTED
    _event(case, action, by, _last_comment(request))
    return case


def handover_create(*, case: SeparationCase) -> list[HandoverItem]:
    """The checklist from the template, plus one item per classified copy the person still holds."""
    if case.handover_items.exists():
        return list(case.handover_items.all())
    items = [
        HandoverItem(case=case, party=t.party, title=t.title, mandatory=t.mandatory, order=t.order)
        for t in HandoverTemplateItem.objects.filter(is_active=True)
    ]
    base = max((t.order for t in items), default=0) + 10
    for offset, copy in enumerate(classified.copies_held_by(case.employee.user)):
        items.append(
            HandoverItem(
                case=case,
                party=Party.RECORDS,
                title=_("Return classified copy: %(copy)s") % {"copy": classified.copy_label(copy)},
                mandatory=True,
                order=base + offset,
                copy_id=copy.pk,
            )
        )
    return HandoverItem.objects.bulk_create(items)


def handover_item_done(*, item: HandoverItem, by, note: str = "", handed_to: Employee | None = None) -> HandoverItem:
    """The responsible party ticks an item (who, when). The records keeper's tick checks the copy in."""
    with transaction.atomic():
        item = HandoverItem.objects.select_for_update(of=("self",)).select_related("case__employee").get(pk=item.pk)
        policies.can_tick(by, item).enforce()
        if item.party == Party.WORK and handed_to is None and item.handed_to_id is None:
            raise ValidationError({"handed_to": _("Say to whom the work was handed over.")}, code="handed_to_required")
        if handed_to is not None:
            item.handed_to = handed_to
        if item.copy_id:
            classified.return_copy(copy_id=item.copy_id, by=by)
        item.done_at = timezone.now()
        item.done_by = by
        item.note = note
        item.save(update_fields=["done_at", "done_by", "note", "handed_to"])
        _event(item.case, CaseEvent.Action.ITEM_DONE, by, item.title)
        return item


def open_mandatory_count(case: SeparationCase) -> int:
    return case.handover_items.filter(mandatory=True, done_at__isnull=True).count()


def case_complete(*, case: SeparationCase, by) -> SeparationCase:
    with transaction.atomic():
        case = _lock(case)
        verdict = policies.can_complete(by, case, open_mandatory=open_mandatory_count(case))
        if verdict.code == "handover_open":
            raise ValidationError(verdict.reason, code=verdict.code)
        verdict.enforce()
        case.status = CaseStatus.COMPLETED
        case.completed_at = timezone.now()
        case.save(update_fields=["status", "completed_at"])
        _event(case, CaseEvent.Action.COMPLETED, by)
        return case


def off_classified_record(*, case: SeparationCase, by, on: datetime.date, note: str) -> SeparationCase:
    """During the secrecy notice period (脱密期) the person is moved off classified work: record from when."""
    with transaction.atomic():
        case = _lock(case)
        policies.can_record_off_classified(by, case).enforce()
        if on < case.notice_on:
            raise ValidationError({"on": _("Not before the notice.")}, code="before_notice")
        case.off_classified_work_on = on
        case.off_classified_note = note
        case.save(update_fields=["off_classified_work_on", "off_classified_note"])
        _event(case, CaseEvent.Action.OFF_CLASSIFIED, by, note)
        return case


def exit_interview_record(*, case: SeparationCase, by, **fields) -> ExitInterview:
    with transaction.atomic():
        case = _lock(case)
        policies.can_record_interview(
            by, case, has_interview=ExitInterview.objects.filter(case=case).exists()
        ).enforce()
        interview = ExitInterview(case=case, interviewer=by, **fields)
        interview.full_clean()
        interview.save()
        _event(case, CaseEvent.Action.INTERVIEW, by, interview.comments)
        return interview


def _certificate_number(case: SeparationCase) -> str:
    return f"LZ{case.day:%Y}{case.pk:06d}"


def separate(*, case: SeparationCase, by=None) -> bool:
    """The last working day has come: the employee is separated (separation date = last day), the login is
    deactivated, the certificate is issued, the file transfer falls due and `employee_separated` goes out
    (access grants end, KPI sheets close). Idempotent: a separated case is left as it is."""
    with transaction.atomic():
        case = _lock(case)
        if case.status != CaseStatus.CONFIRMED:
            return False
        employee = Employee.objects.select_for_update().get(pk=case.employee_id)
        day = case.day
        if not employee.is_separated:
            employee_services.employee_update(
                employee=employee, by=by, status=EmployeeStatus.SEPARATED, separated_on=day
            )
        if employee.user_id:
            type(employee.user).objects.filter(pk=employee.user_id).update(is_active=False)
        case.status = CaseStatus.SEPARATED
        case.separated_at = timezone.now()
        case.certificate_number = _certificate_number(case)
        case.file_transfer_due = day + datetime.timedelta(days=FILE_TRANSFER_DAYS)
        case.save(update_fields=["status", "separated_at", "certificate_number", "file_transfer_due"])
        _event(case, CaseEvent.Action.SEPARATED, by)
        employee.refresh_from_db()
        employee_separated.send(sender=Employee, employee=employee, by=by, date=day)
        return True


def separations_due(today: datetime.date) -> list[SeparationCase]:
    """Every confirmed case whose last working day is today or past: separated now (the daily task)."""
    due = list(SeparationCase.objects.filter(status=CaseStatus.CONFIRMED, last_day__lte=today).order_by("pk"))
    return [case for case in due if separate(case=case)]


def file_transfer_record(*, case: SeparationCase, by, on: datetime.date) -> SeparationCase:
    with transaction.atomic():
        case = _lock(case)
        policies.can_record_transfer(by, case).enforce()
        if on > timezone.localdate():
            raise ValidationError({"on": _("The date cannot be in the future.")}, code="future")
        case.file_transferred_on = on
        case.save(update_fields=["file_transferred_on"])
        _event(case, CaseEvent.Action.FILE_TRANSFERRED, by)
        return case


def noncompete_decide(*, case: SeparationCase, by, decision: str, comment: str = "") -> SeparationCase:
    with transaction.atomic():
        case = _lock(case)
        terms = terms_of(case.employee)
        policies.can_decide_noncompete(by, case, has_noncompete=bool(terms and terms.noncompete)).enforce()
        case.noncompete_decision = decision
        if decision == "enforce":
            case.noncompete_end = add_months(case.day, terms.noncompete_months)
        case.full_clean(exclude=["created_by"])
        case.save(update_fields=["noncompete_decision", "noncompete_end"])
        _event(case, CaseEvent.Action.NONCOMPETE, by, comment or case.get_noncompete_decision_display())
        return case


def rehire_mark(*, case: SeparationCase, by, not_eligible: bool, note: str) -> SeparationCase:
    with transaction.atomic():
        case = _lock(case)
        policies.can_mark_rehire(by, case).enforce()
        if not_eligible and not note.strip():
            raise ValidationError({"note": _("Give the reason.")}, code="rehire_reason_required")
        case.not_eligible_for_rehire = not_eligible
        case.rehire_note = note if not_eligible else ""
        case.save(update_fields=["not_eligible_for_rehire", "rehire_note"])
        _event(case, CaseEvent.Action.REHIRE, by, note)
        return case
