"""Reads of the retention review: what is due per record type, with constant queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, IntegerField, QuerySet, Value, When

from .models import RetentionConfirmation, RetentionPolicy
from .records import RECORDS, Records, count_of, cutoff_of


@dataclass
class Due:
    policy: RetentionPolicy
    records: Records
    cutoff: datetime.date
    count: int | None = None

    @property
    def why(self) -> str:
        return self.records.why % {"cutoff": f"{self.cutoff:%Y-%m-%d}", "months": self.policy.months}

    def queryset(self, today: datetime.date) -> QuerySet:
        return self.records.due(today, self.policy.months)


def due_for(policy: RetentionPolicy, today: datetime.date) -> Due:
    return Due(policy=policy, records=RECORDS[policy.record_type], cutoff=cutoff_of(today, policy.months))


def due_overview(today: datetime.date) -> list[Due]:
    """Every record type with the number of its records past the period: two queries however many types there are
    (the table, then the table again with each row's count as a subquery of its own records)."""
    rows = [due_for(policy, today) for policy in RetentionPolicy.objects.all()]
    if not rows:
        return rows
    counted = RetentionPolicy.objects.annotate(
        due=Case(
            *[When(pk=row.policy.pk, then=count_of(row.queryset(today))) for row in rows],
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    counts = dict(counted.values_list("pk", "due"))
    for row in rows:
        row.count = counts.get(row.policy.pk, 0)
    return rows


def recent_confirmations(limit: int = 20) -> QuerySet[RetentionConfirmation]:
    return RetentionConfirmation.objects.select_related("confirmed_by")[:limit]
