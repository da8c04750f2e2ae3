"""The background halves of an import job: they take the job's id and call the service."""

from celery import shared_task

from . import services


@shared_task
def import_job_check_task(job_id: int) -> None:
    services.import_job_check(job_id=job_id)


@shared_task
def import_job_write_task(job_id: int) -> None:
    services.import_job_write(job_id=job_id)


@shared_task
def import_jobs_fail_stalled_task() -> int:
    return services.import_jobs_fail_stalled()
