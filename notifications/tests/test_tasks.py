import datetime
import importlib

import pytest
from django.apps import apps as global_apps
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from hrms.celery import app as celery_app
from notifications import reminders
from notifications.beat import DatabaseScheduler
from notifications.models import Notification
from notifications.tasks import run_reminder_sweeps

pytestmark = pytest.mark.django_db
MIGRATION = importlib.import_module("notifications.migrations.0002_daily_reminder_sweep_periodic_task")


def test_task_runs_every_sweep_for_the_given_day(only_test_sweep, make_user, monkeypatch):
    """The beat task runs the sweeps in-process when no broker is configured, and returns the counts."""
    make_user("alice", email="alice@example.com")
    seen = []
    original = reminders._sweeps[only_test_sweep]
    monkeypatch.setitem(reminders._sweeps, only_test_sweep, lambda today: seen.append(today) or original(today))
    result = run_reminder_sweeps.delay("2025-03-10")
    assert result.get() == {only_test_sweep: 1}
    assert seen == [datetime.date(2025, 3, 10)]
    run_reminder_sweeps.delay()
    assert seen[-1] == timezone.localdate()


def test_retried_task_sends_nothing_twice(only_test_sweep, make_user):
    """A task delivered twice (retry after a crash) does not repeat a reminder."""
    make_user("alice", email="alice@example.com")
    run_reminder_sweeps.delay("2025-03-10")
    assert run_reminder_sweeps.delay("2025-03-10").get() == {only_test_sweep: 0}
    assert Notification.objects.count() == 1


def test_daily_sweep_is_a_periodic_task_at_8_shanghai():
    """After migrate, the admin lists the daily reminder sweep at 08:00 Asia/Shanghai, editable."""
    task = PeriodicTask.objects.get(name="daily reminder sweep")
    assert task.task == "notifications.tasks.run_reminder_sweeps" and task.enabled
    assert (task.crontab.minute, task.crontab.hour, task.crontab.day_of_week) == ("0", "8", "*")
    assert str(task.crontab.timezone) == "Asia/Shanghai"


def test_periodic_task_migration_reverses_and_reapplies():
    """The data migration's reverse removes the task and its schedule; applying it again restores them."""
    MIGRATION.delete_periodic_task(global_apps, None)
    assert not PeriodicTask.objects.filter(name="daily reminder sweep").exists()
    assert not CrontabSchedule.objects.filter(hour="8", minute="0", timezone="Asia/Shanghai").exists()
    MIGRATION.create_periodic_task(global_apps, None)
    MIGRATION.create_periodic_task(global_apps, None)
    assert PeriodicTask.objects.filter(name="daily reminder sweep").count() == 1


# The scheduler commits and closes connections itself, so it cannot run inside a test transaction;
# serialized_rollback restores the rows the data migrations created.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_beat_keeps_the_administrators_schedule():
    """Starting beat does not overwrite a schedule edited in the admin; a missing entry is seeded from settings."""
    task = PeriodicTask.objects.get(name="daily reminder sweep")
    edited = CrontabSchedule.objects.create(minute="30", hour="7", timezone="Asia/Shanghai")
    task.crontab = edited
    task.save()

    DatabaseScheduler(app=celery_app, lazy=True).setup_schedule()
    assert PeriodicTask.objects.get(name="daily reminder sweep").crontab == edited

    PeriodicTask.objects.filter(name="daily reminder sweep").delete()
    DatabaseScheduler(app=celery_app, lazy=True).setup_schedule()
    seeded = PeriodicTask.objects.get(name="daily reminder sweep")
    assert (seeded.crontab.minute, seeded.crontab.hour) == ("0", "8")
    assert str(seeded.crontab.timezone) == "Asia/Shanghai"
