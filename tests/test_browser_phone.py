"""Every daily page at 390 px (issue 24): for each demo login, the approvals inbox and each decision page waiting
for it, the notifications, my requests, my onboarding and probation page, my profile and every list page it may
open fit the phone's width: nothing scrolls sideways (lists turn into cards)."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from accounts.demo import DEMO_LOGINS
from approvals.models import RequestStep, RequestStepStatus
from onboarding.models import OnboardingCase
from tests.phone import PHONE, narrow_cells, overflow, sign_in_as, widest

DAILY_PAGES = (
    "/",
    "/approvals/",
    "/approvals/requests/",
    "/notifications/",
    "/onboarding/mine/",
    "/people/me/",
    "/people/",
    "/org/departments/",
    "/org/positions/",
    "/recruitment/requisitions/",
    "/recruitment/candidates/",
    "/recruitment/applications/",
    "/onboarding/",
    "/audit/",
    "/logins/",
    "/retention/",
    "/imports/",
)
EXTRA_LOGINS = ("new_hire",)
# Pages whose tables are lists: at phone width each row is a card whose cells use the whole width.
LIST_PAGES = frozenset(DAILY_PAGES) - {"/", "/onboarding/mine/", "/people/me/"}
SHOTS = os.environ.get("HRMS_PHONE_SHOTS", "")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_daily_page_scrolls_sideways_on_a_phone_for_any_demo_login(browser_page, live_server):
    call_command("seed_demo", force=True, verbosity=0)
    page = browser_page
    page.set_viewport_size(PHONE)
    users = get_user_model().objects
    cases = list(OnboardingCase.objects.order_by("pk").values_list("pk", flat=True)[:3])
    checked, too_wide, squeezed = 0, [], []
    for username in [login.username for login in DEMO_LOGINS] + list(EXTRA_LOGINS):
        user = users.get(username=username)
        sign_in_as(page, live_server, user)
        urls = list(DAILY_PAGES)
        pending = RequestStep.objects.filter(assigned_to=user, status=RequestStepStatus.PENDING)
        urls += [f"/approvals/steps/{pk}/" for pk in pending.values_list("pk", flat=True)[:3]]
        urls += [f"/onboarding/{pk}/" for pk in cases]
        for url in urls:
            response = page.goto(url)
            if response.status != 200 or "/accounts/login" in page.url:
                continue
            checked += 1
            if overflow(page) > 0:
                too_wide.append(f"{username} {url}: +{overflow(page)}px ({widest(page)})")
            if url in LIST_PAGES and narrow_cells(page):
                squeezed.append(f"{username} {url}: {narrow_cells(page)}")
            if SHOTS and url in ("/approvals/", "/people/") or "/steps/" in url and SHOTS:
                page.screenshot(
                    path=f"{SHOTS}/{username}-{url.strip('/').replace('/', '-') or 'home'}.png", full_page=True
                )
    assert checked > 60
    assert not too_wide, "\n".join(too_wide)
    assert not squeezed, "\n".join(squeezed)
