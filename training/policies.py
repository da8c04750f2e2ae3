"""Who may do what in training (core.policy). Scope is the selectors' business (out of scope → 404); these
answer for rows in scope: HR runs training; heads rate and raise needs for their departments; employees raise
needs for themselves, check in, and rate the sessions they attended."""

from django.utils.translation import gettext_lazy as _

from core.policy import ALLOW, Verdict, deny
from org.selectors import scope_department_ids

from .models import EDITABLE_PLAN_STATUSES, PlanStatus, SessionStatus


def _hr(user) -> Verdict:
    if not user.is_hr:
        return deny("hr_only", _("Only HR staff do this."))
    return ALLOW


def _heads_department(user, employee) -> bool:
    ids = scope_department_ids(user)
    return ids is not None and employee.department_id in ids and employee.user_id != user.pk


def can_manage(user) -> Verdict:
    """Skills, standards, plans, sessions, attendance and scores."""
    return _hr(user)


def can_rate(user, employee) -> Verdict:
    """HR, or the head of the employee's department; nobody rates themselves."""
    if employee.user_id is not None and employee.user_id == user.pk:
        return deny("own_rating", _("Nobody rates their own competence."))
    if user.is_hr:
        return ALLOW
    ids = scope_department_ids(user)
    if ids and employee.department_id in ids:
        return ALLOW
    return deny("rate_not_allowed", _("Only HR and the head of the employee's department rate competence."))


def can_raise_need(user, employee) -> Verdict:
    if (
        user.is_hr
        or (employee.user_id is not None and employee.user_id == user.pk)
        or _heads_department(user, employee)
    ):
        return ALLOW
    return deny("need_not_allowed", _("Training needs are raised by HR, the department head or the employee."))


def can_close_need(user, need) -> Verdict:
    if not need.is_open:
        return deny("need_closed", _("This need is already closed."))
    return _hr(user)


def _sender_of_returned(user, subject) -> Verdict:
    """A subject returned for changes is changed and sent again by whoever sent it (the approval's applicant, whom
    the approval engine lets resubmit)."""
    from approvals.models import RequestStatus
    from approvals.selectors import latest_request_for

    request = latest_request_for(subject)
    if request is None or request.status != RequestStatus.RETURNED:
        return deny("no_returned_approval", _("Nothing was returned for changes."))
    if request.applicant_id != user.pk:
        return deny("not_applicant", _("Only the one who sent it for approval changes it and sends it again."))
    return ALLOW


def can_edit_plan(user, plan) -> Verdict:
    """Plans, the HR development plan and a department's competence evaluation (its head may send that one): a
    draft by HR (or the head), a returned one by its author, who sent it (on the same edit page)."""
    if plan.status not in EDITABLE_PLAN_STATUSES:
        return deny("plan_not_editable", _("The plan can be changed only as a draft or when returned."))
    department_id = getattr(plan, "department_id", None)
    if department_id is not None and not user.is_hr:
        ids = scope_department_ids(user)
        verdict = ALLOW if ids and department_id in ids else deny("hr_only", _("Only HR staff do this."))
    else:
        verdict = _hr(user)
    if verdict and plan.status == PlanStatus.RETURNED:
        return _sender_of_returned(user, plan)
    return verdict


def can_submit_plan(user, plan) -> Verdict:
    verdict = can_edit_plan(user, plan)
    if not verdict:
        return verdict
    if not plan.items.exists():
        return deny("plan_empty", _("Add at least one course to the plan."))
    return ALLOW


def can_publish_plan(user, plan) -> Verdict:
    if plan.status != PlanStatus.APPROVED:
        return deny("plan_not_approved", _("Only an approved plan is published."))
    return _hr(user)


def can_edit_session(user, session) -> Verdict:
    if session.status == SessionStatus.CANCELLED:
        return deny("session_cancelled", _("The session was cancelled."))
    return _hr(user)


def can_cancel_session(user, session, *, attended: bool | None = None) -> Verdict:
    """HR cancels a session that has not been held: once someone attended it is a record, not a plan.
    `attended` may be passed by a caller that already knows it (the participants are on its page)."""
    verdict = _hr(user)
    if not verdict:
        return verdict
    if session.status == SessionStatus.CANCELLED:
        return deny("session_cancelled", _("The session was cancelled."))
    if attended is None:
        attended = session.participants.filter(attended=True).exists()
    if session.status == SessionStatus.HELD or attended:
        return deny("session_held", _("A session that was held (with attendance) cannot be cancelled."))
    return ALLOW


def can_download(user, session_file) -> Verdict:
    """Materials for everyone who sees the session; test papers only for HR (they are the exam)."""
    if session_file.kind == "test_paper" and not user.is_hr:
        return deny("test_paper_hr_only", _("Test papers are kept by HR."))
    return ALLOW


def can_rate_session(user, participant) -> Verdict:
    if participant.employee.user_id != user.pk:
        return deny("not_own", _("Only the participant rates the session."))
    if not participant.attended:
        return deny("not_attended", _("Only those who attended rate the session."))
    return ALLOW


def can_evaluate_application(user, participant) -> Verdict:
    if not participant.attended:
        return deny("not_attended", _("The employee did not attend."))
    if user.is_hr:
        return ALLOW
    ids = scope_department_ids(user)
    if ids and participant.employee.department_id in ids and participant.employee.user_id != user.pk:
        return ALLOW
    return deny("not_head", _("The head of the employee's department evaluates the application at work."))


def can_sign_off_mentoring(user, mentoring) -> Verdict:
    if mentoring.signed_off_at is not None:
        return deny("mentoring_signed_off", _("The mentor has already signed off."))
    if mentoring.mentor.user_id != user.pk:
        return deny("not_mentor", _("Only the mentor signs off."))
    return ALLOW


def _own_or_head(user, employee) -> bool:
    return user.is_hr or employee.user_id == user.pk or _heads_department(user, employee)


def can_edit_external(user, training) -> Verdict:
    """An external training request is changed as a draft (the employee, the head or HR) or when returned for
    changes (only whoever sent it for approval, as the plans), on its edit page, then sent (again)."""
    if training.status not in ("draft", "returned"):
        return deny("external_not_editable", _("The request is already in approval or decided."))
    if not _own_or_head(user, training.employee):
        return deny("external_not_allowed", _("The employee, the head or HR submits the request."))
    if training.status == "returned":
        return _sender_of_returned(user, training)
    return ALLOW


def can_submit_external(user, training) -> Verdict:
    """Sent (again) by whoever may change it: the same rule as the edit page."""
    return can_edit_external(user, training)


def can_complete_external(user, training) -> Verdict:
    if training.status != "approved":
        return deny("external_not_approved", _("Only an approved external training is completed."))
    if not _own_or_head(user, training.employee):
        return deny("external_not_allowed", _("The employee, the head or HR attaches the report."))
    return ALLOW


def can_assign_mentor(user, employee) -> Verdict:
    if user.is_hr or _heads_department(user, employee):
        return ALLOW
    return deny("mentor_not_allowed", _("HR or the head of the department assigns a mentor."))
