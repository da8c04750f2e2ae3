"""The one reminder mechanism: apps register daily sweeps in their ``reminders.py``; ``run_all`` runs them.

    # approvals/reminders.py
    from notifications.reminders import reminder
    from notifications.services import ReminderItem, remind_once

    @reminder("approval.pending")
    def pending_steps(today):
        return remind_once(kind="approval.pending", items=[ReminderItem(...), ...])

A sweep builds its items with a constant number of queries and hands them to ``remind_once``, which sends
each (kind, recipient, object, due date) once however often the sweep runs. Select "due on or before today
and not yet done" rather than "due exactly today", keyed by the milestone date, so a day the sweep did not
run is caught up the next day without a duplicate.
"""

import datetime
import logging
from collections.abc import Callable

from django.utils.module_loading import autodiscover_modules

from . import kinds

logger = logging.getLogger(__name__)

Sweep = Callable[[datetime.date], int]
_sweeps: dict[str, Sweep] = {}
_discovered = False


class SweepsFailed(Exception):
    """One or more sweeps raised; the others ran and their reminders were sent."""

    def __init__(self, failed: list[str], counts: dict[str, int]):
        super().__init__(f"reminder sweeps failed: {', '.join(failed)}")
        self.failed = failed
        self.counts = counts


def reminder(kind: str, label=None) -> Callable[[Sweep], Sweep]:
    """Register ``fn(today) -> int`` as the daily sweep for ``kind`` (and the kind itself, if a label is given)."""

    def register(fn: Sweep) -> Sweep:
        _sweeps[kind] = fn
        if label is not None:
            kinds.register(kind, label)
        elif kinds.label_for(kind) == kind:
            kinds.register(kind, kind)
        return fn

    return register


def autodiscover() -> None:
    """Import every installed app's ``reminders`` module once, like the admin's autodiscover."""
    global _discovered
    if not _discovered:
        autodiscover_modules("reminders")
        _discovered = True


def registered_sweeps() -> dict[str, Sweep]:
    autodiscover()
    return dict(_sweeps)


def run_all(today: datetime.date) -> dict[str, int]:
    """Run every registered sweep for ``today``; returns the number of new reminders per kind.

    A failing sweep does not stop the others; the failure is logged and raised at the end so a task or
    cron job reports it (a rerun is safe: what was already sent is not sent again).
    """
    counts: dict[str, int] = {}
    failed: list[str] = []
    for kind, sweep in sorted(registered_sweeps().items()):
        try:
            counts[kind] = sweep(today)
        except Exception:
            logger.exception("Reminder sweep %s failed for %s", kind, today)
            failed.append(kind)
    if failed:
        raise SweepsFailed(failed, counts)
    return counts
