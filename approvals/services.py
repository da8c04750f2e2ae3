"""Writes of the approval engine: submit, decide, return/resubmit, withdraw, delegate.

Every state change runs in one transaction, writes a Decision row (who, for whom, when, comment) and tells
the process through its adapter. Deciding locks the request row so one step is decided exactly once.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from org.models import Department

from . import kinds, policies
from .models import (
    OPEN_STATUSES,
    STEP_STATUS_AFTER,
    ApproverRole,
    Decision,
    DecisionKind,
    Delegation,
    Flow,
    Request,
    RequestStatus,
    RequestStep,
    RequestStepStatus,
    Step,
    StepKind,
)
from .registry import adapter_for

User = get_user_model()

# Roles held along the requesting department's line (Department.head / .manager), not by a role group.
LINE_ROLES = (ApproverRole.DEPT_HEAD, ApproverRole.DEPT_MANAGER)


# --- resolution -------------------------------------------------------------------------------------------


@dataclass
class _Resolved:
    user: User | None
    reason: str = ""
    skipped: bool = False


class Resolver:
    """Resolves a flow's steps for one subject, applicant and requesting department (few queries, cached).

    people: who raised the request or whom it is about, besides the applicant (the adapter's `people_of`): like the
    applicant, none of them decides a step. departments: {id: Department with head/manager and their users} when the
    caller has them all (no query for the ancestors then); group_members: a cache of role-group members to share
    between resolvers.
    """

    def __init__(
        self,
        *,
        applicant: User,
        department: Department | None,
        people: set[int] | frozenset[int] = frozenset(),
        departments: dict[int, Department] | None = None,
        group_members: dict[str, list[User]] | None = None,
    ):
        self.applicant = applicant
        self.department = department
        self.excluded = {applicant.pk, *people}
        self._departments = departments
        self._ancestors: list[Department] | None = None
        self._group_members: dict[str, list[User]] = {} if group_members is None else group_members

    def ancestors(self) -> list[Department]:
        """The requesting department and its parents, nearest first."""
        if self._ancestors is None:
            if self.department is None:
                self._ancestors = []
            else:
                ids = [int(part) for part in self.department.path.strip("/").split("/") if part] or [self.department.pk]
                by_id = self._departments
                if by_id is None:
                    by_id = Department.objects.select_related("head__user", "manager__user").in_bulk(ids)
                self._ancestors = [by_id[i] for i in reversed(ids) if i in by_id]
        return self._ancestors

    def members(self, group: str) -> list[User]:
        if group not in self._group_members:
            self._group_members[group] = list(
                User.objects.filter(groups__name=group, is_active=True).order_by("pk").distinct()
            )
        return self._group_members[group]

    def _why(self, user: User, role: str) -> str:
        label = ApproverRole(role).label
        if user.pk == self.applicant.pk:
            return _("%(role)s (%(name)s) is the applicant") % {"role": label, "name": user}
        return _("%(role)s (%(name)s) raised this request or it is about them") % {"role": label, "name": user}

    def _in_line(self, role: str, reasons: list[str]) -> User | None:
        """Head or manager up the requesting department's line, above every department an excluded person holds
        that post in: nobody reviews the request of someone above them (a section lead's requisition goes to the
        head of the section's department)."""
        attr = "head" if role == ApproverRole.DEPT_HEAD else "manager"
        holders = []
        for department in self.ancestors():
            employee = getattr(department, attr)
            user = employee.user if employee is not None and employee.user is not None else None
            holders.append((department, user if user is not None and user.is_active else None))
        start, blocked = 0, None
        for position, (department, user) in enumerate(holders):
            if user is not None and user.pk in self.excluded:
                start = position + 1
                blocked = (department, user)
        for department, user in holders[start:]:
            if user is not None and user.pk not in self.excluded:
                if blocked is not None:
                    reasons.append(
                        _("%(why)s: %(name)s of %(department)s decides.")
                        % {"why": self._why(blocked[1], role), "name": user, "department": department}
                    )
                return user
        return None

    def resolve(self, step: Step) -> _Resolved:
        role = step.role
        reasons: list[str] = []
        while True:
            if role in LINE_ROLES:
                user = self._in_line(role, reasons)
                if user is not None:
                    return _Resolved(user=user, reason=" ".join(reasons))
                blocked = self._holder_excluded(role)
            else:
                if role == ApproverRole.NAMED_USER:
                    candidates = [step.user] if step.user is not None and step.user.is_active else []
                else:
                    candidates = self.members(policies.ROLE_GROUP[ApproverRole(role)])
                others = [user for user in candidates if user.pk not in self.excluded]
                if others:
                    return _Resolved(user=others[0], reason=" ".join(reasons))
                blocked = candidates[0] if candidates else None
            label = ApproverRole(role).label
            up = policies.ROLE_ABOVE.get(ApproverRole(role))
            why = self._why(blocked, role) if blocked is not None else _("No %(role)s is set") % {"role": label}
            if up is None:
                reasons.append(_("%(why)s and there is no higher approver: step skipped.") % {"why": why})
                return _Resolved(user=None, reason=" ".join(reasons), skipped=True)
            reasons.append(_("%(why)s: moved one level up to %(up)s.") % {"why": why, "up": ApproverRole(up).label})
            role = up

    def _holder_excluded(self, role: str) -> User | None:
        """The excluded person highest up the line holding the post (for the chain's reason), if any."""
        attr = "head" if role == ApproverRole.DEPT_HEAD else "manager"
        found = None
        for department in self.ancestors():
            employee = getattr(department, attr)
            if employee is not None and employee.user is not None and employee.user.pk in self.excluded:
                found = employee.user
        return found


def plan_steps(*, request: Request, flow_steps, subject, adapter, resolver: Resolver) -> list[RequestStep]:
    """The request's chain as unsaved steps, in order: conditions applied, approvers resolved, a person already
    approving in the chain skipped. `flow_steps`: the flow's steps ordered by (order, pk). Also used for the
    approval history of the volume data (approvals.seeding)."""
    built: list[RequestStep] = []
    approvers: list[int] = []
    index = 0
    for step in flow_steps:
        if step.condition and not adapter.condition_holds(step.condition, subject):
            continue
        resolved = resolver.resolve(step)
        status = RequestStepStatus.SKIPPED if resolved.skipped else RequestStepStatus.WAITING
        reason = resolved.reason
        if resolved.user is not None and approvers:
            previous = approvers[-1]
            if resolved.user.pk == previous or (step.skip_if_already_in_chain and resolved.user.pk in approvers):
                status = RequestStepStatus.SKIPPED
                reason = " ".join(filter(None, [reason, _("The same person already approves in this chain.")]))
        if status != RequestStepStatus.SKIPPED:
            approvers.append(resolved.user.pk)
        built.append(
            RequestStep(
                request=request,
                round=request.round,
                index=index,
                step=step,
                name=step.name,
                role=step.role,
                kind=step.kind,
                assigned_to=resolved.user,
                reason=reason[:255],
                status=status,
            )
        )
        index += 1
    return built


def _build_steps(*, request: Request, subject, adapter) -> list[RequestStep]:
    """Resolve the round's chain; first record who raised the request or whom it is about (never approvers)."""
    people = adapter.people_for(subject) - {request.applicant_id}
    request.people.set(people)
    built = plan_steps(
        request=request,
        flow_steps=request.flow.steps.select_related("user").order_by("order", "pk"),
        subject=subject,
        adapter=adapter,
        resolver=Resolver(applicant=request.applicant, department=request.department, people=people),
    )
    if not built:
        raise ValidationError(
            _("The flow “%(flow)s” has no step that applies; ask the administrator to check it.")
            % {"flow": request.flow.display_name},
            code="flow_without_steps",
        )
    RequestStep.objects.bulk_create(built)
    return list(request.steps.filter(round=request.round).select_related("assigned_to").order_by("index"))


# --- notifications ----------------------------------------------------------------------------------------


def _notify(**kwargs) -> None:
    from notifications.services import notify

    notify(**kwargs)


def _settle_step_notifications(step: RequestStep, *also: User) -> None:
    """The step no longer waits: its "waiting for your approval" notifications (the approver's, and the deciding
    delegate's) stop showing as unread."""
    from notifications.services import notifications_settle

    recipients = [step.assigned_to_id, *(user.pk for user in also)]
    notifications_settle(recipients=recipients, kind=kinds.STEP_WAITING, url=step.get_absolute_url())


def step_waiting_notice(request: Request, step: RequestStep) -> tuple[str, str]:
    """Title and body of "waiting for your approval" (also written into the volume data's history)."""
    title = _("Waiting for your approval: %(subject)s") % {"subject": request.subject_label}
    body = _("%(flow)s, step “%(step)s”, applied for by %(applicant)s.") % {
        "flow": request.flow.display_name,
        "step": step.display_name,
        "applicant": request.applicant,
    }
    return title, body


def decided_notice_title(request: Request) -> str:
    return _("Your request “%(subject)s”: %(status)s") % {
        "subject": request.subject_label,
        "status": request.get_status_display(),
    }


def _notify_approver(request: Request, step: RequestStep) -> None:
    title, body = step_waiting_notice(request, step)
    url = step.get_absolute_url()
    _notify(recipient=step.assigned_to, kind=kinds.STEP_WAITING, title=title, body=body, url=url)
    today = timezone.localdate()
    for delegation in Delegation.objects.active_on(today).filter(from_user=step.assigned_to).select_related("to_user"):
        _notify(
            recipient=delegation.to_user,
            kind=kinds.STEP_WAITING,
            title=title,
            body=body + " " + _("(as delegate of %(user)s)") % {"user": step.assigned_to},
            url=url,
        )


def _notify_applicant(request: Request, comment: str = "") -> None:
    _notify(
        recipient=request.applicant,
        kind=kinds.DECIDED,
        title=decided_notice_title(request),
        body=comment,
        url=request.get_absolute_url(),
    )


# --- lifecycle --------------------------------------------------------------------------------------------


def _activate_next(*, request: Request, steps: list[RequestStep], start: int, by: User, now) -> Request:
    """Make the first step at or after `start` that is not skipped current; approve the request if none is left."""
    for step in steps:
        if step.index >= start and step.status == RequestStepStatus.WAITING:
            step.status = RequestStepStatus.PENDING
            step.activated_at = now
            step.save(update_fields=["status", "activated_at"])
            request.current_step = step.index
            request.save(update_fields=["current_step"])
            _notify_approver(request, step)
            return request
    request.status = RequestStatus.APPROVED
    request.finished_at = now
    request.save(update_fields=["status", "finished_at"])
    adapter_for(request.content_type.model_class()).call("on_approved", request.subject, request, by)
    _notify_applicant(request)
    return request


def _lock(request: Request) -> Request:
    return (
        Request.objects.select_for_update(of=("self",))
        .select_related("flow", "applicant", "content_type")
        .get(pk=request.pk)
    )


@transaction.atomic
def request_submit(*, subject, by: User, comment: str = "") -> Request:
    """Start the subject's flow: resolve every step now (so the chain shows who comes next) and notify the first."""
    adapter = adapter_for(subject)
    code = adapter.flow_code_for(subject)
    flow = Flow.objects.filter(code=code, is_active=True).first()
    if flow is None:
        raise ValidationError(
            _("No active approval flow “%(code)s”; ask the administrator.") % {"code": code}, code="no_active_flow"
        )
    content_type = ContentType.objects.get_for_model(subject)
    if Request.objects.filter(content_type=content_type, object_id=subject.pk, status__in=OPEN_STATUSES).exists():
        raise ValidationError(_("This is already waiting for approval."), code="already_in_approval")
    now = timezone.now()
    get_url = getattr(subject, "get_absolute_url", None)
    request = Request(
        content_type=content_type,
        object_id=subject.pk,
        subject_label=str(subject)[:255],
        subject_url=get_url() if get_url else "",
        flow=flow,
        applicant=by,
        department=adapter.department_for(subject),
        submitted_at=now,
    )
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:
        raise ValidationError(_("This is already waiting for approval."), code="already_in_approval")
    Decision.objects.create(request=request, by=by, decision=DecisionKind.SUBMIT, comment=comment, created_at=now)
    steps = _build_steps(request=request, subject=subject, adapter=adapter)
    return _activate_next(request=request, steps=steps, start=0, by=by, now=now)


def decisions_allowed(step: RequestStep) -> list[str]:
    if step.kind == StepKind.ACKNOWLEDGEMENT:
        return [DecisionKind.ACKNOWLEDGE, DecisionKind.RETURN]
    return [DecisionKind.APPROVE, DecisionKind.REJECT, DecisionKind.RETURN]


def request_decide(*, request: Request, by: User, decision: str, comment: str = "") -> Request:
    """The current approver (or their delegate) decides the current step, once.

    The request row is locked and the step re-checked inside the transaction, so two approvers clicking at
    the same moment produce one decision: the second gets a ValidationError.
    """
    comment = (comment or "").strip()
    with transaction.atomic():
        locked = _lock(request)
        if locked.status != RequestStatus.PENDING:
            raise ValidationError(_("This request is no longer waiting for a decision."), code="request_not_pending")
        steps = list(locked.steps.filter(round=locked.round).select_related("assigned_to").order_by("index"))
        step = next((s for s in steps if s.index == locked.current_step), None)
        if step is None or step.status != RequestStepStatus.PENDING:
            raise ValidationError(_("This step has already been decided."), code="step_already_decided")
        step.request = locked
        acting = policies.can_decide(by, step)
        acting.enforce()
        on_behalf_of = acting.on_behalf_of
        if decision not in decisions_allowed(step):
            if step.kind == StepKind.ACKNOWLEDGEMENT and decision in (DecisionKind.APPROVE, DecisionKind.REJECT):
                raise ValidationError(
                    _("This step is an acknowledgement: it cannot be approved or rejected."),
                    code="acknowledgement_only",
                )
            raise ValidationError(_("This decision is not possible on this step."), code="decision_not_allowed")
        if decision in (DecisionKind.REJECT, DecisionKind.RETURN) and not comment:
            raise ValidationError(_("Please say why in the comment."), code="comment_required")

        now = timezone.now()
        Decision.objects.create(
            request=locked,
            request_step=step,
            by=by,
            on_behalf_of=on_behalf_of,
            decision=decision,
            comment=comment,
            created_at=now,
        )
        step.status = STEP_STATUS_AFTER[decision]
        step.decided_at = now
        step.save(update_fields=["status", "decided_at"])
        _settle_step_notifications(step, by)

        if decision in (DecisionKind.APPROVE, DecisionKind.ACKNOWLEDGE):
            return _activate_next(request=locked, steps=steps, start=step.index + 1, by=by, now=now)

        _cancel_waiting(locked, now=now)
        locked.status = RequestStatus.REJECTED if decision == DecisionKind.REJECT else RequestStatus.RETURNED
        locked.finished_at = now if decision == DecisionKind.REJECT else None
        locked.save(update_fields=["status", "finished_at"])
        hook = "on_rejected" if decision == DecisionKind.REJECT else "on_returned"
        adapter_for(locked.content_type.model_class()).call(hook, locked.subject, locked, by)
        _notify_applicant(locked, comment)
        return locked


def _cancel_waiting(request: Request, *, now) -> list[RequestStep]:
    open_steps = list(
        request.steps.filter(
            round=request.round, status__in=[RequestStepStatus.WAITING, RequestStepStatus.PENDING]
        ).select_related("assigned_to")
    )
    pending = [step for step in open_steps if step.status == RequestStepStatus.PENDING]
    request.steps.filter(pk__in=[step.pk for step in open_steps]).update(status=RequestStepStatus.CANCELLED)
    return pending


def request_withdraw(*, request: Request, by: User, comment: str = "") -> Request:
    """The applicant withdraws a request before its final decision; the waiting approver is told."""
    with transaction.atomic():
        locked = _lock(request)
        verdict = policies.can_withdraw(by, locked)
        if verdict.code == "request_closed":
            raise ValidationError(verdict.reason, code=verdict.code)
        verdict.enforce()
        now = timezone.now()
        pending = _cancel_waiting(locked, now=now)
        Decision.objects.create(
            request=locked, by=by, decision=DecisionKind.WITHDRAW, comment=(comment or "").strip(), created_at=now
        )
        locked.status = RequestStatus.WITHDRAWN
        locked.finished_at = now
        locked.save(update_fields=["status", "finished_at"])
        adapter_for(locked.content_type.model_class()).call("on_withdrawn", locked.subject, locked, by)
        for step in pending:
            _settle_step_notifications(step)
            _notify(
                recipient=step.assigned_to,
                kind=kinds.WITHDRAWN,
                title=_("Withdrawn: %(subject)s") % {"subject": locked.subject_label},
                body=comment,
                url=locked.get_absolute_url(),
            )
        return locked


def request_resubmit(*, request: Request, by: User, comment: str = "") -> Request:
    """After a return, the applicant sends the edited subject again: a new round, steps resolved afresh.

    The earlier rounds' steps and decisions stay as history.
    """
    with transaction.atomic():
        locked = _lock(request)
        verdict = policies.can_resubmit(by, locked)
        if verdict.code == "not_returned":
            raise ValidationError(verdict.reason, code=verdict.code)
        verdict.enforce()
        now = timezone.now()
        subject = locked.subject
        adapter = adapter_for(locked.content_type.model_class())
        locked.round += 1
        locked.status = RequestStatus.PENDING
        locked.current_step = 0
        locked.subject_label = str(subject)[:255]
        locked.department = adapter.department_for(subject)
        locked.save(update_fields=["round", "status", "current_step", "subject_label", "department"])
        Decision.objects.create(
            request=locked, by=by, decision=DecisionKind.RESUBMIT, comment=(comment or "").strip(), created_at=now
        )
        adapter.call("on_resubmitted", subject, locked, by)
        steps = _build_steps(request=locked, subject=subject, adapter=adapter)
        return _activate_next(request=locked, steps=steps, start=0, by=by, now=now)


# --- delegation -------------------------------------------------------------------------------------------


@transaction.atomic
def delegation_create(*, from_user: User, to_user: User, start_date, end_date, comment: str = "") -> Delegation:
    """Hand one's approvals to someone who could hold them (policies.can_delegate) for a date range."""
    verdict = policies.can_delegate(from_user, to_user)
    if not verdict:
        raise ValidationError({"to_user": ValidationError(verdict.reason, code=verdict.code)})
    delegation = Delegation(
        from_user=from_user, to_user=to_user, start_date=start_date, end_date=end_date, comment=comment
    )
    delegation.full_clean()
    delegation.save()
    return delegation


@transaction.atomic
def delegation_delete(*, delegation: Delegation, by: User) -> None:
    policies.can_end_delegation(by, delegation).enforce()
    delegation.delete()
