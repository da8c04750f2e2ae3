"""The benchmark's page registry (benchmarks/registry.py and each app's bench.py) resolves on demo data."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.registry import BUDGETS, list_pages, pages_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", force=True, stdout=io.StringIO())
    return get_user_model().objects


# The users the harness measures (benchmarks/run.py pick_users): HR, a department head and the other roles.
BENCH_USERS = ["hr_manager", "prod_head", "records_keeper", "security_officer", "employee"]


@pytest.mark.parametrize("username", BENCH_USERS)
def test_every_registered_page_answers_200(demo, client, username):
    """Every page the benchmark requests exists and renders for each user the harness measures."""
    user = demo.get(username=username)
    client.force_login(user)
    pages = pages_for(user)

    assert {"list", "detail", "pdf"} <= {page.kind for page in pages}
    failed = [(page.label, page.url, status) for page in pages if (status := client.get(page.url).status_code) != 200]
    assert failed == []


def test_a_list_is_measured_first_filtered_searched_and_deep():
    pages = list_pages("Employees", "employees:employee_list", total=10000, filters={"status": "regular"}, search="王")

    assert [page.url.split("?", 1)[-1] for page in pages][1:] == ["status=regular", "q=%E7%8E%8B", "page=100"]
    assert {page.kind for page in pages} == {"list"}


DAILY_PAGES = {
    # The approvals inbox and "my requests" are registered where the user has rows: on the demo data the HR
    # manager has steps waiting and no request of their own, the production head the other way round.
    "hr_manager": {"Home dashboard", "Approvals inbox list", "Request detail (longest chain)", "Notifications list"},
    "prod_head": {"Home dashboard", "My requests list", "Request detail (longest chain)", "Notifications list"},
}


@pytest.mark.parametrize("username", ["hr_manager", "prod_head"])
def test_the_daily_pages_are_registered_and_the_approval_and_notification_pages_keep_their_budget(
    demo, client, username
):
    """Home, approvals and notifications are measured and stay within their query budgets."""
    user = demo.get(username=username)
    client.force_login(user)
    pages = pages_for(user)
    labels = {page.label for page in pages}
    assert DAILY_PAGES[username] <= labels
    assert "Notifications list, filtered" in labels  # the Unread tab
    assert {page.kind for page in pages if page.label == "Home dashboard"} == {"home"}

    over = []
    for page in pages:
        if page.url != "/" and not page.url.startswith(("/approvals/", "/notifications/")):
            continue
        client.get(page.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.url).status_code == 200
        if len(captured.captured_queries) > BUDGETS[page.kind][0]:
            over.append((page.label, len(captured.captured_queries)))
    assert over == []


# --- every named URL is measured, or exempt with its reason ----------------------------------------------------

POST_ONLY = "POST-only action (a GET answers 405: checked by test_the_post_only_exemptions_refuse_a_get)"
REDIRECT = "redirects to a page measured under its own name"
AUTH = "login, password, two-factor or token page: not a logged-in user's working page"
FILE = "streams a stored upload as it is (private_download / FileResponse): nothing rendered"
NO_DEMO_ROW = (
    "registered in its app's bench.py where the policy allows it; the demo data has no such row "
    "(checked by test_the_no_demo_row_exemptions_are_registered)"
)

EXEMPT: dict[str, str] = {
    **{
        name: POST_ONLY
        for name in (
            "accounts:lockout_lift",
            "accounts:login_reset_password",
            "accounts:login_reset_two_factor",
            "accounts:login_set_active",
            "approvals:delegation_end",
            "approvals:withdraw",
            "confidentiality:copy_return",
            "confidentiality:document_extend",
            "confidentiality:document_upload",
            "confidentiality:grant_revoke",
            "confidentiality:issue_acknowledge",
            "confidentiality_oversight:handout_collect",
            "confidentiality_oversight:incident_close",
            "confidentiality_oversight:medium_return",
            "confidentiality_oversight:meeting_attendee_remove",
            "confidentiality_oversight:meeting_attendees",
            "confidentiality_oversight:meeting_cancel",
            "confidentiality_oversight:meeting_close",
            "confidentiality_oversight:meeting_open",
            "employees:contact_change_decide",
            "employees:contract_extend",
            "employees:contract_not_renew",
            "employees:contract_sign",
            "employees:my_data_copy",
            "employees:roster_columns",
            "imports:job_commit",
            "logout",
            "notifications:mark_all_read",
            "notifications:mark_read",
            "offboarding:complete",
            "offboarding:withdraw",
            "onboarding:case_refresh",
            "onboarding:registration_send",
            "performance:cycle_close",
            "performance:cycle_open",
            "performance:plan_training",
            "performance:sheet_release",
            "recruitment:application_advance",
            "recruitment:application_move",
            "recruitment:interview_cancel",
            "recruitment:offer_accept",
            "recruitment:offer_decline",
            "recruitment:offer_submit",
            "recruitment:offer_withdraw",
            "recruitment:requisition_cancel",
            "recruitment:requisition_submit",
            "recruitment:requisition_withdraw",
            "retention:confirm",
            "set_language",
            "survey:close",
            "survey:open",
            "survey:publish",
            "training:devplan_submit",
            "training:external_submit",
            "training:need_cancel",
            "training:need_from_gap",
            "training:plan_publish",
            "training:plan_submit",
            "training:session_attendance",
            "training:session_cancel",
            "training:session_file_upload",
            "training:session_invite",
            "training:session_rate",
        )
    },
    "training:home": REDIRECT + " (the matrix, or the user's own training history)",
    "training:my_history": REDIRECT + " (training:history of the user's own record)",
    "offboarding:mine": REDIRECT + " (the own separation case, else the notice form)",
    "offboarding:employee_cases": REDIRECT + " (the person's latest separation case, else the filtered list)",
    "onboarding:my_case": REDIRECT + " (the own onboarding case, measured as 'My onboarding case')",
    "onboarding:employee_case": REDIRECT + " (the person's onboarding case, else the start form)",
    "notifications:open": REDIRECT + " (marks the notification read and follows its link)",
    "login": AUTH,
    "password_change": AUTH,
    "password_change_done": AUTH,
    "password_reset": AUTH,
    "password_reset_done": AUTH,
    "password_reset_confirm": AUTH,
    "password_reset_complete": AUTH,
    "two_factor": AUTH,
    "onboarding:register": AUTH + " (the pre-hire's link; the token is stored hashed, the bench cannot rebuild it)",
    "employees:document_download": FILE,
    "employees:my_document_download": FILE,
    "recruitment:candidate_resume": FILE,
    "training:certificate_scan": FILE,
    "training:external_certificate": FILE,
    "training:session_file_download": FILE,
    "org:position_special": "R&D's (or a system administrator's) form: no benchmark user has either role",
    **{
        name: NO_DEMO_ROW
        for name in (
            "employees:job_change_edit",  # a job change returned for changes
            "offboarding:noncompete",  # a separated case whose terms carry a non-compete
            "offboarding:off_classified",  # a case of a classified post
            "offboarding:resubmit",  # the employee's returned notice
            "onboarding:case_start",  # a hire without a case, for cleared HR
            "onboarding:conversion_create",  # a running probation whose review recommends conversion
            "onboarding:probation_extend",  # a running probation whose review recommends extension
            "onboarding:self_report",  # a staff-grade employee's running probation
            "onboarding:self_report_pdf",  # a self-report handed in
            "performance:sheet_acknowledge",  # the user's own sheet waiting for acknowledgement
            "recruitment:offer_edit",  # an offer in draft or returned
            "survey:edit",  # a draft survey
            "training:devplan_edit",  # a development plan in draft or returned
            "training:review_edit",  # a competence evaluation in draft or returned
            "training:plan_item_create",  # an annual plan in draft or returned
            "training:plan_item_edit",
            "training:mentoring_sign_off",  # the user mentors someone not yet signed off
        )
    },
}


def _named_patterns():
    from django.urls import URLResolver, get_resolver

    def walk(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, namespace + (f"{pattern.namespace}:" if pattern.namespace else ""))
            elif pattern.name:
                yield namespace + pattern.name, pattern

    return {name: p for name, p in walk(get_resolver()) if not name.startswith(("admin:", "djdt:"))}


def test_every_named_url_is_measured_or_exempt_with_its_reason(demo):
    """A new page is registered in its app's bench.py (for the users the harness measures), or listed in EXEMPT."""
    from urllib.parse import urlsplit

    from django.urls import resolve

    named = _named_patterns()
    reached = {
        resolve(urlsplit(page.url).path).view_name
        for username in BENCH_USERS
        for page in pages_for(demo.get(username=username))
    }
    assert sorted(set(named) - reached - set(EXEMPT)) == [], "register these pages in bench.py or exempt them"
    assert sorted(set(EXEMPT) - set(named)) == [], "exempt names that are no URL any more"
    assert sorted(set(EXEMPT) & reached) == [], "measured now: drop their exemption"


def test_the_post_only_exemptions_refuse_a_get(demo, client):
    from django.urls import reverse

    named = _named_patterns()
    client.force_login(demo.get(username="hr_manager"))
    answered = {}
    for name, reason in EXEMPT.items():
        if reason != POST_ONLY:
            continue
        converters = named[name].pattern.converters
        kwargs = {key: 1 if type(c).__name__ == "IntConverter" else "x" for key, c in converters.items()}
        answered[name] = client.get(reverse(name, kwargs=kwargs)).status_code
    assert {name: status for name, status in answered.items() if status != 405} == {}


def test_the_no_demo_row_exemptions_are_registered():
    """Each page exempt for want of a demo row is registered in its app's bench.py (measured on the volume data)."""
    from pathlib import Path

    from django.conf import settings

    sources = "\n".join(
        path.read_text() for path in Path(settings.BASE_DIR).glob("**/bench.py") if ".venv" not in path.parts
    )
    missing = [name for name, reason in EXEMPT.items() if reason == NO_DEMO_ROW and f'"{name}"' not in sources]
    assert missing == []
