"""The org chart (组织架构图): the department tree the reader may see, each department with its head, its headcount
against the authorised headcount of its positions, and a link to its people (the scoped employee list)."""

from dataclasses import dataclass

from django.db.models import IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from core.queries import subquery_count

from .models import Department, Position
from .selectors import departments_visible_to


@dataclass
class ChartNode:
    department: Department
    depth: int  # relative to the shallowest department shown
    headcount: int
    authorised: int


def org_chart(user) -> list[ChartNode]:
    """Departments in tree order (one query), with their own active people and authorised headcount."""
    from employees.models import Employee

    authorised = (
        Position.objects.filter(department=OuterRef("pk"), is_active=True)
        .order_by()
        .values("department")
        .annotate(n=Sum("authorised_headcount"))
        .values("n")
    )
    departments = list(
        departments_visible_to(user)
        .filter(is_active=True)
        .select_related("head")
        .annotate(
            # Per department (a subquery), not a join of every employee grouped by all the department's columns.
            active=subquery_count(
                Employee.objects.filter(department=OuterRef("pk")).exclude(status="separated"), "department"
            ),
            authorised=Coalesce(Subquery(authorised, output_field=IntegerField()), 0),
        )
        .order_by("path")
    )
    top = min((d.depth for d in departments), default=0)
    return [ChartNode(d, d.depth - top, d.active, d.authorised) for d in departments]
