"""Demo approvals for `manage.py seed_demo`: one job-description revision waiting for the general manager and
one fully approved, both submitted by the demo HR user, and the HR manager's approvals handed to the general
manager for a week's leave next month (a delegate who can hold the step). Does nothing if the demo users or posts
are missing, and nothing on a second run."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from org.models import JobDescription, Position

from .models import ApproverRole, DecisionKind, Delegation, Request, RequestStatus
from .selectors import latest_request_for
from .services import delegation_create, request_decide

PREFERRED_POSITIONS = ("PRD-ST-OP", "QA-IN-INS", "HRA-HRS", "PUR-BUY")


def _positions(limit: int) -> list[Position]:
    qs = Position.objects.filter(is_active=True, job_descriptions__status=JobDescription.Status.APPROVED).distinct()
    chosen = list(qs.filter(code__in=PREFERRED_POSITIONS).order_by("code"))
    if len(chosen) < limit:
        chosen += list(qs.exclude(pk__in=[p.pk for p in chosen]).order_by("code")[: limit - len(chosen)])
    return chosen[:limit]


@transaction.atomic
def seed(*, stdout=None) -> None:
    from org.services import job_description_revise

    # The HR manager and GM steps are decided by whoever holds those roles (the demo users hr_manager and gm).
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["hr", "hr_manager", "gm"])}
    if len(users) < 3:
        if stdout is not None:
            stdout.write("  approvals: demo users hr / hr_manager / gm missing, skipped")
        return
    _seed_delegation(users["hr_manager"], users["gm"])
    jd_type = ContentType.objects.get_for_model(JobDescription)
    if Request.objects.filter(content_type=jd_type, applicant=users["hr"]).exists():
        return
    positions = _positions(2)
    if len(positions) < 2:
        return
    for position, final in zip(positions, (False, True), strict=True):
        current = position.job_descriptions.filter(status=JobDescription.Status.APPROVED).first()
        duties = current.duties + "\n" + "参与部门质量目标的分解与达成"
        jd = job_description_revise(
            position=position,
            by=users["hr"],
            comment="增加部门质量目标职责",
            duties=duties,
            education=current.education,
            experience=current.experience,
            required_training=current.required_training,
            skills=current.skills,
        )
        request = latest_request_for(jd)
        comments = {ApproverRole.HR_MANAGER: "同意，请总经理批准", ApproverRole.GM: "同意"}
        while request.status == RequestStatus.PENDING:
            step = request.steps.get(round=request.round, index=request.current_step)
            if step.role == ApproverRole.GM and not final:
                break
            request = request_decide(
                request=request,
                by=step.assigned_to,
                decision=DecisionKind.APPROVE,
                comment=comments.get(step.role, "同意"),
            )
    if stdout is not None:
        stdout.write("  approvals: 1 job description waiting for the GM, 1 approved")


def _seed_delegation(hr_manager, gm) -> None:
    if Delegation.objects.filter(from_user=hr_manager).exists():
        return
    start = timezone.localdate().replace(day=1) + datetime.timedelta(days=40)
    try:
        delegation_create(
            from_user=hr_manager,
            to_user=gm,
            start_date=start,
            end_date=start + datetime.timedelta(days=6),
            comment="年假期间由总经理代为审批",
        )
    except ValidationError:
        return  # the demo's general manager cannot hold the HR manager's steps (no clearance): no delegation
