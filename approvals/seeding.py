"""Approval trails for volume data: what `request_submit` and `request_decide` would have left behind, in bulk.

Each app's `volume.py` calls `bulk_trails(ctx, trails)` for the subjects it generated (requisitions, offers,
conversions, job descriptions…). The chain is resolved by the engine's own resolver, flow choice and
conditions (the subject's registered process adapter), so the volume shows the approvers the live engine would
pick; only the clock is simulated. Every trail writes the request, its steps, the decisions (submit, then one
per decided step) and the notifications the engine sends (one to each approver when their step opens, one to
the applicant at the end), read once decided. A trail with `finished_at=None` stays pending at its first step,
with that approver's notification unread.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext as _

from core.seeding import VolumeContext
from org.models import Department

from . import kinds
from .models import (
    Decision,
    DecisionKind,
    Flow,
    Request,
    RequestStatus,
    RequestStep,
    RequestStepStatus,
    StepKind,
)
from .registry import adapter_for
from .services import _Resolver

DECIDED_STATUS = {
    DecisionKind.APPROVE: RequestStepStatus.APPROVED,
    DecisionKind.ACKNOWLEDGE: RequestStepStatus.ACKNOWLEDGED,
    DecisionKind.REJECT: RequestStepStatus.REJECTED,
}


@dataclass
class Trail:
    subject: models.Model
    applicant: models.Model  # a User (only its pk is read)
    submitted_at: datetime.datetime
    finished_at: datetime.datetime | None  # None: still pending at the first step
    department_id: int | None = None  # the requesting department; default: the adapter's department_of
    rejected: bool = False  # the last step rejected instead of approving
    label: str = ""  # default: str(subject)


def bulk_trails(ctx: VolumeContext, trails: list[Trail]) -> list[Request]:
    """Write the approval history of `trails` with a handful of queries per flow, not per subject."""
    from notifications.models import Notification

    if not trails:
        return []
    flows = {flow.code: flow for flow in Flow.objects.filter(is_active=True).prefetch_related("steps__user")}
    departments = Department.objects.select_related("head__user", "manager__user").in_bulk()
    resolvers: dict[tuple[int, int | None], _Resolver] = {}
    group_members: dict = {}  # shared by all resolvers: each role group is read once
    content_types: dict[type, ContentType] = {}
    planned = []  # (request, [(step, resolved user or None, skipped, reason)], trail)
    for trail in trails:
        subject = trail.subject
        adapter = adapter_for(type(subject))
        flow = flows.get(adapter.flow_code_for(subject))
        if flow is None:
            continue
        department_id = trail.department_id
        if department_id is None:
            department = adapter.department_for(subject)
            department_id = department.pk if department is not None else None
        key = (trail.applicant.pk, department_id)
        if key not in resolvers:
            resolver = _Resolver(applicant=trail.applicant, department=departments.get(department_id))
            resolver._group_members = group_members
            if resolver.department is not None:
                ids = [int(part) for part in resolver.department.path.strip("/").split("/") if part]
                resolver._ancestors = [departments[i] for i in reversed(ids) if i in departments]
            resolvers[key] = resolver
        resolver = resolvers[key]
        content_type = content_types.get(type(subject))
        if content_type is None:
            content_type = content_types[type(subject)] = ContentType.objects.get_for_model(subject)
        steps, approvers = [], []
        for step in sorted(flow.steps.all(), key=lambda s: (s.order, s.pk)):
            if step.condition and not adapter.condition_holds(step.condition, subject):
                continue
            resolved = resolver.resolve(step)
            skipped, reason = resolved.skipped, resolved.reason
            if resolved.user is not None and approvers:
                if resolved.user.pk == approvers[-1] or (
                    step.skip_if_already_in_chain and resolved.user.pk in approvers
                ):
                    skipped = True
            if not skipped:
                approvers.append(resolved.user.pk)
            steps.append((step, resolved.user, skipped, reason[:255]))
        if not approvers:
            continue
        request = Request(
            content_type=content_type,
            object_id=subject.pk,
            subject_label=(trail.label or str(subject))[:255],
            subject_url=subject.get_absolute_url() if hasattr(subject, "get_absolute_url") else "",
            flow=flow,
            applicant_id=trail.applicant.pk,
            department_id=department_id,
            status=RequestStatus.PENDING,
            submitted_at=trail.submitted_at,
        )
        planned.append((request, steps, trail))

    applicants = get_user_model().objects.in_bulk({trail.applicant.pk for _request, _steps, trail in planned})
    step_rows: list[RequestStep] = []
    decisions: list[tuple[RequestStep | None, Decision]] = []
    notifications: list[tuple[Notification, RequestStep | Request, datetime.datetime]] = []  # (row, link target, at)
    for request, steps, trail in planned:
        decisions.append(
            (
                None,
                Decision(
                    request=request,
                    by_id=trail.applicant.pk,
                    decision=DecisionKind.SUBMIT,
                    created_at=request.submitted_at,
                ),
            )
        )
        live = [i for i, (_step, _user, skipped, _reason) in enumerate(steps) if not skipped]
        # Decided steps are spread evenly between submission and the end.
        span = (trail.finished_at - trail.submitted_at) if trail.finished_at else datetime.timedelta(0)
        opened_at = request.submitted_at
        for index, (step, user, skipped, reason) in enumerate(steps):
            row = RequestStep(
                request=request,
                index=index,
                step=step,
                name=step.name,
                role=step.role,
                kind=step.kind,
                assigned_to=user,
                reason=reason,
                status=RequestStepStatus.SKIPPED if skipped else RequestStepStatus.WAITING,
            )
            step_rows.append(row)
            if skipped:
                continue
            position = live.index(index)
            if trail.finished_at is None and position > 0:
                continue
            request.current_step = index
            row.activated_at = opened_at
            if trail.finished_at is None:
                row.status = RequestStepStatus.PENDING
            else:
                row.decided_at = trail.submitted_at + span * (position + 1) / len(live)
                decision = DecisionKind.APPROVE
                if trail.rejected and position == len(live) - 1:
                    decision = DecisionKind.REJECT
                elif step.kind == StepKind.ACKNOWLEDGEMENT:
                    decision = DecisionKind.ACKNOWLEDGE
                row.status = DECIDED_STATUS[decision]
                decisions.append(
                    (row, Decision(request=request, by_id=user.pk, decision=decision, created_at=row.decided_at))
                )
            title = _("Waiting for your approval: %(subject)s") % {"subject": request.subject_label}
            body = _("%(flow)s, step “%(step)s”, applied for by %(applicant)s.") % {
                "flow": request.flow.display_name,
                "step": row.display_name,
                "applicant": applicants.get(trail.applicant.pk, ""),
            }
            notifications.append(
                (
                    Notification(
                        recipient_id=user.pk, kind=kinds.STEP_WAITING, title=title, body=body, read_at=row.decided_at
                    ),
                    row,
                    opened_at,
                )
            )
            opened_at = row.decided_at or opened_at
        if trail.finished_at is not None:
            request.status = RequestStatus.REJECTED if trail.rejected else RequestStatus.APPROVED
            request.finished_at = trail.finished_at
            title = _("Your request “%(subject)s”: %(status)s") % {
                "subject": request.subject_label,
                "status": request.get_status_display(),
            }
            read_at = trail.finished_at + datetime.timedelta(hours=2)
            notifications.append(
                (
                    Notification(recipient_id=trail.applicant.pk, kind=kinds.DECIDED, title=title, read_at=read_at),
                    request,
                    trail.finished_at,
                )
            )

    requests = ctx.bulk_create(Request, [request for request, _steps, _trail in planned])
    ctx.bulk_create(RequestStep, step_rows)
    for step, decision in decisions:
        decision.request_step = step
    ctx.bulk_create(Decision, [decision for _step, decision in decisions])
    for notification, target, _at in notifications:
        notification.url = target.get_absolute_url()
    created = ctx.bulk_create(Notification, [notification for notification, _target, _at in notifications])
    # created_at is auto_now_add: the simulated clock is written afterwards.
    for notification, (_n, _target, at) in zip(created, notifications, strict=True):
        notification.created_at = at
    Notification.objects.bulk_update(created, ["created_at"], batch_size=ctx.batch_size)
    return requests
