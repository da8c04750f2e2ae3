"""Query helpers for list pages."""

from django.db.models import Count, IntegerField, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce


def subquery_count(related: QuerySet, field: str):
    """COUNT(*) of `related` rows per outer row (`related` filtered on OuterRef), as an annotation.

    Unlike `Count("relation")` it needs no join and GROUP BY over the whole related table: a page counts only
    its own rows, and `QuerySet.count()` (the paginator) leaves it out.
    """
    counted = related.order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
