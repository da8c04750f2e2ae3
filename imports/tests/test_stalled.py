"""An import whose worker died (a restart, out of memory) stays "running" otherwise: the sweep marks it failed after
HRMS_IMPORT_STALLED_MINUTES without progress, says nothing was written, and tells the one who started it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from employees.models import Employee
from imports import services, tasks
from imports.models import ImportJob
from imports.notices import STALLED
from imports.progress import Progress
from notifications.models import Notification

from .conftest import employee_row, employees_csv

Status = ImportJob.Status
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_progress_counts():
    """The running counts live in the cache, which outlives a test's rolled-back jobs (whose keys may be reused)."""
    from django.core.cache import cache

    cache.clear()


def _later(minutes: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(minutes=minutes)


def _running_job(user, status=Status.COMMITTING) -> ImportJob:
    return ImportJob.objects.create(
        kind="employees", created_by=user, file_name="roster.csv", total_rows=10, status=status
    )


class WorkerKilled(BaseException):
    """What a killed worker looks like to the code: not an Exception the job's own handler catches."""


def test_a_commit_whose_worker_died_is_marked_failed_and_left_nothing_written(
    users, login, limits, en, monkeypatch, django_capture_on_commit_callbacks
):
    client = login(users["hr"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("imports:start", args=["employees"]),
            {"file": employees_csv([employee_row(n) for n in range(1, 8)])},
        )
    job = ImportJob.objects.get()
    assert job.status == Status.READY
    with django_capture_on_commit_callbacks(execute=False):  # the task is queued, not run
        services.import_job_commit(job=job, by=users["hr"])

    ticks = {"n": 0}
    original = Progress.tick

    def dies_on_the_fourth_row(self):
        original(self)
        ticks["n"] += 1
        if ticks["n"] == 4:
            raise WorkerKilled

    monkeypatch.setattr(Progress, "tick", dies_on_the_fourth_row)
    with pytest.raises(WorkerKilled):
        services.import_job_write(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Status.COMMITTING  # what a dead worker leaves behind
    assert not Employee.objects.filter(number__startswith="IMP").exists()  # one transaction: rolled back

    assert services.import_jobs_fail_stalled(now=_later(20)) == 0  # not yet: the limit is 30 minutes
    assert services.import_jobs_fail_stalled(now=_later(31)) == 1

    job.refresh_from_db()
    assert job.status == Status.FAILED and job.finished_at
    assert job.result["codes"] == ["import_stalled"]
    assert not Employee.objects.filter(number__startswith="IMP").exists()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "The import stopped without finishing; nothing was written. Upload the file again." in page
    notice = Notification.objects.get(kind=STALLED)
    assert notice.recipient == users["hr"] and notice.url == job.get_absolute_url()
    # The task delivered again later (acks late) finds the job failed and does nothing.
    services.import_job_write(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert services.import_jobs_fail_stalled(now=_later(60)) == 0  # marked once


def test_a_job_that_still_makes_progress_is_left_running(users):
    job = _running_job(users["hr"])
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=2))
    Progress(job.pk, 10).tick()  # its worker wrote a count just now
    assert services.import_jobs_fail_stalled(now=_later(10)) == 0
    job.refresh_from_db()
    assert job.status == Status.COMMITTING
    assert services.import_jobs_fail_stalled(now=_later(45)) == 1


@pytest.mark.parametrize("status", [Status.QUEUED, Status.CHECKING, Status.COMMIT_QUEUED, Status.COMMITTING])
def test_every_running_state_is_swept_after_the_setting(users, settings, status):
    settings.HRMS_IMPORT_STALLED_MINUTES = 120
    job = _running_job(users["hr"], status)
    assert services.import_jobs_fail_stalled(now=_later(90)) == 0
    assert tasks.import_jobs_fail_stalled_task.apply(kwargs={}).get() == 0
    assert services.import_jobs_fail_stalled(now=_later(121)) == 1
    job.refresh_from_db()
    assert job.status == Status.FAILED


@pytest.mark.parametrize("status", [Status.READY, Status.INVALID, Status.DONE, Status.FAILED])
def test_finished_jobs_are_not_touched(users, status):
    job = _running_job(users["hr"], status)
    assert services.import_jobs_fail_stalled(now=_later(24 * 60)) == 0
    job.refresh_from_db()
    assert job.status == status and not Notification.objects.filter(kind=STALLED).exists()


def test_the_sweep_runs_on_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["stalled import sweep"]
    assert entry["task"] == tasks.import_jobs_fail_stalled_task.name


def test_the_command_runs_the_sweep_for_cron(users):
    from io import StringIO

    from django.core.management import call_command

    job = _running_job(users["hr"])
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=1))
    out = StringIO()
    call_command("fail_stalled_imports", stdout=out)
    assert out.getvalue().startswith("1 ")
    job.refresh_from_db()
    assert job.status == Status.FAILED
