"""The beat scheduler: django-celery-beat's, but settings only seed the schedule.

django-celery-beat writes every CELERY_BEAT_SCHEDULE entry over its database row each time beat starts,
which would undo an administrator's change in the admin. Here an entry is only created when its row is
missing; after that the row in the admin (periodic tasks) is the schedule.
"""

from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler as BaseDatabaseScheduler


class DatabaseScheduler(BaseDatabaseScheduler):
    def setup_schedule(self):
        self.install_default_entries(self.schedule)
        configured = self.app.conf.beat_schedule or {}
        existing = set(PeriodicTask.objects.filter(name__in=list(configured)).values_list("name", flat=True))
        self.update_from_dict({name: entry for name, entry in configured.items() if name not in existing})
