"""Reads of the approval engine. `ChainEntry`, `pending_count_for` and `chain_for` are the contract other
apps code against (navbar badge, object pages, PDF signature blocks)."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.security import MASK

from . import policies
from .models import (
    DecisionKind,
    Request,
    RequestStatus,
    RequestStep,
    RequestStepStatus,
)
from .registry import Secret, adapter_for, is_registered


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


def pending_steps_for(user) -> QuerySet[RequestStep]:
    """The steps waiting for this user's decision (their own and those of whom they are delegate today)."""
    if not user.is_authenticated:
        return RequestStep.objects.none()
    return (
        _actionable(user)
        .select_related("request__applicant", "request__department", "request__flow", "request__content_type")
        .select_related("assigned_to")
        .prefetch_related("request__people")
        .order_by("activated_at", "pk")
    )


def _actionable(user) -> QuerySet[RequestStep]:
    return (
        RequestStep.objects.filter(status=RequestStepStatus.PENDING, request__status=RequestStatus.PENDING)
        .filter(policies.actionable_filter(user))
        .exclude(request__applicant=user)
        .exclude(request__people=user)
    )


def pending_count_for(user) -> int:
    """The navbar badge: one COUNT query (plus the user's roles, read once per request)."""
    if not user.is_authenticated:
        return 0
    return _actionable(user).count()


def requests_of(user) -> QuerySet[Request]:
    """The user's own requests, newest first."""
    return Request.objects.filter(applicant=user).select_related("flow", "department").order_by("-submitted_at", "-pk")


def requests_visible_to(user) -> QuerySet[Request]:
    """Requests a user may open: their own, those they are or were an approver of (or delegate for), all for
    administrators."""
    qs = Request.objects.select_related("flow", "department", "applicant")
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(policies.visible_filter(user))


def steps_visible_to(user) -> QuerySet[RequestStep]:
    """Steps of the requests the user may open (the decision page's scope: 404 outside it)."""
    return RequestStep.objects.filter(request__in=requests_visible_to(user).values("pk")).select_related(
        "request__applicant", "request__department", "request__flow", "request__content_type", "assigned_to"
    )


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
                # Translators: 等待中 — a later step not reached yet (not 审批中, which reads as being decided now)
                label = _("Pending") if state == "pending" else pgettext("approval step", "Not reached yet")
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


def decision_context(request: Request, user) -> list[tuple[str, object, bool]]:
    """What the approver decides on (the process's `context`): (label, value, is a list) rows, secret HR data
    (salaries) masked for readers without clearance."""
    model = request.content_type.model_class()
    subject = request.subject
    if subject is None or model is None or not is_registered(model):
        return []
    rows = []
    for label, value in adapter_for(model).summary(subject).items():
        if isinstance(value, Secret):
            value = value.value if user.sees_secret_hr_data else MASK
        rows.append((label, value, isinstance(value, list | tuple)))
    return rows
