"""Reads of people, scoped to what a user may see: company-wide roles see all, heads their subtree,
everyone else only themselves (self-service)."""

from django.db.models import Q, QuerySet

from org.selectors import scope_department_ids

from .models import Employee


def employees_visible_to(user) -> QuerySet[Employee]:
    qs = Employee.objects.all()
    ids = scope_department_ids(user)
    if ids is None:
        return qs
    return qs.filter(Q(department_id__in=ids) | Q(user=user))


def employee_for_user(user) -> Employee | None:
    if not user.is_authenticated:
        return None
    return Employee.objects.filter(user=user).select_related("department", "position").first()
