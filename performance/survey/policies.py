"""Who may do what with the satisfaction survey, in which state: one function per action (core.policy).

HR runs everything; the general manager and vice presidents read every result; a department head reads the
results of their own departments (only groups of at least 5 exist after closing, see models); an employee
answers the surveys they are invited to and, once published, reads the company summary.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles
from core.policy import ALLOW, Verdict, deny
from org.selectors import scope_department_ids

from .models import Invitation, Survey, SurveyStatus


def _today() -> datetime.date:
    return timezone.localdate()


def _hr(user) -> Verdict:
    if user is None or not user.is_authenticated or not user.is_hr:
        return deny("not_hr", _("Only HR does this."))
    return ALLOW


def sees_all_results(user) -> bool:
    """HR, and the general manager or a vice president (read-only)."""
    return bool(user.is_authenticated and (user.is_hr or user.has_role(roles.GM, roles.VP)))


def can_manage_templates(user) -> Verdict:
    return _hr(user)


def can_manage_survey(user) -> Verdict:
    """Create and edit surveys, open, close and publish them, write the report's conclusions: HR."""
    return _hr(user)


def can_edit_survey(user, survey: Survey) -> Verdict:
    verdict = _hr(user)
    if not verdict:
        return verdict
    if survey.status != SurveyStatus.DRAFT:
        return deny("not_draft", _("Only a draft survey can be changed; a running survey keeps its questions."))
    return ALLOW


def can_open(user, survey: Survey) -> Verdict:
    verdict = can_edit_survey(user, survey)
    if not verdict:
        return verdict
    if survey.end_date < _today():
        return deny("ended", _("The end date has passed: set new dates first."))
    return ALLOW


def can_close(user, survey: Survey) -> Verdict:
    verdict = _hr(user)
    if not verdict:
        return verdict
    if survey.status != SurveyStatus.OPEN:
        return deny("not_open", _("Only an open survey can be closed."))
    return ALLOW


def can_publish(user, survey: Survey) -> Verdict:
    verdict = _hr(user)
    if not verdict:
        return verdict
    if survey.status != SurveyStatus.CLOSED:
        return deny("not_closed", _("Only a closed survey's summary can be published."))
    return ALLOW


def can_write_report(user, survey: Survey) -> Verdict:
    verdict = _hr(user)
    if not verdict:
        return verdict
    if not survey.has_results:
        return deny("no_results", _("The report is written once the survey has closed."))
    return ALLOW


def can_answer(user, survey: Survey, invitation: Invitation | None) -> Verdict:
    if invitation is None:
        return deny("not_invited", _("You are not invited to this survey."))
    if invitation.answered:
        return deny("already_answered", _("You have already answered this survey. Thank you!"))
    today = _today()
    if survey.status != SurveyStatus.OPEN or not survey.start_date <= today <= survey.end_date:
        return deny("not_open", _("This survey is not open for answers."))
    return ALLOW


def can_view_participation(user, survey: Survey) -> Verdict:
    """The run's page (who was invited per department, how many answered): HR and company-wide readers."""
    if not sees_all_results(user):
        return deny("not_hr", _("Only HR and the general manager see the survey's participation."))
    return ALLOW


def can_view_results(user, survey: Survey) -> Verdict:
    if not survey.has_results:
        return deny("no_results", _("Results are shown once the survey has closed."))
    if sees_all_results(user):
        return ALLOW
    ids = scope_department_ids(user) if user.is_authenticated else []
    if ids:
        return ALLOW
    if survey.status == SurveyStatus.PUBLISHED and user.is_authenticated:
        return ALLOW
    return deny("not_published", _("The summary is shown to employees once HR publishes it."))
