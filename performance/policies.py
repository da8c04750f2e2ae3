"""Who may do what to a KPI sheet, in which state (core.policy: one function per action, asked by views,
templates, services and the admin). Scope is the selectors' business: a sheet outside it is never found.

The head (or manager) of the sheet's department scores it — never their own; the employee self-assesses and
acknowledges their own; HR runs the setup, calibrates and locks, releases, amends a locked sheet with a reason
and records the consequences. The general manager and vice presidents read everything and change nothing, but
review the heads of top-level departments (whom no department head above them can).
"""

from django.utils.translation import gettext_lazy as _

from core import roles
from core.policy import ALLOW, Verdict, deny, first_denial
from org.selectors import scope_department_ids

from .models import Cycle, ImprovementPlan, PeerFeedback, Sheet, SheetStatus

BEFORE_SCORING = (SheetStatus.GOALS, SheetStatus.SELF, SheetStatus.SCORING)
RESULT_STATUSES = (
    SheetStatus.INTERVIEW,
    SheetStatus.ACKNOWLEDGEMENT,
    SheetStatus.CALIBRATION,
    SheetStatus.LOCKED,
)


def _hr(user) -> Verdict:
    return ALLOW if user.is_hr else deny("not_hr", _("Only HR staff do this."))


def _own(user, sheet: Sheet) -> bool:
    return user.is_authenticated and sheet.employee.user_id is not None and sheet.employee.user_id == user.pk


def _not_own(user, sheet: Sheet) -> Verdict:
    return deny("own_sheet", _("Nobody reviews their own KPI sheet.")) if _own(user, sheet) else ALLOW


def _reviews(user, sheet: Sheet) -> bool:
    """The head or manager of the sheet's department (or of one above it) reviews its people. The department's
    own head and manager are reviewed one level up: by the head of the parent department, and for a top-level
    department by the general manager or a vice president."""
    department = sheet.department
    ids = scope_department_ids(user)
    if sheet.employee_id not in (department.head_id, department.manager_id):
        return ids is not None and sheet.department_id in ids
    if department.parent_id is None:
        return user.has_role(roles.GM, roles.VP)
    return ids is not None and department.parent_id in ids


def _head(user, sheet: Sheet) -> Verdict:
    if _own(user, sheet):
        return deny("own_sheet", _("Nobody reviews their own KPI sheet."))
    if not _reviews(user, sheet):
        return deny("not_head", _("Only the head of the employee's department does this."))
    return ALLOW


def _status(sheet: Sheet, *statuses) -> Verdict:
    if sheet.status not in statuses:
        return deny(
            "wrong_status", _("The sheet is at another step (%(status)s).") % {"status": sheet.get_status_display()}
        )
    return ALLOW


def _self(user, sheet: Sheet) -> Verdict:
    return ALLOW if _own(user, sheet) else deny("not_own", _("Only the employee does this on their own sheet."))


# --- setup ----------------------------------------------------------------------------------------------------


def can_manage_templates(user) -> Verdict:
    return _hr(user)


def can_manage_cycles(user) -> Verdict:
    return _hr(user)


def can_edit_cycle(user, cycle: Cycle) -> Verdict:
    if cycle.status != Cycle.Status.DRAFT:
        return first_denial(_hr(user), deny("cycle_not_draft", _("An opened cycle keeps its settings.")))
    return _hr(user)


def can_open_cycle(user, cycle: Cycle) -> Verdict:
    """Draft → open (sheets generated); running it again on an open cycle adds only the sheets still missing."""
    if cycle.status == Cycle.Status.CLOSED:
        return first_denial(_hr(user), deny("cycle_closed", _("The cycle is closed.")))
    return _hr(user)


def can_close_cycle(user, cycle: Cycle) -> Verdict:
    if cycle.status != Cycle.Status.OPEN:
        return first_denial(_hr(user), deny("cycle_not_open", _("Only an open cycle can be closed.")))
    return _hr(user)


def can_edit_grades(user) -> Verdict:
    return _hr(user)


def can_export(user) -> Verdict:
    if not user.sees_all_departments:
        return deny("export_not_allowed", _("Only HR and the management export the results."))
    return ALLOW


def can_import_scores(user) -> Verdict:
    ids = scope_department_ids(user)
    if not user.is_hr and not ids:
        return deny("import_not_allowed", _("Only department heads and HR import KPI values."))
    return ALLOW


def can_view_summary(user) -> Verdict:
    ids = scope_department_ids(user)
    if ids is not None and not ids:
        return deny("no_scope", _("The department summary is for HR, the management and department heads."))
    return ALLOW


