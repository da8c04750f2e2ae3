"""A real Celery worker, fed through Redis, delivers the daily reminder sweep (the one non-eager Celery test).

The worker runs in a thread of this process (celery.contrib.testing.worker.start_worker), so it uses the same
test database and sees the test-only sweep registered here. It consumes a queue unique to this test run, so
parallel runs sharing the Redis server do not take each other's tasks.
"""

import datetime
import time
import uuid

import pytest
from celery.result import EagerResult
from celery.signals import task_postrun
from django.core import mail

from hrms.celery import app as celery_app
from notifications import reminders
from notifications.models import Notification, ReminderDelivery
from notifications.services import ReminderItem, remind_once
from notifications.tasks import run_reminder_sweeps

KIND = "test.worker_reminder"
DAY = datetime.date(2025, 3, 10)


@pytest.fixture
def redis_worker_app(monkeypatch):
    """The project's Celery app pointed at REDIS_URL, not eager, with a queue of its own."""
    import os

    queue = f"hrms-test-{uuid.uuid4().hex[:12]}"
    overrides = {
        "broker_url": os.environ["REDIS_URL"],
        "task_always_eager": False,
        "task_default_queue": queue,
        "broker_connection_retry_on_startup": False,
    }
    saved = {key: celery_app.conf.get(key) for key in overrides}
    celery_app.conf.update(overrides)
    celery_app._pool = None  # drop connections made for the old broker
    yield celery_app, queue
    celery_app.conf.update(saved)
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    import redis

    redis.Redis.from_url(overrides["broker_url"]).delete(
        f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}", queue
    )


@pytest.fixture
def worker_sweep(monkeypatch):
    monkeypatch.setattr(reminders, "_sweeps", {})
    monkeypatch.setattr(reminders, "_discovered", True)

    @reminders.reminder(KIND)
    def sweep(today):
        from django.contrib.auth import get_user_model

        users = get_user_model().objects.filter(username="due-user")
        return remind_once(
            kind=KIND, items=[ReminderItem(recipient=u, obj=u, due_date=today, title="Contract ends") for u in users]
        )


@pytest.fixture
def finished_tasks():
    """task id -> final state, recorded by the worker thread; waiting on it keeps the test off the database
    while the worker writes (SQLite's shared in-memory test database locks whole tables)."""
    finished: dict[str, str] = {}

    def record(task_id=None, state=None, **kwargs):
        finished[task_id] = state

    task_postrun.connect(record, weak=False)
    yield finished
    task_postrun.disconnect(record)


def _wait_for(finished: dict, task_id: str, timeout: float = 30.0) -> str | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if task_id in finished:
            return finished[task_id]
        time.sleep(0.1)
    return None


@pytest.mark.redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_delivers_a_due_reminder_once(redis_worker_app, worker_sweep, finished_tasks, make_user):
    """A sweep enqueued with .delay() runs on a worker via Redis; delivering it twice still sends one reminder."""
    from celery.contrib.testing.worker import start_worker

    app, queue = redis_worker_app
    user = make_user("due-user", email="due@example.com")

    with start_worker(app, pool="solo", perform_ping_check=False, queues=[queue], shutdown_timeout=30):
        first = run_reminder_sweeps.delay(DAY.isoformat())
        assert not isinstance(first, EagerResult)
        assert _wait_for(finished_tasks, first.id) == "SUCCESS"
        again = run_reminder_sweeps.delay(DAY.isoformat())  # the same task redelivered (e.g. after a crash)
        assert _wait_for(finished_tasks, again.id) == "SUCCESS"

    notification = Notification.objects.get(recipient=user, kind=KIND)
    assert notification.title == "Contract ends"
    assert ReminderDelivery.objects.get(recipient=user, due_date=DAY).notification == notification
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["due@example.com"]
