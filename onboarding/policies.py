"""Who may do what on an onboarding case, in which state: one function per action (core.policy).

Views (403 on denial), the case page (a button shows only when its action is allowed), the services
(they refuse) and the admin (state fields read-only) all ask these functions. Scope is not decided here:
a case outside the user's scope is never found (selectors → 404).
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from core.policy import ALLOW, Verdict, deny, first_denial
from org.selectors import scope_department_ids

from .models import (
    Conversion,
    OnboardingCase,
    OnboardingTask,
    ProbationStatus,
    Recommendation,
)

# Codes of the tasks that are done by their records, never ticked by hand.
TASKS_DONE_BY_RECORDS = ("labour_contract", "safety_education", "registration_form")


def _today() -> datetime.date:
    return timezone.localdate()


def _not_own(user, case: OnboardingCase) -> Verdict:
    if user is not None and case.employee.user_id == user.pk:
        return deny("own_case", _("You cannot decide on your own onboarding or probation."))
    return ALLOW


def _hr(user, *, secret: bool = False) -> Verdict:
    if user is None or not user.is_hr:
        return deny("not_hr", _("Only HR does this."))
    if secret and not user.sees_secret_hr_data:
        return deny("not_cleared", _("Only HR cleared for secret HR data (salaries, contracts) does this."))
    return ALLOW


def _department(user, case: OnboardingCase) -> Verdict:
    """HR, or a head of the employee's department (or one above)."""
    if user is not None and user.is_hr:
        return ALLOW
    # Company-wide roles (general manager, vice president) read every case but do not act for the department.
    ids = scope_department_ids(user) if user is not None else None
    if ids and case.employee.department_id in ids:
        return ALLOW
    return deny("not_department", _("Only the department head or HR does this."))


def _probation_running(case: OnboardingCase, today: datetime.date | None = None) -> Verdict:
    """The probation runs, has begun and has not ended: a decision can still be taken."""
    today = today or _today()
    if not case.has_probation or case.probation_status != ProbationStatus.RUNNING:
        if case.probation_status == ProbationStatus.CONVERSION:
            return deny("conversion_pending", _("A conversion is in approval; withdraw it first."))
        if case.probation_status == ProbationStatus.TERMINATION:
            return deny("termination_pending", _("A termination is in approval; withdraw it first."))
        return deny("probation_not_running", _("The probation is not running: there is nothing to decide."))
    if today < case.start_date:
        return deny(
            "before_start",
            _("The employee starts on %(start)s: nothing can be recorded on the probation before that.")
            % {"start": f"{case.start_date:%Y-%m-%d}"},
        )
    if today > case.probation_end:
        return deny(
            "probation_ended",
            _(
                "The probation ended on %(end)s: the decision had to be taken before the end date. "
                "The employee is regular by law (Labour Contract Law art. 19)."
            )
            % {"end": f"{case.probation_end:%Y-%m-%d}"},
        )
    return ALLOW


def _latest_review_recommends(case: OnboardingCase, recommendation: str, review=None) -> Verdict:
    review = review if review is not None else case.reviews.order_by("-submitted_at", "-pk").first()
    if review is None or review.recommendation != recommendation:
        return deny(
            "review_missing",
            _("The department's latest probation review must recommend this: %(what)s.")
            % {"what": Recommendation(recommendation).label},
        )
    return ALLOW


def can_start_case(user) -> Verdict:
    """A direct hire's case is opened by cleared HR (the terms carry the salary)."""
    return _hr(user, secret=True)


def can_complete_task(user, task: OnboardingTask, *, registration_confirming: bool = False) -> Verdict:
    case = task.case
    verdict = _not_own(user, case)
    if not verdict:
        return verdict
    if user is None or not (user.is_hr or task.owner_id == user.pk):
        return deny("not_task_owner", _("Only HR or the task's owner ticks it."))
    if case.status == OnboardingCase.Status.CLOSED:
        return deny("case_closed", _("This case is closed."))
    if task.status != OnboardingTask.Status.OPEN:
        return deny("task_not_open", _("This task is not open."))
    if task.code == "labour_contract":
        return deny(
            "task_done_by_records",
            _("The labour-contract task is done when the signed contract is recorded in the personnel file."),
        )
    if task.training_session_id is not None:
        return deny(
            "task_done_by_training",
            _("This induction is done when its training session records the attendance."),
        )
    if task.code == "safety_education":
        return deny(
            "task_done_by_records",
            _("The safety-education task is done when all three levels (company, workshop, team) are recorded."),
        )
    if task.code == "registration_form" and not registration_confirming:
        return deny(
            "task_done_by_records",
            _("The registration-form task is done when HR confirms what the new hire filled in."),
        )
    return ALLOW


def can_refresh_case(user, case: OnboardingCase) -> Verdict:
    return first_denial(
        _hr(user),
        ALLOW
        if case.status == OnboardingCase.Status.IN_PROGRESS
        else deny("case_not_in_progress", _("The onboarding is no longer in progress.")),
    )


