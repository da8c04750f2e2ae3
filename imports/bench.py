"""Benchmark pages of imports (see benchmarks/registry.py): the user's jobs, the job with the most problems and
the employee import page."""

from django.db.models import F
from django.urls import reverse

from benchmarks.registry import Page, list_pages

from . import policies
from .selectors import import_jobs_visible_to


def pages(user) -> list[Page]:
    jobs = import_jobs_visible_to(user)
    found = []
    if policies.can_start(user, "employees"):
        found.append(Page("Employee import page", reverse("imports:start", args=["employees"]), "detail"))
    biggest = jobs.order_by(F("total_rows").desc(), "pk").first()
    if biggest is None:
        return found
    found += list_pages("Import jobs", "imports:job_list", total=jobs.count())
    found += [
        Page("Import job (most rows)", reverse("imports:job_detail", args=[biggest.pk]), "detail"),
        Page("Import job progress (htmx)", reverse("imports:job_progress", args=[biggest.pk]), "detail"),
    ]
    return found
