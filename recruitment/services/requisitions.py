"""Headcount requisitions (人员增补申请表) and their recruitment plans (招聘计划)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from approvals import services as approvals
from approvals.selectors import latest_request_for
from org import services as org
from org.models import Position

from .. import policies
from ..models import CLOSED_STAGES, Event, Offer, PlanChannel, RecruitmentPlan, Requisition, Stage
from ..selectors import current_job_description, position_headcount
from ._common import record_event

Status = Requisition.Status
# Fields a requester may set; department follows from the position, the JD version from the position's current one.
EDITABLE_FIELDS = frozenset(
    {"position", "headcount", "reason", "employment_type", "desired_start_date", "requirements", "urgency", "remarks"}
)


def _lock(requisition: Requisition) -> Requisition:
    return (
        Requisition.objects.select_for_update(of=("self",))
        .select_related("position", "department")
        .get(pk=requisition.pk)
    )


def _apply_fields(requisition: Requisition, fields: dict) -> None:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"requisition fields cannot be set here: {sorted(unknown)}")
    if requisition.is_new_position and requisition.pk and "position" in fields:
        message = _("A new post's requisition keeps the position written with it.")
        raise ValidationError({"position": ValidationError(message, code="new_post_position_fixed")})
    for name, value in fields.items():
        setattr(requisition, name, value)
    position: Position = requisition.position
    requisition.department_id = position.department_id
    if requisition.is_new_position:
        # The proposed post stays inactive until approved with this requisition; it carries version 1 as a draft.
        requisition.reason = Requisition.Reason.NEW_POST
        requisition.job_description = position.job_descriptions.get(version=1)
        return
    if not position.is_active:
        message = _("This position is no longer active.")
        raise ValidationError({"position": ValidationError(message, code="position_inactive")})
    requisition.job_description = current_job_description(position)


def _save_new(requisition: Requisition, *, by) -> Requisition:
    requisition.full_clean(exclude=["number"])
    requisition.save()
    requisition.number = f"RQ{timezone.localdate():%Y}-{requisition.pk:05d}"
    requisition.save(update_fields=["number"])
    record_event(action=Event.Action.CREATED, by=by, requisition=requisition, to_state=requisition.status)
    return requisition


@transaction.atomic
def requisition_create(
    *, by, position: Position, headcount: int, reason: str, desired_start_date: datetime.date, **fields
) -> Requisition:
    """A draft requisition for a position; department and job-description version come from the position."""
    policies.can_create_requisition(by).enforce()
    requisition = Requisition(requested_by=by)
    _apply_fields(
        requisition,
        {
            "position": position,
            "headcount": headcount,
            "reason": reason,
            "desired_start_date": desired_start_date,
            **fields,
        },
    )
    return _save_new(requisition, by=by)


@transaction.atomic
def requisition_create_new_post(
    *,
    by,
    position_fields: dict,
    jd_fields: dict,
    headcount: int,
    desired_start_date: datetime.date,
    **fields,
) -> Requisition:
    """新增岗位: the requester writes the new position and its job description (岗位职位说明书) with the request.

    The position is created inactive with version 1 as a draft and no approval of its own: both are approved
    (or rejected) with the requisition, whose chain then holds the HR manager and the general manager.
    """
    fields.pop("reason", None)
    policies.can_create_requisition(by).enforce()
    position = org.position_propose(by=by, job_description=jd_fields, **position_fields)
    requisition = Requisition(requested_by=by, is_new_position=True)
    _apply_fields(
        requisition,
        {"position": position, "headcount": headcount, "desired_start_date": desired_start_date, **fields},
    )
    return _save_new(requisition, by=by)


@transaction.atomic
def requisition_update(
    *, requisition: Requisition, by, position_fields: dict | None = None, jd_fields: dict | None = None, **fields
) -> Requisition:
    """Change a draft or returned requisition; a new post's position and job description are changed with it."""
    requisition = _lock(requisition)
    policies.can_edit_requisition(by, requisition).enforce()
    if position_fields is not None or jd_fields is not None:
        if not requisition.is_new_position:
            raise ValidationError(
                _("Only a new post's requisition carries its position and job description."), code="not_new_post"
            )
        jd = requisition.job_description
        requisition.position = org.position_proposal_update(
            position=requisition.position,
            by=by,
            job_description=jd_fields if jd_fields is not None else {n: getattr(jd, n) for n in org.JD_FIELDS},
            **(position_fields or {}),
        )
    _apply_fields(requisition, fields)
    requisition.full_clean()
    requisition.save()
    record_event(action=Event.Action.UPDATED, by=by, requisition=requisition)
    return requisition


