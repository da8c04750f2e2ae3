"""Writes of the retention app: HR confirms what is past its retention period, in batches, each audited."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import policies
from .models import RetentionConfirmation, RetentionPolicy
from .selectors import due_for

# Records handled per transaction: a long "confirm all" never holds one huge transaction or lock.
BATCH_SIZE = 500


def retention_confirm(
    *, policy: RetentionPolicy, by, ids: list[int] | None = None, today: datetime.date | None = None
) -> int:
    """Anonymise or delete the records of `policy`'s type that are past the period: those of `ids`, or all of
    them when `ids` is None. Records no longer due are skipped. Each batch runs in its own transaction and
    writes a RetentionConfirmation (who, when, how many, which type, which action), which the audit trail
    records too. Returns how many records were handled."""
    policies.can_confirm(by, policy).enforce()
    today = today or timezone.localdate()
    due = due_for(policy, today)
    if ids is not None and not ids:
        raise ValidationError(_("Select at least one record to confirm."), code="retention_nothing_selected")
    wanted = due.queryset(today).order_by("pk")
    if ids is not None:
        wanted = wanted.filter(pk__in=ids)
    pks = list(wanted.values_list("pk", flat=True))
    total = 0
    for start in range(0, len(pks), BATCH_SIZE):
        with transaction.atomic():
            count = due.records.confirm(pks[start : start + BATCH_SIZE], today, policy.months)
            if count:
                RetentionConfirmation.objects.create(
                    record_type=policy.record_type,
                    action=policy.action,
                    count=count,
                    confirmed_by=by,
                    confirmed_at=timezone.now(),
                )
            total += count
    return total
