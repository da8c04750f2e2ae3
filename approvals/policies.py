"""Who may do what with an approval request: one function per action (core.policy).

Views (403), the inbox and request pages (which buttons), the services (refuse) and the admin ask these; the
scope — which requests a user finds at all (404 otherwise) — is `visible_filter`, used by the selectors.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles
from core.policy import ALLOW, Verdict, deny, first_denial

from .models import ApproverRole, Decision, Delegation, Request, RequestStatus, RequestStep, RequestStepStatus
from .registry import adapter_for, is_registered

# The role group that holds each approver role, and the role above it: where a step goes when its approver is
# the applicant or nobody (head → manager → general manager), and what a delegate may hold instead.
ROLE_GROUP = {
    ApproverRole.DEPT_HEAD: roles.DEPT_HEAD,
    ApproverRole.DEPT_MANAGER: roles.DEPT_MANAGER,
    ApproverRole.PRODUCTION_MGMT: roles.PRODUCTION_MGMT,
    ApproverRole.HR_MANAGER: roles.HR_MANAGER,
    ApproverRole.GM: roles.GM,
    ApproverRole.VP: roles.VP,
    ApproverRole.RECORDS_KEEPER: roles.RECORDS_KEEPER,
}
ROLE_ABOVE = {
    ApproverRole.DEPT_HEAD: ApproverRole.DEPT_MANAGER,
    ApproverRole.DEPT_MANAGER: ApproverRole.GM,
    ApproverRole.PRODUCTION_MGMT: ApproverRole.GM,
    ApproverRole.HR_MANAGER: ApproverRole.GM,
    ApproverRole.VP: ApproverRole.GM,
    ApproverRole.RECORDS_KEEPER: ApproverRole.GM,
    ApproverRole.NAMED_USER: ApproverRole.GM,
}
# Approver roles whose steps read secret HR data (salaries) when the process carries them.
SECRET_READING_ROLES = frozenset({ApproverRole.HR_MANAGER, ApproverRole.GM})


@dataclass(frozen=True)
class Acting(Verdict):
    """can_decide's answer: allowed or not, and for whom the user decides (None: for themselves)."""

    on_behalf_of: object = None


def _delegators(user, day=None):
    return Delegation.objects.active_on(day or timezone.localdate()).filter(to_user=user).order_by().values("from_user")


def delegators_of(user) -> set[int]:
    """Who delegated their approvals to the user today (read once for a list, passed to can_decide)."""
    if not user.is_authenticated:
        return set()
    return set(_delegators(user).values_list("from_user", flat=True))