@transaction.atomic
def requisition_submit(*, requisition: Requisition, by, comment: str = "") -> Requisition:
    """Send a draft (or a returned requisition, as a new round) into its flow.

    The headcount situation is recorded as it stands now; a request beyond the authorised headcount is
    flagged, which adds the general manager to the chain (the flow's conditional step).
    """
    requisition = _lock(requisition)
    policies.can_submit_requisition(by, requisition).enforce()
    requisition.full_clean()
    headcount = position_headcount(requisition.position, exclude=requisition)
    requisition.authorised_at_submit = headcount.authorised
    requisition.filled_at_submit = headcount.filled
    requisition.requested_at_submit = headcount.requested
    requisition.over_headcount = headcount.exceeded_by(requisition.headcount) > 0
    was = requisition.status
    requisition.status = Status.IN_APPROVAL
    requisition.submitted_at = timezone.now()
    requisition.save()
    if requisition.is_new_position:
        org.job_description_on_resubmitted(requisition.job_description, None, by)
    action = Event.Action.RESUBMITTED if was == Status.RETURNED else Event.Action.SUBMITTED
    record_event(
        action=action, by=by, requisition=requisition, from_state=was, to_state=Status.IN_APPROVAL, comment=comment
    )
    if was == Status.RETURNED:
        approvals.request_resubmit(request=latest_request_for(requisition), by=by, comment=comment)
    else:
        approvals.request_submit(subject=requisition, by=by, comment=comment)
    requisition.refresh_from_db()
    return requisition


@transaction.atomic
def requisition_withdraw(*, requisition: Requisition, by, comment: str = "") -> Requisition:
    """The applicant takes the requisition back before the final decision; it becomes a draft again."""
    requisition = _lock(requisition)
    policies.can_withdraw_requisition(by, requisition).enforce()
    approvals.request_withdraw(request=latest_request_for(requisition), by=by, comment=comment)
    requisition.refresh_from_db()
    return requisition


@transaction.atomic
def requisition_cancel(*, requisition: Requisition, by, reason: str) -> Requisition:
    """Cancel a requisition nobody will be hired for any more; its open applications are closed."""
    reason = (reason or "").strip()
    if not reason:
        message = _("Please give the reason for cancelling.")
        raise ValidationError({"reason": ValidationError(message, code="reason_required")})
    requisition = _lock(requisition)
    policies.can_cancel_requisition(by, requisition).enforce()
    open_apps = list(requisition.applications.exclude(stage__in=CLOSED_STAGES).select_related("offer"))
    blocking = [
        a
        for a in open_apps
        if hasattr(a, "offer") and a.offer.status in (Offer.Status.IN_APPROVAL, Offer.Status.APPROVED)
    ]
    if blocking:
        raise ValidationError(
            ngettext(
                "%(n)s candidate is in hire approval or has an approved offer; settle that first.",
                "%(n)s candidates are in hire approval or have an approved offer; settle those first.",
                len(blocking),
            )
            % {"n": len(blocking)},
            code="hire_in_progress",
        )
    now = timezone.now()
    for application in open_apps:
        previous = application.stage
        application.stage = Stage.REJECTED
        application.stage_changed_at = now
        application.closed_reason = _("The requisition was cancelled: %(reason)s") % {"reason": reason}
        application.save(update_fields=["stage", "stage_changed_at", "closed_reason"])
        if hasattr(application, "offer"):
            application.offer.status = Offer.Status.WITHDRAWN
            application.offer.save(update_fields=["status"])
        record_event(
            action=Event.Action.MOVED,
            by=by,
            application=application,
            from_state=previous,
            to_state=Stage.REJECTED,
            comment=application.closed_reason,
            at=now,
        )
    was = requisition.status
    requisition.status = Status.CANCELLED
    requisition.closed_at = now
    requisition.save(update_fields=["status", "closed_at"])
    record_event(
        action=Event.Action.CANCELLED,
        by=by,
        requisition=requisition,
        from_state=was,
        to_state=Status.CANCELLED,
        comment=reason,
        at=now,
    )
    return requisition


def requisition_start_recruiting(*, requisition: Requisition, by) -> Requisition:
    """Approved → recruiting, once HR plans or takes the first application. Caller holds the row lock."""
    if requisition.status == Status.APPROVED:
        requisition.status = Status.RECRUITING
        requisition.save(update_fields=["status"])
        record_event(
            action=Event.Action.RECRUITING,
            by=by,
            requisition=requisition,
            from_state=Status.APPROVED,
            to_state=Status.RECRUITING,
        )
    return requisition


