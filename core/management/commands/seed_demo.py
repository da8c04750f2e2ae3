"""`manage.py seed_demo [--force]`: fill the database with the demo company.

Convention — every app seeds its own demo data:

* A local app (one whose code lives in this project, not in site-packages) may have a module
  `<app>/demo.py` with a function `seed(*, stdout=None) -> None`.
* This command imports those modules in INSTALLED_APPS order (core, accounts, org, employees,
  approvals, notifications, printing, then every later app) and calls `seed(stdout=self.stdout)`
  inside one `transaction.atomic` per app, so a failing app leaves none of its rows behind.
* `seed()` must be idempotent: find its rows by natural keys (codes, numbers, usernames) and only
  add what is missing, so running the command twice gives the same rows. It may rely on what
  earlier apps seeded (org.demo's department and position codes, employees.demo's people,
  accounts.demo's DEMO_LOGINS) and should use random.Random(<constant>) for anything random.
* Write a short summary line to `stdout` if useful; do not print secrets.

Demo data is for development and demonstrations: the command refuses to run when DEBUG is off
unless `--force` is given.
"""

import importlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils.module_loading import module_has_submodule


def local_app_configs():
    """App configs of this project's own apps, in INSTALLED_APPS order."""
    base_dir = Path(settings.BASE_DIR).resolve()
    for app_config in apps.get_app_configs():
        path = Path(app_config.path).resolve()
        if path.is_relative_to(base_dir) and not {"site-packages", "dist-packages"} & set(path.parts):
            yield app_config


class Command(BaseCommand):
    help = "Create the demo company, its people and the demo logins (idempotent; DEBUG only unless --force)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even though DEBUG is off (never on a production database).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo data because DEBUG is off: this looks like a production "
                "database. Run with --force if you really want demo users and people here."
            )
        # The demo's notifications e-mail nobody: kept in memory, not printed by the console backend above the
        # demo logins `make run` shows last.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            for app_config in local_app_configs():
                if not module_has_submodule(app_config.module, "demo"):
                    continue
                module = importlib.import_module(f"{app_config.name}.demo")
                self.stdout.write(f"Seeding {app_config.label} …")
                with transaction.atomic():
                    module.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready. `manage.py demo_logins` lists the logins."))
