"""Signed-in pages are never cached, every page carries a content security policy, and typed parameters that
cannot be valid get a clear 400/200 instead of a server error."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_signed_in_page_with_secret_data_is_not_cached(org, users, login):
    """HR's view of an employee (ID number, salary) tells browsers and proxies to keep no copy."""
    response = login(users["hr_manager"]).get(reverse("employees:employee_detail", args=[org.worker.pk]))
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


def test_every_page_sends_a_content_security_policy_without_inline_script(client, org, users, login):
    login_page = client.get(reverse("login"))
    policy = login_page["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    page = login(users["hr_manager"]).get(reverse("employees:employee_detail", args=[org.worker.pk])).content.decode()
    assert "<script>" not in page and "onchange=" not in page


def test_a_nul_character_in_a_search_is_refused_with_400(org, users, login):
    response = login(users["hr_manager"]).get(reverse("employees:employee_list"), {"q": "张\x00三"})
    assert response.status_code == 400


@pytest.mark.parametrize("renews", ["abc", "-1", "1e3", "99999999"])
def test_a_typed_renews_parameter_never_breaks_the_contract_form(org, users, login, renews):
    url = reverse("employees:contract_add", args=[org.worker.pk])
    response = login(users["hr_manager"]).get(url, {"renews": renews})
    assert response.status_code == 200


def test_a_save_refused_by_a_uniqueness_rule_is_explained_not_a_server_error(org, users, rf):
    """Two people saving the same thing at once: the second gets a 409 page in words, not a 500."""
    from django.db import IntegrityError
    from django.utils import translation

    from core.middleware import PrivatePagesMiddleware

    request = rf.post("/employees/new/")
    request.user = users["hr"]
    request.LANGUAGE_CODE = "en"
    middleware = PrivatePagesMiddleware(lambda request: None)
    with translation.override("en"):
        response = middleware.process_exception(request, IntegrityError("duplicate key value violates unique"))
    assert response.status_code == 409
    assert "Someone else saved the same record" in response.content.decode()
    assert middleware.process_exception(request, ValueError("other")) is None