def requisition_count_hire(*, requisition: Requisition, by) -> Requisition:
    """One more person hired against the requisition; it closes as filled when all places are taken."""
    requisition = _lock(requisition)
    if requisition.status not in (Status.APPROVED, Status.RECRUITING):
        raise ValidationError(
            _("This requisition is not open for hiring (status: %(s)s).") % {"s": requisition.get_status_display()},
            code="requisition_not_open",
        )
    if requisition.filled_count >= requisition.headcount:
        raise ValidationError(_("Every place of this requisition is already filled."), code="requisition_full")
    requisition_start_recruiting(requisition=requisition, by=by)
    requisition.filled_count += 1
    record_event(
        action=Event.Action.HIRE_COUNTED,
        by=by,
        requisition=requisition,
        comment=f"{requisition.filled_count}/{requisition.headcount}",
    )
    if requisition.filled_count >= requisition.headcount:
        requisition.status = Status.FILLED
        requisition.closed_at = timezone.now()
        record_event(
            action=Event.Action.FILLED,
            by=by,
            requisition=requisition,
            from_state=Status.RECRUITING,
            to_state=Status.FILLED,
        )
    requisition.save(update_fields=["filled_count", "status", "closed_at"])
    return requisition


@transaction.atomic
def plan_save(
    *,
    requisition: Requisition,
    by,
    owner,
    start_date: datetime.date,
    end_date: datetime.date,
    budget: Decimal,
    notes: str = "",
    channels: list[dict],
) -> RecruitmentPlan:
    """Create or replace the plan of an approved requisition: its channels with their dates and costs."""
    requisition = _lock(requisition)
    policies.can_plan_requisition(by, requisition).enforce()
    if not channels:
        raise ValidationError(_("Choose at least one channel."), code="channels_required")
    seen = [c["channel"] for c in channels]
    if len(seen) != len(set(seen)):
        raise ValidationError(_("Each channel appears once in a plan."), code="channel_twice")
    plan = RecruitmentPlan.objects.filter(requisition=requisition).first() or RecruitmentPlan(requisition=requisition)
    plan.owner = owner
    plan.start_date = start_date
    plan.end_date = end_date
    plan.budget = budget
    plan.notes = notes
    plan.updated_by = by
    plan.full_clean()
    plan.save()
    rows = [PlanChannel(plan=plan, **channel) for channel in channels]
    for row in rows:
        row.full_clean(exclude=["plan"], validate_unique=False)
    plan.channels.all().delete()
    PlanChannel.objects.bulk_create(rows)
    record_event(
        action=Event.Action.PLAN_SAVED,
        by=by,
        requisition=requisition,
        comment=", ".join(str(r.get_channel_display()) for r in rows),
    )
    requisition_start_recruiting(requisition=requisition, by=by)
    return plan


# --- approval callbacks (registered in recruitment/approval_processes.py) --------------------------------


def _last_comment(request) -> str:
    decision = request.decisions.order_by("-created_at", "-pk").first()
    return decision.comment if decision else ""


def _after_decision(subject: Requisition, request, by, *, to: str, action: str) -> None:
    requisition = _lock(subject)
    was = requisition.status
    requisition.status = to
    if to == Status.APPROVED:
        requisition.approved_at = timezone.now()
    if to == Status.REJECTED:
        requisition.closed_at = timezone.now()
    requisition.save(update_fields=["status", "approved_at", "closed_at"])
    record_event(
        action=action, by=by, requisition=requisition, from_state=was, to_state=to, comment=_last_comment(request)
    )


def _carried_job_description(subject: Requisition, hook, request, by) -> None:
    """A new post's job description follows its requisition's decision (spec 03, new-position flow of 02)."""
    if subject.is_new_position:
        hook(subject.job_description, request, by)


def requisition_on_approved(subject, request, by) -> None:
    """Approved: a new post's job description becomes the approved, current version and the position active."""
    _after_decision(subject, request, by, to=Status.APPROVED, action=Event.Action.APPROVED)
    _carried_job_description(subject, org.job_description_on_approved, request, by)


def requisition_on_rejected(subject, request, by) -> None:
    _after_decision(subject, request, by, to=Status.REJECTED, action=Event.Action.REJECTED)
    _carried_job_description(subject, org.job_description_on_rejected, request, by)


def requisition_on_returned(subject, request, by) -> None:
    """Returned: a new post's job description is a draft again, edited with the requisition."""
    _after_decision(subject, request, by, to=Status.RETURNED, action=Event.Action.RETURNED)
    _carried_job_description(subject, org.job_description_on_back_to_draft, request, by)


def requisition_on_withdrawn(subject, request, by) -> None:
    _after_decision(subject, request, by, to=Status.DRAFT, action=Event.Action.WITHDRAWN)
    _carried_job_description(subject, org.job_description_on_back_to_draft, request, by)
