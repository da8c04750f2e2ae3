"""Who may do what on a separation, in which state: one function per action (core.policy).

Views (403), the case page (buttons), the services (refuse) and the admin ask these. Scope is the selectors'
(a case outside it is never found → 404). A resignation is a notice: no policy here lets anyone refuse one.
"""

from django.utils.translation import gettext as _

from core import roles
from core.policy import ALLOW, Verdict, deny, first_denial
from org.selectors import scope_department_ids

from .models import DEPARTMENT_PARTIES, RUNNING_STATUSES, CaseStatus, HandoverItem, Party, SeparationCase


def _hr(user, *, secret: bool = False) -> Verdict:
    if user is None or not user.is_hr:
        return deny("not_hr", _("Only HR does this."))
    if secret and not user.sees_secret_hr_data:
        return deny("not_cleared", _("Only HR cleared for secret HR data (salaries, contracts) does this."))
    return ALLOW


def _own(user, case: SeparationCase) -> bool:
    return user is not None and case.employee.user_id is not None and case.employee.user_id == user.pk


def _not_own(user, case: SeparationCase) -> Verdict:
    if _own(user, case):
        return deny("own_case", _("You cannot act on your own separation."))
    return ALLOW


def _department(user, case: SeparationCase) -> Verdict:
    """HR, or a head of the employee's department (or one above)."""
    if user is not None and user.is_hr:
        return ALLOW
    ids = scope_department_ids(user) if user is not None else None
    if ids and case.employee.department_id in ids and user.has_role(roles.DEPT_HEAD):
        return ALLOW
    return deny("not_department", _("Only the department head or HR does this."))


def can_resign(user, employee, *, has_open_case: bool) -> Verdict:
    """The employee gives notice from their own pages."""
    return first_denial(
        ALLOW
        if employee is not None and employee.user_id == user.pk
        else deny("not_own", _("Only the employee gives their own notice; HR enters one received on paper.")),
        _open_for_notice(employee, has_open_case),
    )


def can_enter_on_paper(user, employee, *, has_open_case: bool) -> Verdict:
    """HR enters a written notice received on paper, on the employee's behalf (recorded as such)."""
    return first_denial(
        _hr(user),
        deny("own_case", _("You cannot enter your own notice on someone's behalf."))
        if employee is not None and employee.user_id == user.pk
        else ALLOW,
        _open_for_notice(employee, has_open_case),
    )


def _open_for_notice(employee, has_open_case: bool) -> Verdict:
    if employee is None:
        return deny("no_employee", _("No employee record is linked to this login."))
    if employee.is_separated:
        return deny("separated", _("This person has already left."))
    if has_open_case:
        return deny("open_case", _("A separation is already in progress for this person."))
    return ALLOW


def can_decide_separation(user, employee=None, *, has_open_case: bool = False) -> Verdict:
    """HR (cleared: the compensation is salary data) decides a company separation, after the legal checks."""
    return first_denial(
        _hr(user, secret=True),
        deny("own_case", _("You cannot decide your own separation."))
        if employee is not None and employee.user_id == user.pk
        else ALLOW,
        _open_for_notice(employee, has_open_case) if employee is not None else ALLOW,
    )


def can_propose_probation_termination(user, employee, *, has_open_case: bool = False) -> Verdict:
    """HR proposes a termination in probation (art. 39(1)); the "probation_termination" flow decides it. No
    salary is involved (no compensation is owed), so no secret clearance is needed."""
    return first_denial(
        _hr(user),
        deny("own_case", _("You cannot decide your own separation."))
        if employee is not None and employee.user_id == user.pk
        else ALLOW,
        _open_for_notice(employee, has_open_case),
    )


def can_withdraw(user, case: SeparationCase) -> Verdict:
    """The employee withdraws the notice until the company has confirmed the last day."""
    return first_denial(
        ALLOW if _own(user, case) else deny("not_own", _("Only the employee withdraws their own notice.")),
        ALLOW if case.is_resignation else deny("not_resignation", _("Only a resignation can be withdrawn.")),
        ALLOW
        if case.status in (CaseStatus.NOTICE, CaseStatus.RETURNED)
        else deny(
            "already_confirmed",
            _("The company has confirmed the last day: the notice can no longer be withdrawn; talk to HR."),
        ),
    )


def can_resubmit(user, case: SeparationCase) -> Verdict:
    return first_denial(
        ALLOW if _own(user, case) else deny("not_own", _("Only the employee gives their own notice.")),
        ALLOW if case.status == CaseStatus.RETURNED else deny("not_returned", _("The notice was not returned.")),
    )


