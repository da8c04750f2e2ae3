"""Benchmark pages of login management (see benchmarks/registry.py for the convention)."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from benchmarks.registry import Page, list_pages

from . import policies
from .selectors import logins_list


def pages(user) -> list[Page]:
    if not policies.can_manage_logins(user):
        return []
    logins = logins_list()
    busiest = get_user_model().objects.filter(username="hr").first() or logins.first()
    found = [
        *list_pages("Logins", "accounts:login_list", total=logins.count(), filters={"state": "active"}, search="head"),
        Page("Lockouts", reverse("accounts:lockout_list"), "list"),
    ]
    found.append(Page("Login form, new", reverse("accounts:login_create"), "form"))
    if busiest is not None:
        found.append(Page("Login detail", reverse("accounts:login_detail", args=[busiest.pk]), "detail"))
        if policies.can_change_access(user, busiest):
            found.append(Page("Login roles form", reverse("accounts:login_access", args=[busiest.pk]), "form"))
    return found