# --- the sheet's flow --------------------------------------------------------------------------------------------


def can_agree_goals(user, sheet: Sheet) -> Verdict:
    return first_denial(_head(user, sheet), _status(sheet, SheetStatus.GOALS))


def can_self_assess(user, sheet: Sheet) -> Verdict:
    return first_denial(_self(user, sheet), _status(sheet, SheetStatus.SELF))


def can_score(user, sheet: Sheet) -> Verdict:
    return first_denial(_head(user, sheet), _status(sheet, SheetStatus.SCORING))


def can_record_interview(user, sheet: Sheet) -> Verdict:
    return first_denial(_head(user, sheet), _status(sheet, SheetStatus.INTERVIEW))


def can_acknowledge(user, sheet: Sheet) -> Verdict:
    return first_denial(_self(user, sheet), _status(sheet, SheetStatus.ACKNOWLEDGEMENT))


def can_calibrate(user, sheet: Sheet) -> Verdict:
    return first_denial(_hr(user), _not_own(user, sheet), _status(sheet, SheetStatus.CALIBRATION))


def can_release(user, sheet: Sheet) -> Verdict:
    verdict = first_denial(
        _hr(user), _status(sheet, SheetStatus.INTERVIEW, SheetStatus.ACKNOWLEDGEMENT, SheetStatus.CALIBRATION)
    )
    if verdict and sheet.released:
        return deny("already_released", _("The result is already released."))
    return verdict


def can_amend_locked(user, sheet: Sheet) -> Verdict:
    return first_denial(_hr(user), _not_own(user, sheet), _status(sheet, SheetStatus.LOCKED))


def can_request_peers(user, sheet: Sheet) -> Verdict:
    if not sheet.cycle.peer_feedback:
        return deny("no_peer_feedback", _("This cycle has no peer feedback."))
    return first_denial(_head(user, sheet), _status(sheet, *BEFORE_SCORING))


def can_answer_peer(user, peer: PeerFeedback) -> Verdict:
    if not user.is_authenticated or peer.reviewer.user_id != user.pk:
        return deny("not_reviewer", _("Only the colleague asked answers this."))
    if peer.answered_at is not None:
        return deny("already_answered", _("The feedback was already given."))
    return _status(peer.sheet, *BEFORE_SCORING)


def can_record_consequences(user, sheet: Sheet) -> Verdict:
    return first_denial(_hr(user), _not_own(user, sheet), _status(sheet, SheetStatus.CALIBRATION, SheetStatus.LOCKED))


def can_see_result(user, sheet: Sheet) -> Verdict:
    """Scores and grade: HR and the management, the head (not of their own sheet); the employee once HR has
    locked the sheet or released the result."""
    if _own(user, sheet) and not user.is_hr:
        if sheet.released or sheet.status == SheetStatus.LOCKED:
            return ALLOW
        return deny("not_released", _("The result is shown once HR releases it."))
    return ALLOW


def can_print(user, sheet: Sheet) -> Verdict:
    return ALLOW


# --- improvement plans ---------------------------------------------------------------------------------------------


def _plan_writer(user, sheet: Sheet) -> Verdict:
    if user.is_hr and not _own(user, sheet):
        return ALLOW
    return _head(user, sheet)


def can_create_plan(user, sheet: Sheet, *, low_grades: set[str]) -> Verdict:
    verdict = first_denial(_plan_writer(user, sheet), _status(sheet, *RESULT_STATUSES))
    if not verdict:
        return verdict
    if sheet.final_grade not in low_grades:
        return deny("grade_not_low", _("Only a low grade needs an improvement plan."))
    if hasattr(sheet, "improvement_plan"):
        return deny("plan_exists", _("The sheet has its improvement plan already."))
    return ALLOW


def can_edit_plan(user, plan: ImprovementPlan) -> Verdict:
    if plan.status != ImprovementPlan.Status.OPEN:
        return deny("plan_done", _("The plan is completed."))
    if user.is_authenticated and plan.owner_id == user.pk and not _own(user, plan.sheet):
        return ALLOW
    return _plan_writer(user, plan.sheet)


def can_plan_training(user, plan: ImprovementPlan) -> Verdict:
    from .services import training_need_raiser

    if training_need_raiser() is None:
        return deny("training_unavailable", _("The training app does not take training needs yet."))
    if plan.training_need_id:
        return deny("training_raised", _("The gap is already a training need."))
    return _plan_writer(user, plan.sheet)
