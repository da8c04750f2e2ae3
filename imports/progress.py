"""Rows done of a running job, kept in the cache (Redis in production): the job's own rows are checked or written
inside one transaction, which another connection cannot see until it ends, so the count cannot live there."""

import datetime

from django.core.cache import cache
from django.utils import timezone

TIMEOUT = 24 * 60 * 60


def _key(job_id: int) -> str:
    return f"imports:job:{job_id}:rows_done"


def _seen_key(job_id: int) -> str:
    return f"imports:job:{job_id}:progress_at"


def _touch(job_id: int, done: int) -> None:
    cache.set_many({_key(job_id): done, _seen_key(job_id): timezone.now().timestamp()}, TIMEOUT)


class Progress:
    """Counts rows; writes the count about a hundred times per run, not once per row."""

    def __init__(self, job_id: int, total: int):
        self.job_id = job_id
        self.done = 0
        self.step = max(1, total // 100)
        _touch(job_id, 0)

    def tick(self) -> None:
        self.done += 1
        if self.done % self.step == 0:
            _touch(self.job_id, self.done)


def rows_done(job) -> int:
    """The running count while the job runs, else the stored one."""
    if job.is_running:
        return min(int(cache.get(_key(job.pk)) or 0), job.total_rows)
    return job.rows_done


def last_progress(job) -> datetime.datetime:
    """When the job last moved: its last change of state, or the last count its worker wrote, whichever is later."""
    seen = cache.get(_seen_key(job.pk))
    if seen is None:
        return job.updated_at
    return max(job.updated_at, datetime.datetime.fromtimestamp(float(seen), tz=datetime.UTC))
