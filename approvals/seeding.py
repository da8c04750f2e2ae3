"""Approval trails for volume data: what `request_submit` and `request_decide` would have left behind, in bulk.

Each app's `volume.py` calls `bulk_trails(ctx, trails)` for the subjects it generated (requisitions, offers,
conversions, job descriptions…). The chain is the engine's own (`services.plan_steps` with the subject's
registered process adapter), and so are the notices' texts, so the volume shows what the live engine would have
written; only the clock is simulated. Every trail writes the request, its steps, the decisions (submit, then one
per decided step) and the notifications the engine sends (one to each approver when their step opens, one to
the applicant at the end), read once decided. A trail with `finished_at=None` stays pending at its first step,
with that approver's notification unread.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models

from core.seeding import VolumeContext
from org.models import Department

from . import kinds
from .models import (
    STEP_STATUS_AFTER,
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
from .services import Resolver, decided_notice_title, plan_steps, step_waiting_notice


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
    applicants = get_user_model().objects.in_bulk({trail.applicant.pk for trail in trails})
    resolvers: dict[tuple[int, int | None], Resolver] = {}
    group_members: dict = {}  # shared by all resolvers: each role group is read once
    planned = []  # (request, its unsaved steps, trail)
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
            resolvers[key] = Resolver(
                applicant=trail.applicant,
                department=departments.get(department_id),
                departments=departments,
                group_members=group_members,
            )
        request = Request(
            content_type=ContentType.objects.get_for_model(subject),
            object_id=subject.pk,
            subject_label=(trail.label or str(subject))[:255],
            subject_url=subject.get_absolute_url() if hasattr(subject, "get_absolute_url") else "",
            flow=flow,
            applicant=applicants[trail.applicant.pk],
            department_id=department_id,
            status=RequestStatus.PENDING,
            submitted_at=trail.submitted_at,
        )
        flow_steps = sorted(flow.steps.all(), key=lambda step: (step.order, step.pk))
        steps = plan_steps(
            request=request, flow_steps=flow_steps, subject=subject, adapter=adapter, resolver=resolvers[key]
        )
        if any(step.status != RequestStepStatus.SKIPPED for step in steps):
            planned.append((request, steps, trail))

    step_rows: list[RequestStep] = []
    decisions: list[tuple[RequestStep | None, Decision]] = []
    notifications: list[tuple[Notification, RequestStep | Request, datetime.datetime]] = []  # (row, link target, at)
    for request, steps, trail in planned:
        submitted = Decision(
            request=request, by=request.applicant, decision=DecisionKind.SUBMIT, created_at=request.submitted_at
        )
        decisions.append((None, submitted))
        step_rows += steps
        live = [step for step in steps if step.status != RequestStepStatus.SKIPPED]
        if trail.finished_at is None:
            live = live[:1]  # still waiting for the first approver
        # Decided steps are spread evenly between submission and the end.
        span = (trail.finished_at - trail.submitted_at) if trail.finished_at else datetime.timedelta(0)
        opened_at = request.submitted_at
        for position, step in enumerate(live, start=1):
            request.current_step = step.index
            step.activated_at = opened_at
            if trail.finished_at is None:
                step.status = RequestStepStatus.PENDING
            else:
                step.decided_at = trail.submitted_at + span * position / len(live)
                decision = DecisionKind.APPROVE
                if trail.rejected and position == len(live):
                    decision = DecisionKind.REJECT
                elif step.kind == StepKind.ACKNOWLEDGEMENT:
                    decision = DecisionKind.ACKNOWLEDGE
                step.status = STEP_STATUS_AFTER[decision]
                decisions.append(
                    (
                        step,
                        Decision(request=request, by=step.assigned_to, decision=decision, created_at=step.decided_at),
                    )
                )
            title, body = step_waiting_notice(request, step)
            notice = Notification(
                recipient=step.assigned_to, kind=kinds.STEP_WAITING, title=title, body=body, read_at=step.decided_at
            )
            notifications.append((notice, step, opened_at))
            opened_at = step.decided_at or opened_at
        if trail.finished_at is not None:
            request.status = RequestStatus.REJECTED if trail.rejected else RequestStatus.APPROVED
            request.finished_at = trail.finished_at
            notice = Notification(
                recipient=request.applicant,
                kind=kinds.DECIDED,
                title=decided_notice_title(request),
                read_at=trail.finished_at + datetime.timedelta(hours=2),
            )
            notifications.append((notice, request, trail.finished_at))

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
