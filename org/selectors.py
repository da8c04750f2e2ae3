"""Reads of the organisation, scoped to what a user may see (spec 00: department scoping)."""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet

from .models import Department, Position


def departments_led_by(user) -> QuerySet[Department]:
    """Departments whose head or manager is this user's employee record."""
    if not user.is_authenticated:
        return Department.objects.none()
    return Department.objects.filter(Q(head__user=user) | Q(manager__user=user))


def scope_department_ids(user) -> list[int] | None:
    """Ids of the departments a user may see, or None for every department. Cached per user object."""
    if user.sees_all_departments:
        return None
    cached = getattr(user, "_scope_department_ids", None)
    if cached is None:
        # One query: every department whose path starts with the path of a department the user leads.
        below = ExpressionWrapper(OuterRef("path"), output_field=CharField())
        led_above = departments_led_by(user).annotate(below=below).filter(below__startswith=F("path"))
        cached = list(Department.objects.filter(Exists(led_above)).order_by("path").values_list("pk", flat=True))
        user._scope_department_ids = cached
    return cached


def departments_visible_to(user) -> QuerySet[Department]:
    ids = scope_department_ids(user)
    qs = Department.objects.all()
    return qs if ids is None else qs.filter(pk__in=ids)


def positions_visible_to(user) -> QuerySet[Position]:
    ids = scope_department_ids(user)
    qs = Position.objects.all()
    return qs if ids is None else qs.filter(department_id__in=ids)
