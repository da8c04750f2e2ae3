"""Every demo login browses every page it can reach, as a new user would on the demo company.

Pages are found by following links from the home page (GET only; a few pages per view). No page may fail
with a server error; users without secret clearance never see a full ID number; department-scoped users
never open a person outside their departments.
"""

import html
import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from accounts.demo import DEMO_LOGINS
from employees.models import Employee
from employees.selectors import employees_visible_to

PAGES_PER_VIEW = 2
MAX_PAGES = 220
SKIPPED_PREFIXES = ("/static/", "/media/", "/i18n/", "/accounts/logout")
HREF = re.compile(r'href="([^"#]*)"')


def _tour(client: Client):
    """Yield (url, view_name, response) for the pages reachable from the home page."""
    queue, seen, per_view = ["/"], set(), Counter()
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen or url.startswith(SKIPPED_PREFIXES):
            continue
        seen.add(url)
        try:
            view_name = resolve(urlsplit(url).path).view_name
        except Resolver404:
            continue
        if per_view[view_name] >= PAGES_PER_VIEW:
            continue
        per_view[view_name] += 1
        response = client.get(url)
        yield url, view_name, response
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            for href in HREF.findall(response.content.decode()):
                href = html.unescape(href)
                if href.startswith("?"):
                    href = urlsplit(url).path + href
                if href.startswith("/") and href not in seen:
                    queue.append(href)


@pytest.mark.parametrize("username", [login.username for login in DEMO_LOGINS])
def test_every_demo_login_browses_its_pages_without_errors_or_leaks(demo, django_user_model, username):
    user = django_user_model.objects.get(username=username)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    secret_ids = set() if user.sees_secret_hr_data else set(Employee.objects.values_list("id_number", flat=True))
    visible = set(employees_visible_to(user).values_list("pk", flat=True))

    failures, visited = [], 0
    for url, view_name, response in _tour(client):
        visited += 1
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {url}")
            continue
        if response.status_code != 200:
            continue
        if view_name == "employees:employee_detail":
            pk = resolve(urlsplit(url).path).kwargs["pk"]
            if pk not in visible:
                failures.append(f"out of scope but shown: {url}")
        if secret_ids and response.get("Content-Type", "").startswith("text/html"):
            leaked = [i for i in re.findall(r"\b\d{17}[\dX]\b", response.content.decode()) if i in secret_ids]
            if leaked:
                failures.append(f"unmasked ID number on {url}")

    assert visited > 3, f"{username} reached only {visited} pages"
    assert not failures, f"{username}: " + "; ".join(failures)


def _routes(patterns=None, prefix=""):
    from django.urls import URLPattern, URLResolver, get_resolver

    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _typed_urls():
    """Every routed page of ours as a user could type it: pages without arguments, and pages taking ids with a
    few real and unreal ids."""
    urls = set()
    for route in _routes():
        if route.startswith(("admin/", "static/", "media/", "i18n/", "accounts/logout", "^")):
            continue
        params = re.findall(r"<(?:(\w+):)?(\w+)>", route)
        if any(converter not in ("int", "") for converter, _name in params):
            continue
        for value in (1, 7, 999999):
            urls.add("/" + re.sub(r"<(?:\w+:)?\w+>", str(value), route))
    return sorted(urls)


@pytest.mark.parametrize("username", [login.username for login in DEMO_LOGINS])
def test_typed_urls_never_fail_and_never_leak(demo, django_user_model, username):
    """Typing any URL by hand gives a page, a refusal (403/404) or a redirect, never a server error; pages about
    a person outside the user's scope are refused."""
    user = django_user_model.objects.get(username=username)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    visible = set(employees_visible_to(user).values_list("pk", flat=True))
    failures = []
    for url in _typed_urls():
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {url}")
        elif response.status_code == 200 and resolve(url).view_name == "employees:employee_detail":
            if resolve(url).kwargs["pk"] not in visible:
                failures.append(f"out of scope but shown: {url}")
    assert not failures, f"{username}: " + "; ".join(failures)
