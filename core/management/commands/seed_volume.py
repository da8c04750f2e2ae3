"""Deterministic volume data on top of the demo company, for benchmarks and load tests.

    manage.py seed_volume --employees 10000 --years 10 [--seed N] [--today YYYY-MM-DD]

Each local app's `volume.py` contributes its history (see core.seeding). The whole run is one
transaction: a failure leaves nothing behind. The run's size and duration are written to
var/seed_volume.json, which `make bench` reports against the 5-minute budget.
"""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from core.seeding import VolumeContext, record_volume_run, run_generators


class Command(BaseCommand):
    help = "Generate deterministic volume data (departments, positions, employees and their history)."

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, default=10000, help="Employee records to create (incl. leavers).")
        parser.add_argument("--years", type=int, default=10, help="Years of history before today.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same data.")
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None, help="Pretend date (ISO).")
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, employees, years, seed, today, batch_size, verbosity, **options):
        if employees < 10 or years < 1:
            raise CommandError("Use at least --employees 10 and --years 1.")
        ctx = VolumeContext(
            employees=employees,
            years=years,
            seed=seed,
            today=today or datetime.date.today(),
            batch_size=batch_size,
            log=(lambda msg: self.stdout.write(msg)) if verbosity >= 2 else (lambda msg: None),
        )
        started = time.perf_counter()
        with transaction.atomic():
            timings = run_generators(ctx)
        if connection.vendor == "postgresql":
            # Fresh statistics, so the planner sees the new volume at once.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        total = time.perf_counter() - started
        record_volume_run(employees=employees, years=years, seed=seed, seconds=total, rows=ctx.counts)
        if verbosity >= 1:
            for label, seconds in timings:
                self.stdout.write(f"  {label:<16} {seconds:7.1f} s")
            for model, rows in sorted(ctx.counts.items()):
                self.stdout.write(f"  {model:<32} {rows:>8} rows")
            self.stdout.write(self.style.SUCCESS(f"Volume data generated in {total:.1f} s (seed {seed})."))
