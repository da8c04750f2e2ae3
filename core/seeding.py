"""The volume-data generator registry used by `manage.py seed_volume`.

Each local app may have a `volume.py` module with `generate(ctx: VolumeContext) -> None`. The command
imports them in INSTALLED_APPS order, so an app can use what the apps before it made
(`ctx.made["org.departments"]`, `ctx.made["employees.employees"]`, …). Each app gets its own random
stream (`ctx.rng`, derived from the seed and the app label): adding a generator to one app never
changes the data another app generates.
"""

import datetime
import importlib
import importlib.util
import json
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, models


@dataclass
class VolumeContext:
    """What every generator receives: the size of the run, a random stream, and what earlier apps made."""

    employees: int
    years: int
    seed: int
    today: datetime.date
    batch_size: int = 2000
    rng: random.Random = field(default_factory=random.Random)
    made: dict[str, Any] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)
    log: Callable[[str], None] = print

    @property
    def start(self) -> datetime.date:
        """The first day of the simulated history."""
        return add_years(self.today, -self.years)

    def rng_for(self, label: str) -> random.Random:
        return random.Random(f"{self.seed}:{label}")

    def bulk_create(self, model: type[models.Model], objs: Iterable[models.Model]) -> list:
        """Insert in batches; the objects come back with their primary keys (PostgreSQL and SQLite ≥ 3.35)."""
        objs = list(objs)
        created = model.objects.bulk_create(objs, batch_size=self.batch_size)
        self.counts[model._meta.label] += len(created)
        return created

    def random_date(self, first: datetime.date, last: datetime.date) -> datetime.date:
        if last <= first:
            return first
        return first + datetime.timedelta(days=self.rng.randint(0, (last - first).days))


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last_day in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last_day))
        except ValueError:
            continue
    raise ValueError(day)


def local_app_configs() -> list:
    """Our own apps (inside the project folder, not installed packages), in INSTALLED_APPS order."""
    base = Path(settings.BASE_DIR).resolve()
    found = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and ".venv" not in path.relative_to(base).parts:
            found.append(config)
    return found


def app_modules(module_name: str) -> list[tuple[str, Any]]:
    """(app label, module) for every local app that has `<app>/<module_name>.py`."""
    found = []
    for config in local_app_configs():
        dotted = f"{config.name}.{module_name}"
        if importlib.util.find_spec(dotted) is not None:
            found.append((config.label, importlib.import_module(dotted)))
    return found


def run_generators(ctx: VolumeContext) -> list[tuple[str, float]]:
    """Call each app's `volume.generate(ctx)` in order; returns (label, seconds) per app."""
    timings = []
    for label, module in app_modules("volume"):
        ctx.rng = ctx.rng_for(label)
        started = time.perf_counter()
        module.generate(ctx)
        timings.append((label, time.perf_counter() - started))
    return timings


VOLUME_RUN_RECORD = "seed_volume.json"


def record_volume_run(**run) -> None:
    """Keep the last seed_volume run (size, seconds, rows) in var/: `make bench` reports it against its budget."""
    run |= {"database": connection.settings_dict["NAME"], "seconds": round(run["seconds"], 1)}
    (settings.VAR_DIR / VOLUME_RUN_RECORD).write_text(json.dumps(run, indent=2, default=str) + "\n")


def last_volume_run() -> dict | None:
    """The recorded run, if it seeded the database this process is connected to."""
    try:
        run = json.loads((settings.VAR_DIR / VOLUME_RUN_RECORD).read_text())
    except (OSError, ValueError):
        return None
    return run if run.get("database") == connection.settings_dict["NAME"] else None
