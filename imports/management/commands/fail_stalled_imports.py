from django.core.management.base import BaseCommand

from imports.services import import_jobs_fail_stalled


class Command(BaseCommand):
    help = (
        "Mark failed the import jobs with no progress for HRMS_IMPORT_STALLED_MINUTES (their worker died); "
        "for cron when no Celery beat runs. Safe to rerun."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{import_jobs_fail_stalled()} stalled import job(s) marked failed")
