"""Who may do what with positions and job descriptions: one function per action (core/policy.py).

Views (403), templates (the button or not), services (refuse) and the admin (read-only or not) ask these. Scope
is not asked here: a position outside the user's scope is never found (org.selectors → 404).
"""

from django.utils.translation import gettext_lazy as _

from core import roles
from core.policy import ALLOW, Verdict, deny, first_denial

from .models import JobDescription


def _hr(user, reason) -> Verdict:
    return ALLOW if user.is_hr else deny("not_hr", reason)


def can_create_position(user) -> Verdict:
    """HR creates a position with its first job description (approved HR manager → general manager)."""
    return _hr(user, _("Only HR can create positions."))


def can_submit_job_description(user, *, in_progress: JobDescription | None = None, carried: bool = False) -> Verdict:
    """HR writes a new version (or edits the draft that came back) and sends it for approval.

    in_progress: the position's newest unapproved version (services.job_description_in_progress), if any;
    carried: whether that version is written and approved with another process (a new-post requisition)."""
    state = ALLOW
    if carried:
        state = deny("jd_carried", _("This version is written and approved with another request; change it there."))
    elif in_progress is not None and in_progress.status == JobDescription.Status.PENDING:
        state = deny("jd_pending", _("Version %(v)s is still waiting for approval.") % {"v": in_progress.version})
    return first_denial(_hr(user, _("Only HR can edit job descriptions.")), state)


def can_edit_job_description_version(user, jd: JobDescription) -> Verdict:
    """A stored version is changed in place only while it is a draft; approved, rejected and pending versions are
    the record of what was approved (or asked) and never change (spec 01: editing creates a new version)."""
    if jd.status != JobDescription.Status.DRAFT:
        return deny("jd_not_draft", _("Only a draft version can be changed; edit the job description for a new one."))
    return _hr(user, _("Only HR can edit job descriptions."))


def can_set_special_post(user) -> Verdict:
    """Special posts are decided by R&D (研发部), or an administrator on its behalf, with their basis (spec 01)."""
    if not user.has_role(roles.RND, roles.SYSADMIN):
        return deny("not_rnd", _("Only R&D or an administrator can set the special-post flag."))
    return ALLOW


def can_change_authorised_headcount(user) -> Verdict:
    """The authorised headcount (编制) is the company plan: the HR manager, the general manager or an administrator
    on their behalf change it. (A new position's first number is approved with its job description.)"""
    if not user.has_role(roles.HR_MANAGER, roles.GM, roles.SYSADMIN):
        return deny(
            "headcount_not_allowed",
            _("Only the HR manager, the general manager or an administrator can change the authorised headcount."),
        )
    return ALLOW