def can_record_contract(user, case: OnboardingCase) -> Verdict:
    """The labour contract is recorded from the case by cleared HR while the employee has none yet."""
    verdict = first_denial(_hr(user, secret=True), _not_own(user, case))
    if not verdict:
        return verdict
    if case.status == OnboardingCase.Status.CLOSED:
        return deny("case_closed", _("This case is closed."))
    if not case.contract_type:
        return deny("no_labour_contract", _("Agency workers and interns have no labour contract with the company."))
    if case.employee.contracts.exists():
        return deny("contract_exists", _("The employee already has a labour contract in the personnel file."))
    return ALLOW


def can_record_safety_education(user, case: OnboardingCase) -> Verdict:
    verdict = first_denial(_not_own(user, case), _department(user, case))
    if not verdict:
        return verdict
    if case.status == OnboardingCase.Status.CLOSED:
        return deny("case_closed", _("This case is closed."))
    if not case.tasks.filter(code="safety_education").exists():
        return deny("no_safety_education", _("This post needs no three-level safety education."))
    return ALLOW


def can_review(user, case: OnboardingCase) -> Verdict:
    """The department reviews: heads of the employee's department (or above), and HR."""
    return first_denial(_not_own(user, case), _department(user, case), _probation_running(case))


def can_self_report(user, case: OnboardingCase) -> Verdict:
    """The employee writes it; for someone without a login HR records the report handed in on paper."""
    on_paper = case.employee.user_id is None and user is not None and _hr(user).allowed
    if user is None or (case.employee.user_id != user.pk and not on_paper):
        return deny("not_own_case", _("Only the employee writes their own self-report."))
    if not case.is_staff_grade:
        return deny("not_staff_grade", _("The self-report is for staff-grade employees and above."))
    return _probation_running(case)


def can_extend(user, case: OnboardingCase, review=None) -> Verdict:
    return first_denial(
        _hr(user),
        _not_own(user, case),
        _probation_running(case),
        _latest_review_recommends(case, Recommendation.EXTEND, review),
    )


def can_convert(user, case: OnboardingCase, review=None) -> Verdict:
    return first_denial(
        _hr(user, secret=True),
        _not_own(user, case),
        _probation_running(case),
        _latest_review_recommends(case, Recommendation.CONVERT, review),
    )


def can_resubmit_conversion(user, conversion: Conversion) -> Verdict:
    verdict = first_denial(_hr(user, secret=True), _not_own(user, conversion.case))
    if not verdict:
        return verdict
    if conversion.status != Conversion.Status.RETURNED:
        return deny("conversion_not_returned", _("Only a conversion returned for changes can be resubmitted."))
    case = conversion.case
    if _today() > case.probation_end:
        return _probation_running(case)
    return ALLOW


def can_terminate(user, case: OnboardingCase) -> Verdict:
    return first_denial(_hr(user), _not_own(user, case), _probation_running(case))


def can_print_salary_slip(user) -> Verdict:
    """The 调薪单 carries salaries: only for users cleared for secret HR data."""
    if user is None or not user.sees_secret_hr_data:
        return deny("not_cleared", _("The salary adjustment slip is secret HR data."))
    return ALLOW


def can_print_termination(user, case: OnboardingCase) -> Verdict:
    """The internal approval form of a termination in probation (a separation case) prints for whoever sees the
    onboarding case (scope is checked by the selector), not for the employee it concerns."""
    return _not_own(user, case)


def can_change_in_admin(user, obj=None) -> Verdict:
    """The admin site shows cases, tasks, reviews, conversions, terminations and safety records but never
    changes them: their states move only through the services and the approval engine (the pages above)."""
    return deny(
        "through_the_process",
        _("Onboarding records change only through the onboarding pages and the approval flow."),
    )


def can_send_registration_link(user, case: OnboardingCase) -> Verdict:
    """HR sends the new hire the one-time registration link while the case is open and nothing awaits review."""
    return first_denial(
        _not_own(user, case),
        _hr(user),
        deny("case_closed", _("This case is closed.")) if case.status == OnboardingCase.Status.CLOSED else ALLOW,
    )


def can_email_registration_link(user, case: OnboardingCase) -> Verdict:
    """HR e-mails the new link to the new hire when it may send one and the new hire has an e-mail address (on the
    employee record, or the candidate's)."""
    return first_denial(
        can_send_registration_link(user, case),
        ALLOW
        if case.new_hire_email
        else deny(
            "no_email",
            _(
                "%(name)s has no e-mail address (neither on the employee record nor on the application). Add one, "
                "or give them the link or its QR code in person."
            )
            % {"name": case.employee.name},
        ),
    )


def can_view_registration(user, case: OnboardingCase) -> Verdict:
    """HR reads what a new hire filled in (not on their own case)."""
    return first_denial(_not_own(user, case), _hr(user))


def can_confirm_registration(user, link) -> Verdict:
    """HR confirms what the new hire filled in, once."""
    return first_denial(
        _not_own(user, link.case),
        _hr(user),
        ALLOW
        if link.status == link.Status.SUBMITTED
        else deny("registration_not_submitted", _("Nothing is waiting for confirmation.")),
    )
