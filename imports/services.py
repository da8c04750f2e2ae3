"""Imports that never hold a web worker: a file of more than HRMS_IMPORT_BACKGROUND_ROWS rows is checked and
written by Celery tasks; a smaller one is checked at once, in the request. Either way the job keeps the result:
every problem (line, column, what is wrong) of the dry run, or the totals of the commit, which writes nothing
unless every row is valid."""

import datetime
import logging
import uuid

from auditlog.context import set_actor
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.errors import error_codes

from . import policies
from .files import check_size, extension
from .kinds import KINDS
from .models import ImportJob
from .progress import Progress, last_progress

logger = logging.getLogger(__name__)

Status = ImportJob.Status


def runs_in_background(rows: int) -> bool:
    return rows > settings.HRMS_IMPORT_BACKGROUND_ROWS


def import_job_start(*, kind: str, upload, by, dataset=None) -> ImportJob:
    """Read the file (columns and limits checked, refused in words), keep it in the private storage and check its
    rows: at once for a small file, in a task for a big one. `dataset`: the file's rows, if already read."""
    policies.can_start(by, kind).enforce()
    check_size(upload.size)
    if dataset is None:
        dataset = KINDS[kind].read(upload)
    upload.seek(0)
    job = ImportJob(
        kind=kind,
        created_by=by,
        file_name=(upload.name or "")[:255],
        total_rows=len(dataset),
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    job.file.save(f"{uuid.uuid4().hex}{extension(upload.name)}", ContentFile(upload.read()), save=False)
    job.save()
    if runs_in_background(job.total_rows):
        from .tasks import import_job_check_task

        transaction.on_commit(lambda: import_job_check_task.delay(job.pk))
    else:
        import_job_check(job_id=job.pk)
        job.refresh_from_db()
    return job


def import_job_commit(*, job: ImportJob, by) -> ImportJob:
    """Import the checked rows: at once for a small file, in a task for a big one."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        policies.can_commit(by, job).enforce()
        job.status = Status.COMMIT_QUEUED
        job.committed_by = by
        job.rows_done = 0
        job.save(update_fields=["status", "committed_by", "rows_done", "updated_at"])
    if runs_in_background(job.total_rows):
        from .tasks import import_job_write_task

        transaction.on_commit(lambda: import_job_write_task.delay(job.pk))
    else:
        import_job_write(job_id=job.pk)
        job.refresh_from_db()
    return job


def import_job_check(*, job_id: int) -> None:
    """The dry run: every row checked, nothing kept; the job keeps the problems."""
    job = _claim(job_id, Status.QUEUED, Status.CHECKING)
    if job is not None:
        _run(job, dry_run=True, actor=job.created_by)


def import_job_write(*, job_id: int) -> None:
    """The commit: every row written in one transaction, or none (the job then keeps the problems)."""
    job = _claim(job_id, Status.COMMIT_QUEUED, Status.COMMITTING)
    if job is not None:
        _run(job, dry_run=False, actor=job.committed_by or job.created_by)


def _claim(job_id: int, expected: str, running: str) -> ImportJob | None:
    """The job, moved to its running state; None when another delivery of the task already took it."""
    with transaction.atomic():
        job = (
            ImportJob.objects.select_for_update(of=("self",))
            .select_related("created_by", "committed_by")
            .get(pk=job_id)
        )
        if job.status != expected:
            return None
        job.status = running
        job.rows_done = 0
        job.save(update_fields=["status", "rows_done", "updated_at"])
    return job


def _run(job: ImportJob, *, dry_run: bool, actor) -> None:
    kind = KINDS[job.kind]
    with translation.override(job.language or settings.LANGUAGE_CODE):
        try:
            with job.file.open("rb") as handle:
                upload = ContentFile(handle.read(), name=job.file_name)
            dataset = kind.read(upload)
            progress = Progress(job.pk, len(dataset))
            with set_actor(actor):
                report = kind.run(dataset=dataset, by=actor, dry_run=dry_run, on_row=progress.tick)
        except ValidationError as error:
            _finish(job, Status.FAILED, {"error": " ".join(error.messages), "codes": _codes(error)})
            return
        except Exception:
            logger.exception("Import job %s stopped", job.pk)
            _finish(job, Status.FAILED, {"error": _("The import stopped unexpectedly; nothing was imported.")})
            return
    result = report.as_json(max_problems=settings.HRMS_IMPORT_MAX_PROBLEMS_SHOWN)
    if dry_run:
        status = Status.READY if report.ok else Status.INVALID
    else:
        status = Status.DONE if report.written else Status.INVALID
    _finish(job, status, result)


def import_jobs_fail_stalled(*, now=None) -> int:
    """Mark failed every running job that has not moved for HRMS_IMPORT_STALLED_MINUTES: its worker died (a
    restart, out of memory) and no task will finish it. Nothing of it was written — the commit writes every row in
    one transaction (kinds.resource_import), which a dead worker's connection rolled back — so the job says so and
    the one who started it is told to upload the file again. A task delivered again later finds the job no longer
    in the state it expects and does nothing (`_claim`). Returns how many jobs were marked."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(minutes=settings.HRMS_IMPORT_STALLED_MINUTES)
    # Its state changed before the limit (one query); then its worker's last count, kept in the cache.
    suspects = ImportJob.objects.filter(status__in=ImportJob.RUNNING, updated_at__lt=limit)
    stalled = [job.pk for job in suspects if last_progress(job) < limit]
    marked = 0
    for pk in stalled:
        with transaction.atomic():
            job = ImportJob.objects.select_for_update().select_related("created_by").filter(pk=pk).first()
            if job is None or not job.is_running or job.updated_at >= limit:
                continue  # it moved meanwhile
            with translation.override(job.language or settings.LANGUAGE_CODE):
                message = _("The import stopped without finishing; nothing was written. Upload the file again.")
                _finish(job, Status.FAILED, {"error": message, "codes": ["import_stalled"]})
                _notify_stalled(job, message)
            marked += 1
    if marked:
        logger.warning("Marked %s stalled import job(s) failed", marked)
    return marked


def _notify_stalled(job: ImportJob, message: str) -> None:
    from notifications.services import notify

    from .notices import STALLED

    notify(
        recipient=job.created_by,
        kind=STALLED,
        title=_("Import stopped: %(file)s") % {"file": job.file_name},
        body=message,
        url=job.get_absolute_url(),
    )


def _codes(error: ValidationError) -> list[str]:
    return sorted(error_codes(error))


def _finish(job: ImportJob, status: str, result: dict) -> None:
    job.status = status
    job.result = result
    job.rows_done = job.total_rows if status != Status.FAILED else 0
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "result", "rows_done", "finished_at", "updated_at"])