def can_record_off_classified(user, case: SeparationCase) -> Verdict:
    return first_denial(
        _hr(user),
        _not_own(user, case),
        ALLOW
        if case.secrecy_notice_months
        else deny("no_secrecy_period", _("No secrecy notice period (脱密期) applies.")),
        ALLOW
        if case.status in (CaseStatus.NOTICE, CaseStatus.CONFIRMED) and case.off_classified_work_on is None
        else deny("not_open", _("Nothing to record in this state.")),
    )


def can_record_interview(user, case: SeparationCase, *, has_interview: bool) -> Verdict:
    return first_denial(
        _department(user, case),
        _not_own(user, case),
        ALLOW if not has_interview else deny("interview_exists", _("The exit interview is already recorded.")),
        ALLOW
        if case.status in (CaseStatus.CONFIRMED, CaseStatus.SEPARATED, CaseStatus.COMPLETED)
        else deny("not_confirmed", _("The exit interview follows the confirmation of the last day.")),
    )


def can_tick(user, item: HandoverItem) -> Verdict:
    """Each party ticks its own items: HR the administration's, finance and IT; the department head the work
    handover and equipment; the records keeper the classified copies."""
    case = item.case
    if item.party in DEPARTMENT_PARTIES:
        ids = scope_department_ids(user)
        party_ok = bool(ids) and case.employee.department_id in ids and user.has_role(roles.DEPT_HEAD)
    elif item.party == Party.RECORDS:
        party_ok = user.has_role(roles.RECORDS_KEEPER)
    else:
        party_ok = user.is_hr
    return first_denial(
        ALLOW if party_ok else deny("not_party", _("This item is ticked by another party.")),
        _not_own(user, case),
        ALLOW if item.done_at is None else deny("done", _("This item is already done.")),
        ALLOW
        if case.status in RUNNING_STATUSES
        else deny("not_running", _("The handover runs between the confirmation and the end of the case.")),
    )


def can_complete(user, case: SeparationCase, *, open_mandatory: int) -> Verdict:
    return first_denial(
        _hr(user),
        _not_own(user, case),
        ALLOW
        if case.status == CaseStatus.SEPARATED
        else deny("not_separated", _("The case is completed after the last working day.")),
        ALLOW
        if not open_mandatory
        else deny(
            "handover_open",
            _("%(count)s mandatory handover items are still open: the case cannot be completed.")
            % {"count": open_mandatory},
        ),
    )


def can_print_certificate(user, case: SeparationCase) -> Verdict:
    """The certificate (离职证明) is issued at separation whatever the state of the handover (art. 50)."""
    return first_denial(
        ALLOW if user.is_hr or _own(user, case) else deny("not_hr", _("HR issues the certificate.")),
        ALLOW
        if case.status in (CaseStatus.SEPARATED, CaseStatus.COMPLETED)
        else deny("not_separated", _("The certificate is issued when the person has left.")),
    )


def can_record_transfer(user, case: SeparationCase) -> Verdict:
    return first_denial(
        _hr(user),
        _not_own(user, case),
        ALLOW
        if case.status in (CaseStatus.SEPARATED, CaseStatus.COMPLETED) and case.file_transferred_on is None
        else deny("not_due", _("The transfer is recorded once, after the separation.")),
    )


def can_decide_noncompete(user, case: SeparationCase, *, has_noncompete: bool) -> Verdict:
    return first_denial(
        _hr(user, secret=True),
        _not_own(user, case),
        ALLOW if has_noncompete else deny("no_noncompete", _("No non-compete was agreed with this person.")),
        ALLOW if not case.noncompete_decision else deny("decided", _("The non-compete is already decided.")),
        ALLOW
        if case.status in (CaseStatus.CONFIRMED, CaseStatus.SEPARATED)
        else deny("not_running", _("The non-compete is decided at exit.")),
    )


def can_mark_rehire(user, case: SeparationCase) -> Verdict:
    return first_denial(
        _hr(user),
        _not_own(user, case),
        ALLOW
        if case.status in (CaseStatus.SEPARATED, CaseStatus.COMPLETED)
        else deny("not_separated", _("Rehire eligibility is marked after the separation.")),
    )


def can_see_compensation(user) -> Verdict:
    return _hr(user, secret=True)


def can_see_report(user) -> Verdict:
    return _hr(user)
