"""Reads of the retention review: what is due per record type, with constant queries."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from .models import RetentionConfirmation, RetentionPolicy
from .records import RECORDS, Records, cutoff_of


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
    """Every record type with the number of its records past the period: one query per type, plus one."""
    rows = []
    for policy in RetentionPolicy.objects.all():
        due = due_for(policy, today)
        due.count = due.queryset(today).order_by().count()
        rows.append(due)
    return rows


def recent_confirmations(limit: int = 20) -> QuerySet[RetentionConfirmation]:
    return RetentionConfirmation.objects.select_related("confirmed_by")[:limit]
