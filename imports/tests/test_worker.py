"""A big roster is checked and imported by a real Celery worker fed through Redis (CI has Redis; skips locally
without REDIS_URL). The worker runs in a thread of this process, on the same test database."""

import time

import pytest
from celery.result import EagerResult

from employees.models import Employee
from imports import services
from imports.models import ImportJob
from imports.tasks import import_job_check_task
from tests.test_celery_worker import finished_tasks, redis_worker_app  # noqa: F401  (fixtures)

from .conftest import employee_row, employees_csv


@pytest.fixture
def worker_app(redis_worker_app):  # noqa: F811
    """The shared fixture's app, with no producer pool left from another worker test of the session (closed
    with its connections there: "Acquire on closed pool"), and none left behind for the next one."""
    from kombu import pools

    app, queue = redis_worker_app
    app.amqp._producer_pool = None
    pools.reset()
    yield app, queue
    app.amqp._producer_pool = None
    pools.reset()


def _wait_for_status(job, statuses, finished, count, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(finished) >= count:  # the worker is done with the task: safe to read (SQLite locks tables)
            job.refresh_from_db()
            if job.status in statuses:
                return job.status
        time.sleep(0.1)
    job.refresh_from_db()
    return job.status


@pytest.mark.redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_checks_and_imports_a_big_roster(worker_app, finished_tasks, users, limits, monkeypatch):  # noqa: F811
    from celery.contrib.testing.worker import start_worker

    app, queue = worker_app
    queued = []
    monkeypatch.setattr(import_job_check_task, "delay", lambda *a: queued.append(import_job_check_task.apply_async(a)))
    rows = [employee_row(n) for n in range(1, 9)]
    with start_worker(app, pool="solo", perform_ping_check=False, queues=[queue], shutdown_timeout=30):
        job = services.import_job_start(kind="employees", upload=employees_csv(rows), by=users["hr"])
        assert queued and not isinstance(queued[0], EagerResult)
        assert _wait_for_status(job, {ImportJob.Status.READY, ImportJob.Status.INVALID}, finished_tasks, 1) == "ready"
        assert job.rows_done == 8
        services.import_job_commit(job=job, by=users["hr"])
        assert _wait_for_status(job, {ImportJob.Status.DONE, ImportJob.Status.INVALID}, finished_tasks, 2) == "done"
    assert Employee.objects.filter(number__startswith="IMP").count() == 8
