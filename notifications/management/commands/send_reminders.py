import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifications import reminders


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date must be YYYY-MM-DD, not {value!r}")


class Command(BaseCommand):
    help = "Run every reminder sweep in this process (for cron when no Celery broker is used); safe to rerun."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to run the sweeps for, YYYY-MM-DD (default: today)")

    def handle(self, *args, date=None, **options):
        today = _date(date) if date else timezone.localdate()
        try:
            counts = reminders.run_all(today)
        except reminders.SweepsFailed as exc:
            self._print(today, exc.counts)
            raise CommandError(f"failed sweeps (see the log; rerunning is safe): {', '.join(exc.failed)}")
        self._print(today, counts)

    def _print(self, today, counts):
        self.stdout.write(f"Reminder sweeps for {today.isoformat()}:")
        for kind, count in counts.items():
            self.stdout.write(f"  {kind}: {count}")
        self.stdout.write(f"Total new reminders: {sum(counts.values())}")