def actionable_filter(user) -> Q:
    """Steps the user would act on (SQL side of can_decide's "who"): assigned to them, to someone who delegated to
    them today, or (general manager) any vice-president step. The caller leaves out requests the user is the
    applicant of or is among the people of.

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


def visible_filter(user) -> Q:
    """The requests a user finds (the scope; anything else is 404): their own, those they are or were an approver
    of (or delegate for), every vice-president step for the general manager; everything for administrators.

    One EXISTS per way in: PostgreSQL checks a single request (the detail page) by its own steps, and a whole
    list (recruitment's scoping) with one hashed look-up each."""
    if user.is_superuser:
        return Q()
    steps = RequestStep.objects.filter(request=OuterRef("pk"))
    q = (
        Q(applicant=user)
        | Exists(steps.filter(assigned_to=user))
        | Exists(steps.filter(assigned_to__in=_delegators(user)))
        | Exists(Decision.objects.filter(request=OuterRef("pk"), by=user))
    )
    if roles.GM in user.role_names:
        q |= Exists(steps.filter(role=ApproverRole.VP))
    return q


def can_view(user, request: Request) -> Verdict:
    if not user.is_authenticated:
        return deny("not_logged_in", _("Please log in."))
    if Request.objects.filter(visible_filter(user), pk=request.pk).exists():
        return ALLOW
    return deny("not_visible", _("This request is not yours to see."))


def holds_role(user, role: str) -> bool:
    """The user holds the approver role or the one above it (by role group; the superuser flag does not count)."""
    names = user.role_names
    return any(ROLE_GROUP.get(r) in names for r in (role, ROLE_ABOVE.get(role)) if r is not None)


def can_stand_in(delegate, step: RequestStep) -> Verdict:
    """A delegate decides a step only if they could hold it: the same role or the one above it, and, where the
    step reads secret HR data (salaries), the clearance for it."""
    if step.role != ApproverRole.NAMED_USER and not holds_role(delegate, step.role):
        return deny(
            "delegate_not_qualified",
            _("%(user)s does not hold the role “%(role)s” or the one above it, so cannot decide this step as delegate.")
            % {"user": delegate, "role": ApproverRole(step.role).label},
        )
    model = step.request.content_type.model_class()
    reads_secret = model is not None and is_registered(model) and adapter_for(model).reads_secret
    if reads_secret and step.role in SECRET_READING_ROLES and not delegate.sees_secret_hr_data:
        return deny(
            "delegate_lacks_clearance",
            _("%(user)s is not cleared for the salary data this step decides on.") % {"user": delegate},
        )
    return ALLOW


def can_decide(user, step: RequestStep, *, delegators: set[int] | None = None) -> Acting:
    """The step's approver, their delegate of today (who could hold the step) or, on a vice-president step, the
    general manager — never someone the request is raised by or about. `delegators`: the ids of who delegated to
    the user today, when the caller has read them (lists)."""
    request = step.request
    if not user.is_authenticated:
        return Acting(False, "not_logged_in", _("Please log in."))
    if request.status != RequestStatus.PENDING or step.status != RequestStepStatus.PENDING:
        return Acting(False, "step_not_pending", _("This step is not waiting for a decision."))
    if step.assigned_to_id is None:
        return Acting(False, "not_your_step", _("This step is not yours to decide."))
    if user.pk in request.excluded_ids():
        return Acting(
            False,
            "own_request",
            _("You applied for this request, raised it or it is about you: you cannot decide any step of it."),
        )
    if user.pk == step.assigned_to_id:
        return Acting(True)
    if delegators is None:
        delegators = delegators_of(user)
    if step.assigned_to_id in delegators:
        verdict = can_stand_in(user, step)
        if not verdict:
            return Acting(False, verdict.code, verdict.reason)
        return Acting(True, on_behalf_of=step.assigned_to)
    # The general manager may act on any vice-president step (spec 00).
    if step.role == ApproverRole.VP and roles.GM in user.role_names:
        return Acting(True, on_behalf_of=step.assigned_to)
    return Acting(False, "not_your_step", _("This step is not yours to decide."))


def can_withdraw(user, request: Request) -> Verdict:
    return first_denial(
        ALLOW
        if request.applicant_id == user.pk
        else deny("not_applicant", _("Only the applicant can withdraw a request.")),
        ALLOW
        if request.is_open
        else deny("request_closed", _("This request has already been decided and cannot be withdrawn.")),
    )


def can_resubmit(user, request: Request) -> Verdict:
    return first_denial(
        ALLOW
        if request.applicant_id == user.pk
        else deny("not_applicant", _("Only the applicant can resubmit a request.")),
        ALLOW
        if request.status == RequestStatus.RETURNED
        else deny("not_returned", _("Only a request returned for changes can be resubmitted.")),
    )


def approver_roles_of(user) -> list[str]:
    """The approver roles a user holds by role group (what their delegate must hold too)."""
    return [role for role, group in ROLE_GROUP.items() if group in user.role_names]


def can_delegate(from_user, to_user) -> Verdict:
    """A delegate must be able to hold the delegator's steps: each of their approver roles (or the one above it),
    and clearance for secret HR data if the delegator has it."""
    if to_user is None or from_user.pk == to_user.pk:
        return deny("delegate_self", _("You cannot delegate to yourself."))
    if not to_user.is_active:
        return deny("delegate_inactive", _("%(user)s cannot log in any more.") % {"user": to_user})
    missing = [role for role in approver_roles_of(from_user) if not holds_role(to_user, role)]
    if missing:
        return deny(
            "delegate_not_qualified",
            _(
                "%(user)s cannot stand in for you: a delegate must hold the same role (or the one above it), "
                "and %(user)s is not %(roles)s."
            )
            % {"user": to_user, "roles": ", ".join(str(ApproverRole(role).label) for role in missing)},
        )
    if from_user.sees_secret_hr_data and not to_user.sees_secret_hr_data:
        return deny(
            "delegate_lacks_clearance",
            _("%(user)s is not cleared for the secret HR data (salaries) your approvals show.") % {"user": to_user},
        )
    return ALLOW


def can_end_delegation(user, delegation: Delegation) -> Verdict:
    if delegation.from_user_id == user.pk or user.is_superuser:
        return ALLOW
    return deny("not_your_delegation", _("You can only end your own delegations."))
