"""The page registry: which pages the benchmark requests, contributed by each app's `bench.py`.

Convention: a local app may have `<app>/bench.py` with

    def pages(user) -> list[Page]:
        ...

returning the pages of that app as this benchmark user sees them. Pick objects through the app's
scoped selectors (so a department head gets objects of their own department), and prefer the
heaviest realistic object (the biggest department, an employee with history). `list_pages()` builds
the four variants every list page is measured with: first page, a filtered page, a search and a
deep page. Return [] when the user has nothing to see there.

Every named URL is reached by some page for the users the harness measures (benchmarks/run.py pick_users), or is
listed with its reason in EXEMPT in core/tests/test_bench_registry.py (POST-only actions, redirects, login pages,
stored uploads streamed as they are); that test fails on a new page that is neither.

Form pages (new and edit) are kind "form", measured against the list budget: a form renders no list of
every employee or candidate, its pickers search as you type (core.pickers).
"""

from dataclasses import dataclass
from typing import Literal

from django.urls import reverse
from django.utils.http import urlencode

from core.seeding import app_modules

Kind = Literal["list", "detail", "pdf", "form", "home"]

# kind → (max SQL queries, max p95 ms); None means no query budget.
BUDGETS: dict[str, tuple[int | None, float]] = {
    "list": (12, 100.0),
    "detail": (20, 150.0),
    # The home page gathers one card (one query each, whatever the data size) from every app the user works in:
    # people, recruitment, onboarding, confidentiality, KPI, survey, offboarding, two report charts.
    "home": (28, 150.0),
    "pdf": (None, 400.0),
    "form": (12, 100.0),
}
# A register printed for a whole department runs to many pages; WeasyPrint lays out ~60–90 ms a page. A PDF's budget
# is the form's 400 ms for its first two pages plus this much for every further page.
PDF_MS_PER_EXTRA_PAGE = 100.0


def pdf_budget(pages: int) -> float:
    return BUDGETS["pdf"][1] + PDF_MS_PER_EXTRA_PAGE * max(0, pages - 2)


@dataclass(frozen=True)
class Page:
    label: str
    url: str
    kind: Kind


def list_pages(
    label: str,
    url_name: str,
    *,
    total: int,
    filters: dict | None = None,
    search: str = "",
    search_param: str = "q",
    args: tuple = (),
) -> list[Page]:
    """First page, a filtered page, a search and a deep page of one list.

    The deep page is total // 100: inside the list for page sizes up to 100, and far enough
    (e.g. page 100 of 400 at 25 per page) to show what OFFSET costs.
    """
    url = reverse(url_name, args=args)
    pages = [Page(f"{label} list", url, "list")]
    if filters:
        pages.append(Page(f"{label} list, filtered", f"{url}?{urlencode(filters)}", "list"))
    if search:
        pages.append(Page(f"{label} list, search", f"{url}?{urlencode({search_param: search})}", "list"))
    deep = total // 100
    if deep > 1:
        pages.append(Page(f"{label} list, page {deep}", f"{url}?page={deep}", "list"))
    return pages


def pages_for(user) -> list[Page]:
    """Every registered page for this user, in INSTALLED_APPS order."""
    found: list[Page] = []
    for _label, module in app_modules("bench"):
        found.extend(module.pages(user))
    return found
