"""Reads of the approval engine. `ChainEntry`, `pending_count_for` and `chain_for` are the contract other
apps code against (navbar badge, object pages, PDF signature blocks)."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles

from .models import (
    ApproverRole,
    Decision,
    DecisionKind,
    Delegation,
    Request,
    RequestStatus,
    RequestStep,
    RequestStepStatus,
)


@dataclass(frozen=True)
class ChainEntry:
    """One line of an object's approval chain, as shown on its page and printed as its signature block."""

    step_name: str
    approver_name: str
    decision_label: str
    decided_at: datetime | None
    comment: str
    # done | pending | waiting | skipped — for styling; empty for the applicant's own lines.
    state: str = ""


def _name(user) -> str:
    return str(user) if user is not None else ""


def _delegators(user) -> QuerySet:
    """Who delegated their approvals to the user today (a subquery of user ids)."""
    return Delegation.objects.active_on(timezone.localdate()).filter(to_user=user).order_by().values("from_user")


def _actionable_filter(user) -> Q:
    """Pending steps assigned to the user, to someone who delegated to them today, or (GM) any VP step.

    One `assigned_to IN (the user UNION today's delegators)` rather than `assigned_to = user OR assigned_to IN
    (delegators)`: PostgreSQL cannot use an index for that OR and filters every pending step of the company,
    while the IN looks the user's steps up in approval_step_pending_idx (status, assigned_to). The navbar badge
    runs this on every page.
    """
    approvers = _delegators(user).union(get_user_model().objects.filter(pk=user.pk).values("pk"))
    q = Q(assigned_to__in=approvers)
    if roles.GM in user.role_names:
        q |= Q(role=ApproverRole.VP)
    return q


def pending_steps_for(user) -> QuerySet[RequestStep]:
    """The steps waiting for this user's decision (their own and those of whom they are delegate today)."""
    if not user.is_authenticated:
        return RequestStep.objects.none()
    return (
        RequestStep.objects.filter(status=RequestStepStatus.PENDING, request__status=RequestStatus.PENDING)
        .filter(_actionable_filter(user))
        .select_related("request__applicant", "request__department", "request__flow", "assigned_to")
        .order_by("activated_at", "pk")
    )


def pending_count_for(user) -> int:
    """The navbar badge: one COUNT query (plus the user's roles, read once per request)."""
    if not user.is_authenticated:
        return 0
    return (
        RequestStep.objects.filter(status=RequestStepStatus.PENDING, request__status=RequestStatus.PENDING)
        .filter(_actionable_filter(user))
        .count()
    )


def requests_of(user) -> QuerySet[Request]:
    """The user's own requests, newest first."""
    return Request.objects.filter(applicant=user).select_related("flow", "department").order_by("-submitted_at", "-pk")


def requests_visible_to(user) -> QuerySet[Request]:
    """Requests a user may open: their own, those they are or were an approver of (or delegate for), all for
    administrators."""
    qs = Request.objects.select_related("flow", "department", "applicant")
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    # One EXISTS per way in: PostgreSQL checks a single request (the detail page) by its own steps, and a whole
    # list (recruitment's scoping) with one hashed look-up each. The user's own steps are a separate EXISTS so
    # that look-up reads them by the assigned_to index instead of joining every step of the company to the
    # delegation subquery (on the volume data 0.7 ms instead of 5.7 ms, in each of a list's queries).
    steps = RequestStep.objects.filter(request=OuterRef("pk"))
    own = steps.filter(assigned_to=user)
    delegated = steps.filter(assigned_to__in=_delegators(user))
    decided = Decision.objects.filter(request=OuterRef("pk"), by=user)
    q = Q(applicant=user) | Exists(own) | Exists(delegated) | Exists(decided)
    if roles.GM in user.role_names:
        q |= Exists(steps.filter(role=ApproverRole.VP))
    return qs.filter(q)


def latest_request_for(obj) -> Request | None:
    content_type = ContentType.objects.get_for_model(obj)
    return (
        Request.objects.filter(content_type=content_type, object_id=obj.pk)
        .select_related("flow", "applicant")
        .order_by("-submitted_at", "-pk")
        .first()
    )


def chain_entries(request: Request) -> list[ChainEntry]:
    """The request's whole history, round by round: who applied, each step's decision or who is next."""
    steps = list(request.steps.select_related("assigned_to").order_by("round", "index"))
    decisions = list(request.decisions.select_related("by", "on_behalf_of").order_by("created_at", "pk"))
    by_step = {d.request_step_id: d for d in decisions if d.request_step_id}
    own = [d for d in decisions if d.request_step_id is None]
    rounds = sorted({s.round for s in steps} | {1})
    applicant_label = _("Applicant")
    entries: list[ChainEntry] = []
    own_iter = iter(d for d in own if d.decision in (DecisionKind.SUBMIT, DecisionKind.RESUBMIT))
    for number in rounds:
        start = next(own_iter, None)
        if start is not None:
            entries.append(
                ChainEntry(
                    applicant_label, _name(start.by), start.get_decision_display(), start.created_at, start.comment
                )
            )
        for step in (s for s in steps if s.round == number):
            decision = by_step.get(step.pk)
            if decision is not None:
                approver = _name(decision.by)
                if decision.on_behalf_of_id:
                    approver = _("%(by)s for %(for)s") % {"by": approver, "for": _name(decision.on_behalf_of)}
                comment = " ".join(filter(None, [step.reason, decision.comment]))
                entries.append(
                    ChainEntry(
                        step.display_name,
                        approver,
                        decision.get_decision_display(),
                        decision.created_at,
                        comment,
                        "done",
                    )
                )
            elif step.status == RequestStepStatus.SKIPPED:
                entries.append(
                    ChainEntry(step.display_name, _name(step.assigned_to), _("Skipped"), None, step.reason, "skipped")
                )
            elif step.status in (RequestStepStatus.PENDING, RequestStepStatus.WAITING):
                state = "pending" if step.status == RequestStepStatus.PENDING else "waiting"
                label = _("Pending") if state == "pending" else _("Waiting")
                entries.append(ChainEntry(step.display_name, _name(step.assigned_to), label, None, step.reason, state))
    for withdrawal in (d for d in own if d.decision == DecisionKind.WITHDRAW):
        entries.append(
            ChainEntry(
                applicant_label,
                _name(withdrawal.by),
                withdrawal.get_decision_display(),
                withdrawal.created_at,
                withdrawal.comment,
            )
        )
    return entries


def chain_for(obj) -> list[ChainEntry]:
    """The approval chain of an object's latest request (steps done and pending); [] if it never had one."""
    if obj is None or obj.pk is None:
        return []
    request = latest_request_for(obj)
    return chain_entries(request) if request is not None else []
