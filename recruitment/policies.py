"""Who may do what to a recruitment record in which state: one function per action (core.policy).

Views answer 403 when a function says no, templates show a button only when it says yes, the services refuse
with its code and the admin makes a record read-only by it. Scope is not asked here: a record outside the
user's scope is never found (recruitment.selectors → 404).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import roles
from core.policy import ALLOW, Verdict, deny, first_denial
from org.selectors import positions_visible_to

from .models import CLOSED_STAGES, MANUAL_STAGES, Application, Candidate, Interview, Offer, Requisition, Stage

RequisitionStatus = Requisition.Status
OfferStatus = Offer.Status


# --- shared answers ------------------------------------------------------------------------------------


def _hr(user) -> Verdict:
    if user is not None and user.is_authenticated and user.is_hr:
        return ALLOW
    return deny("not_hr", _("Only HR does this."))


def _hr_cleared(user) -> Verdict:
    """The offer holds the salary: secret HR data, for HR with secret clearance."""
    if user is not None and user.is_authenticated and user.is_hr and user.sees_secret_hr_data:
        return ALLOW
    return deny("not_cleared_hr", _("Only HR with secret clearance handles offers (they show the salary)."))


def _requester_or_hr(user, requisition: Requisition) -> Verdict:
    if user is not None and user.is_authenticated and (user.is_hr or requisition.requested_by_id == user.pk):
        return ALLOW
    return deny("not_requester", _("Only the requester or HR does this."))


def _applicant_of_open_request(user, subject) -> Verdict:
    """The one who sent the subject into approval, while the request is still open."""
    from approvals.selectors import latest_request_for

    request = latest_request_for(subject)
    if request is None or not request.is_open:
        return deny("no_open_approval", _("Nothing is waiting for approval."))
    if user is None or request.applicant_id != user.pk:
        return deny("not_applicant", _("Only the one who sent it into approval does this."))
    return ALLOW


# --- requisitions --------------------------------------------------------------------------------------


def can_create_requisition(user) -> Verdict:
    """HR, or a department head / manager with positions of their own to ask for."""
    if user is not None and user.is_authenticated:
        if user.is_hr:
            return ALLOW
        if user.has_role(roles.DEPT_HEAD, roles.DEPT_MANAGER) and positions_visible_to(user).exists():
            return ALLOW
    return deny("not_requester", _("Only HR or the head of a department asks for people."))


def can_edit_requisition(user, requisition: Requisition) -> Verdict:
    state = (
        ALLOW
        if requisition.is_editable
        else deny("requisition_not_editable", _("Only a draft or a returned requisition can be changed."))
    )
    return first_denial(_requester_or_hr(user, requisition), state)


def can_submit_requisition(user, requisition: Requisition) -> Verdict:
    """A draft by the requester or HR; a returned one only by whoever sent it (the approval's applicant)."""
    verdict = first_denial(
        _requester_or_hr(user, requisition),
        ALLOW
        if requisition.is_editable
        else deny("requisition_not_editable", _("Only a draft or a returned requisition can be submitted.")),
    )
    if verdict and requisition.status == RequisitionStatus.RETURNED:
        return _applicant_of_open_request(user, requisition)
    return verdict


def can_withdraw_requisition(user, requisition: Requisition) -> Verdict:
    if requisition.status not in (RequisitionStatus.IN_APPROVAL, RequisitionStatus.RETURNED):
        return deny("requisition_not_in_approval", _("Only a requisition waiting for approval can be withdrawn."))
    return _applicant_of_open_request(user, requisition)


def can_cancel_requisition(user, requisition: Requisition) -> Verdict:
    state = (
        ALLOW
        if requisition.status in (RequisitionStatus.DRAFT, RequisitionStatus.APPROVED, RequisitionStatus.RECRUITING)
        else deny(
            "requisition_not_cancellable",
            _(
                "A requisition in approval must be withdrawn first; "
                "a filled, rejected or cancelled one cannot be cancelled."
            ),
        )
    )
    return first_denial(_requester_or_hr(user, requisition), state)


def _open_for_recruiting(requisition: Requisition) -> Verdict:
    if requisition.accepts_applications:
        return ALLOW
    return deny("requisition_not_open", _("This requisition is not approved or no longer open."))


def can_plan_requisition(user, requisition: Requisition) -> Verdict:
    return first_denial(_hr(user), _open_for_recruiting(requisition))


def can_add_application(user, requisition: Requisition) -> Verdict:
    return first_denial(_hr(user), _open_for_recruiting(requisition))


# --- applications --------------------------------------------------------------------------------------


def _open_application(application: Application) -> Verdict:
    if application.stage in CLOSED_STAGES:
        return deny("application_closed", _("This application is closed."))
    return ALLOW


def can_move_application(user, application: Application) -> Verdict:
    """Move on the board between screening and interview stages (hire approval and later follow the offer)."""
    state = _open_application(application)
    if state and application.stage not in MANUAL_STAGES:
        state = deny(
            "application_in_hire_approval",
            _("The application is in hire approval or has an offer; it can only be closed."),
        )
    return first_denial(_hr(user), state)


def can_close_application(user, application: Application) -> Verdict:
    """Reject or withdraw the application (with a reason)."""
    return first_denial(_hr(user), _open_application(application))


def can_move_application_to(user, application: Application, to_stage: str) -> Verdict:
    """The board's one form both moves and closes: which of the two actions a target stage is."""
    closing = to_stage in (Stage.REJECTED, Stage.WITHDRAWN)
    return (can_close_application if closing else can_move_application)(user, application)


# --- interviews ----------------------------------------------------------------------------------------


def can_schedule_interview(user, application: Application) -> Verdict:
    state = _open_application(application)
    if state and application.stage not in MANUAL_STAGES:
        state = deny("interviews_over", _("Interviews are scheduled before the hire approval."))
    return first_denial(_hr(user), state)


def can_evaluate_interview(user, interview: Interview) -> Verdict:
    """Each interviewer of the round, once, unless it was cancelled (reads prefetched rows when there are)."""
    if interview.status == Interview.Status.CANCELLED:
        return deny("interview_cancelled", _("This interview was cancelled."))
    if user is None or not any(u.pk == user.pk for u in interview.interviewers.all()):
        return deny("not_interviewer", _("Only the interviewers of this round evaluate it."))
    if any(e.evaluator_id == user.pk for e in interview.evaluations.all()):
        return deny("already_evaluated", _("You have already evaluated this interview."))
    return ALLOW


def interview_has_taken_place(interview: Interview, now=None) -> bool:
    """An interview is evaluated once it has begun, never before (the service refuses with a field error)."""
    return interview.scheduled_at <= (now or timezone.now())


def can_cancel_interview(user, interview: Interview) -> Verdict:
    state = (
        ALLOW
        if interview.status == Interview.Status.SCHEDULED
        else deny("interview_not_scheduled", _("Only a scheduled interview can be cancelled."))
    )
    return first_denial(_hr(user), state)


# --- offers --------------------------------------------------------------------------------------------


def can_draft_offer(user, application: Application) -> Verdict:
    """The offer is drafted once, for an open application before hire approval."""
    state = _open_application(application)
    if state and application.stage not in MANUAL_STAGES:
        state = deny("application_in_hire_approval", _("An offer is drafted before hire approval."))
    if state and Offer.objects.filter(application=application).exists():
        state = deny("offer_exists", _("This application already has an offer."))
    return first_denial(_hr_cleared(user), state)


def can_edit_offer(user, offer: Offer) -> Verdict:
    state = (
        ALLOW
        if offer.is_editable
        else deny("offer_not_editable", _("Only a draft or a returned offer can be changed."))
    )
    return first_denial(_hr_cleared(user), state)


def can_submit_offer(user, offer: Offer) -> Verdict:
    """Into hire approval: a draft by HR; a returned one only by whoever sent it."""
    verdict = first_denial(
        _hr(user),
        ALLOW
        if offer.is_editable
        else deny("offer_not_editable", _("Only a draft or a returned offer can be submitted.")),
    )
    if verdict and offer.status == OfferStatus.RETURNED:
        return _applicant_of_open_request(user, offer)
    return verdict


def can_withdraw_offer(user, offer: Offer) -> Verdict:
    if offer.status not in (OfferStatus.IN_APPROVAL, OfferStatus.RETURNED):
        return deny("offer_not_in_approval", _("Only an offer in hire approval can be withdrawn."))
    return first_denial(_hr(user), _applicant_of_open_request(user, offer))


def can_send_offer(user, offer: Offer) -> Verdict:
    """Print the offer letter (录用通知书) to send: only an approved (or accepted) offer, by cleared HR."""
    state = (
        ALLOW
        if offer.status in (OfferStatus.APPROVED, OfferStatus.ACCEPTED)
        else deny("offer_not_approved", _("The offer letter is sent only after the hire approval."))
    )
    return first_denial(_hr_cleared(user), state)


def _answerable(offer: Offer, message) -> Verdict:
    return ALLOW if offer.status == OfferStatus.APPROVED else deny("offer_not_approved", message)


def can_accept_offer(user, offer: Offer) -> Verdict:
    return first_denial(_hr(user), _answerable(offer, _("Only an approved offer can be accepted.")))


def can_decline_offer(user, offer: Offer) -> Verdict:
    return first_denial(_hr(user), _answerable(offer, _("Only an approved offer can be declined.")))


# --- candidates ----------------------------------------------------------------------------------------


def can_edit_candidate(user, candidate: Candidate) -> Verdict:
    state = (
        ALLOW
        if not candidate.is_anonymised
        else deny("candidate_anonymised", _("This candidate's data has been anonymised."))
    )
    return first_denial(_hr(user), state)
