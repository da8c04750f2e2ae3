"""Reads of offboarding, scoped by the user: the employee sees their own case, a department head their
department's (and below), each handover party only its own items, HR (and the company-wide roles) all."""

from django.db.models import Q, QuerySet

from core import roles
from org.selectors import scope_department_ids

from .models import DEPARTMENT_PARTIES, HandoverItem, Party, SeparationCase


def cases_visible_to(user) -> QuerySet[SeparationCase]:
    qs = SeparationCase.objects.all()
    if not user.is_authenticated:
        return qs.none()
    ids = scope_department_ids(user)
    if ids is None:
        return qs
    return qs.filter(Q(employee__department_id__in=ids) | Q(employee__user=user))


def uses_case_list(user) -> bool:
    """HR, the company-wide roles and department heads work from the list; an employee has their own case."""
    return user.is_authenticated and (scope_department_ids(user) is None or bool(scope_department_ids(user)))


def parties_of(user) -> list[str]:
    """The handover parties a user ticks for (HR: administration, finance and IT; heads: their department's work
    and equipment; the records keeper: classified documents)."""
    parties = []
    if user.is_hr:
        parties += [p for p in Party.values if p not in DEPARTMENT_PARTIES and p != Party.RECORDS]
    if user.has_role(roles.RECORDS_KEEPER):
        parties.append(Party.RECORDS)
    return parties


def items_for(user) -> QuerySet[HandoverItem]:
    """Handover items the user is responsible for (open and done), in running cases, never their own case."""
    condition = Q(party__in=parties_of(user))
    ids = scope_department_ids(user)
    if user.has_role(roles.DEPT_HEAD) and ids:
        condition |= Q(party__in=DEPARTMENT_PARTIES, case__employee__department_id__in=ids)
    return (
        HandoverItem.objects.filter(condition, case__status__in=["confirmed", "separated"])
        .exclude(case__employee__user=user)
        .select_related("case__employee__department", "handed_to", "done_by")
    )


def open_items_for(user) -> QuerySet[HandoverItem]:
    return items_for(user).filter(done_at__isnull=True)


def rehire_block(id_number: str) -> SeparationCase | None:
    """The separation that made a person with this ID number not eligible for rehire, or None (recruitment's
    duplicate check shows it)."""
    if not id_number:
        return None
    return (
        SeparationCase.objects.filter(employee__id_number=id_number.strip().upper(), not_eligible_for_rehire=True)
        .order_by("-last_day")
        .first()
    )
