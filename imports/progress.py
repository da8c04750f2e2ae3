"""Rows done of a running job, kept in the cache (Redis in production): the job's own rows are checked or written
inside one transaction, which another connection cannot see until it ends, so the count cannot live there."""

from django.core.cache import cache

TIMEOUT = 24 * 60 * 60


def _key(job_id: int) -> str:
    return f"imports:job:{job_id}:rows_done"


class Progress:
    """Counts rows; writes the count about a hundred times per run, not once per row."""

    def __init__(self, job_id: int, total: int):
        self.job_id = job_id
        self.done = 0
        self.step = max(1, total // 100)
        cache.set(_key(job_id), 0, TIMEOUT)

    def tick(self) -> None:
        self.done += 1
        if self.done % self.step == 0:
            cache.set(_key(self.job_id), self.done, TIMEOUT)


def rows_done(job) -> int:
    """The running count while the job runs, else the stored one."""
    if job.is_running:
        return min(int(cache.get(_key(job.pk)) or 0), job.total_rows)
    return job.rows_done
