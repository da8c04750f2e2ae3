"""Reads of oversight, scoped. `meetings_visible_to(user)` is the one rule for classified meetings, used by every
list, detail, PDF, count, home card, reminder and admin page: a user outside it never learns that a meeting exists.
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from core import roles

from .models import Attendee, CorrectiveAction, Handout, Incident, Inspection, Medium, Meeting

# Who oversees confidentiality company-wide (the 归口管理部门 and its records keeper).
OFFICER_ROLES = (roles.CONFIDENTIALITY_OFFICER, roles.RECORDS_KEEPER)
# Who sees every leak incident.
INCIDENT_ROLES = (roles.CONFIDENTIALITY_OFFICER, roles.GM)


def is_officer(user) -> bool:
    return user.is_authenticated and user.has_role(*OFFICER_ROLES)


def meetings_visible_to(user) -> QuerySet[Meeting]:
    """Clearance ≥ the meeting's level AND (an attendee, the organiser, or the confidentiality officer / records
    keeper). Nobody sees a meeting above their clearance, whatever their role."""
    qs = Meeting.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    qs = qs.filter(level__lte=user.clearance)
    if is_officer(user):
        return qs
    attends = Attendee.objects.filter(meeting=OuterRef("pk"), user=user)
    return qs.filter(Q(organiser=user) | Exists(attends))


def handouts_uncollected(meetings: QuerySet[Meeting]) -> QuerySet[Handout]:
    """Handouts of meetings that took place and are not back: flagged on pages and reminded."""
    return Handout.objects.filter(
        meeting__in=meetings,
        collected_at__isnull=True,
        meeting__starts_at__lt=timezone.now(),
    ).exclude(meeting__status=Meeting.Status.CANCELLED)


def incidents_visible_to(user) -> QuerySet[Incident]:
    """The confidentiality officer and the general manager see every incident; a reporter their own reports."""
    qs = Incident.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.has_role(*INCIDENT_ROLES):
        return qs
    return qs.filter(reported_by=user)


def inspections_visible_to(user) -> QuerySet[Inspection]:
    """Officers, the general manager and vice president see every inspection; inspectors and action owners theirs."""
    qs = Inspection.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.has_role(*OFFICER_ROLES, roles.GM, roles.VP):
        return qs
    owns = CorrectiveAction.objects.filter(inspection=OuterRef("pk"), owner=user)
    return qs.filter(Q(inspectors=user) | Exists(owns)).distinct()


def actions_overdue(inspections: QuerySet[Inspection], today) -> QuerySet[CorrectiveAction]:
    return CorrectiveAction.objects.filter(inspection__in=inspections, closed_on__isnull=True, due_on__lt=today)


def media_visible_to(user) -> QuerySet[Medium]:
    """Officers see the whole register; a custodian the media in their keeping; a holder what they hold now."""
    qs = Medium.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if is_officer(user):
        return qs
    holds = Medium.objects.filter(pk=OuterRef("pk"), loans__holder=user, loans__returned_at__isnull=True)
    return qs.filter(Q(custodian=user) | Exists(holds))


def cleared_users(level=None) -> QuerySet:
    """Active logins, cleared for `level` when given (attendees, medium holders and custodians are chosen here)."""
    users = get_user_model().objects.filter(is_active=True)
    if level is not None:
        users = users.filter(clearance__gte=level)
    return users


def officers(level=None) -> list:
    """The confidentiality officers (and records keepers), cleared for `level` when given: notification recipients."""
    users = cleared_users(level).filter(groups__name__in=OFFICER_ROLES).distinct().order_by("pk")
    return list(users)
