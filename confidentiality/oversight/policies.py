"""Who may do what in oversight, in which state (core.policy). Scope is the selectors' job: a policy is asked only
about rows the user already sees."""

from django.utils.translation import gettext_lazy as _

from core import roles
from core.policy import ALLOW, Verdict, deny, first_denial
from core.security import SecrecyLevel

from .models import Incident, Inspection, Medium, Meeting
from .selectors import OFFICER_ROLES, is_officer

# Who may organise a classified meeting (with clearance at least secret).
ORGANISER_ROLES = (*OFFICER_ROLES, roles.GM, roles.VP, roles.DEPT_HEAD, roles.DEPT_MANAGER, roles.HR_MANAGER)


def _officer(user) -> Verdict:
    if is_officer(user):
        return ALLOW
    return deny("not_officer", _("Only the confidentiality officer or the records keeper may do this."))


def _confidentiality_officer(user) -> Verdict:
    if user.is_authenticated and user.has_role(roles.CONFIDENTIALITY_OFFICER):
        return ALLOW
    return deny("not_officer", _("Only the confidentiality officer may do this."))


# --- meetings


def can_schedule_meeting(user) -> Verdict:
    if not user.is_authenticated or not user.has_role(*ORGANISER_ROLES):
        return deny("role", _("Classified meetings are organised by managers and the confidentiality officer."))
    if user.clearance < SecrecyLevel.SECRET:
        return deny("clearance", _("Organising a classified meeting needs at least secret clearance."))
    return ALLOW


def can_manage_meeting(user, meeting: Meeting) -> Verdict:
    """Attendees, venue checks, discipline, relay rule, handouts and minutes: the organiser and the officers."""
    if meeting.organiser_id != user.pk and not is_officer(user):
        return deny("not_organiser", _("Only the organiser or the confidentiality officer may change this meeting."))
    if not meeting.is_open:
        return deny("closed", _("This meeting is closed."))
    return ALLOW


def can_collect_handout(user, meeting: Meeting) -> Verdict:
    if meeting.organiser_id != user.pk and not is_officer(user):
        return deny("not_organiser", _("Only the organiser or the confidentiality officer may check handouts in."))
    if meeting.status == Meeting.Status.CANCELLED:
        return deny("cancelled", _("This meeting was cancelled."))
    return ALLOW


def can_print_meeting(user, meeting: Meeting) -> Verdict:
    if meeting.organiser_id != user.pk and not is_officer(user):
        return deny("not_organiser", _("The handout register is printed by the organiser or the officer."))
    return ALLOW


# --- incidents


def can_report_incident(user) -> Verdict:
    if not user.is_authenticated:
        return deny("anonymous", _("Sign in to report."))
    return ALLOW


def can_handle_incident(user, incident: Incident) -> Verdict:
    """Investigation, remedial actions, responsible persons, decision and rewards: the confidentiality officer."""
    return first_denial(
        _confidentiality_officer(user),
        ALLOW if incident.status != Incident.Status.CLOSED else deny("closed", _("This incident is closed.")),
    )


def can_see_investigation(user, incident: Incident) -> Verdict:
    """The reporter sees the status of their report; the case itself is for the officer and the general manager."""
    if user.has_role(roles.CONFIDENTIALITY_OFFICER, roles.GM):
        return ALLOW
    return deny("not_officer", _("The investigation is seen by the confidentiality officer and the general manager."))


# --- inspections


def can_plan_inspection(user) -> Verdict:
    return _officer(user)


def can_record_inspection(user, inspection: Inspection) -> Verdict:
    is_inspector = inspection.inspectors.filter(pk=user.pk).exists()
    if not (is_officer(user) or is_inspector):
        return deny("not_inspector", _("Only the inspectors or the confidentiality officer may record this."))
    if inspection.status == Inspection.Status.CLOSED:
        return deny("closed", _("This inspection is closed."))
    return ALLOW


def can_close_action(user, action) -> Verdict:
    if not (is_officer(user) or action.owner_id == user.pk):
        return deny("not_owner", _("Only the owner or the confidentiality officer may close this action."))
    if action.closed_on is not None:
        return deny("closed", _("This action is already closed."))
    return ALLOW


# --- media


def can_register_medium(user) -> Verdict:
    return _officer(user)


def can_issue_medium(user, medium: Medium) -> Verdict:
    if not (is_officer(user) or medium.custodian_id == user.pk):
        return deny("not_custodian", _("Only the custodian or the records keeper may issue this medium."))
    if medium.status != Medium.Status.IN_STORE:
        return deny("not_in_store", _("The medium is not with its custodian."))
    return ALLOW


def can_return_medium(user, medium: Medium) -> Verdict:
    if not (is_officer(user) or medium.custodian_id == user.pk):
        return deny("not_custodian", _("Returns are checked in by the custodian or the records keeper."))
    if medium.status != Medium.Status.ISSUED:
        return deny("not_issued", _("The medium is not issued."))
    return ALLOW


def can_report_medium_lost(user, medium: Medium) -> Verdict:
    if medium.status in (Medium.Status.LOST, Medium.Status.RETIRED):
        return deny("gone", _("The medium is already lost or retired."))
    return ALLOW


def can_change_in_admin(user, obj=None) -> bool:
    """Rows change only through the pages' services; the admin is for reading (superusers excepted)."""
    return user.is_superuser
