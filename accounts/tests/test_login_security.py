"""Login security (MLPS 2.0 level 2): failed logins lock the account and the address, the HR manager or an
administrator lifts the lockout, and a session ends after the idle time."""

import datetime
import time

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import override_settings
from django.urls import reverse

from accounts import services
from accounts.middleware import LAST_SEEN

PASSWORD = "pw-test-1234"


def _post_login(client, username, password, *, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_fifty_wrong_passwords_lock_the_account_and_the_right_one_is_then_refused(client, make_user):
    """The probe: 50 wrong passwords on `admin`, then the right one — refused, the user is not logged in."""
    make_user("admin", is_superuser=True, is_staff=True)
    for _ in range(50):
        _post_login(client, "admin", "wrong-password")
    response = _post_login(client, "admin", PASSWORD)
    assert not _logged_in(client)
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode() or "登录" in response.content.decode()


@pytest.mark.django_db
def test_the_account_is_locked_after_five_failures_even_from_another_address(client, make_user):
    """Per account: five failures from one address lock the account for every address."""
    make_user("hr")
    for _ in range(4):
        _post_login(client, "hr", "wrong-password", ip="10.0.0.1")
    assert _post_login(client, "hr", PASSWORD, ip="10.0.0.2").status_code == 302  # four are not yet a lockout
    client.logout()
    _post_login(client, "hr", "wrong-password", ip="10.0.0.1")
    assert _post_login(client, "hr", PASSWORD, ip="10.0.0.3").status_code == 429
    assert not _logged_in(client)


@pytest.mark.django_db
def test_an_address_guessing_many_accounts_is_locked(client, make_user):
    """Per address: one failure on each of five accounts locks the address, also for a sixth, right login."""
    make_user("worker")
    for name in ("a1", "a2", "a3", "a4", "a5"):
        _post_login(client, name, "wrong-password", ip="10.9.9.9")
    assert _post_login(client, "worker", PASSWORD, ip="10.9.9.9").status_code == 429
    assert _post_login(client, "worker", PASSWORD, ip="10.9.9.8").status_code == 302


@pytest.mark.django_db
def test_the_lockout_ends_after_the_cool_off_time(client, make_user):
    make_user("hr")
    for _ in range(5):
        _post_login(client, "hr", "wrong-password")
    assert _post_login(client, "hr", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    assert _post_login(client, "hr", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_hr_manager_lifts_a_lockout_on_the_lockouts_page(client, people):
    for _ in range(5):
        _post_login(client, "worker", "wrong-password", ip="10.0.0.7")
    manager = client.__class__()
    manager.force_login(people.hr_manager)
    page = manager.get(reverse("accounts:lockout_list"))
    assert page.status_code == 200
    assert "worker" in page.content.decode() and "10.0.0.7" in page.content.decode()
    # The login list shows it too, with the filter for locked logins.
    assert "worker" in manager.get(reverse("accounts:login_list"), {"state": "locked"}).content.decode()
    manager.post(reverse("accounts:lockout_lift"), {"username": "worker"})
    manager.post(reverse("accounts:lockout_lift"), {"ip_address": "10.0.0.7"})
    assert _post_login(client, "worker", PASSWORD, ip="10.0.0.7").status_code == 302
    assert _logged_in(client)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["hr", "gm", "worker"])
def test_only_login_managers_see_or_lift_lockouts(login, people, who):
    client = login(getattr(people, who))
    assert client.get(reverse("accounts:lockout_list")).status_code == 403
    assert client.post(reverse("accounts:lockout_lift"), {"username": "x"}).status_code == 403


@pytest.mark.django_db
def test_the_admin_login_is_limited_too(client, make_user):
    make_user("admin", is_superuser=True, is_staff=True)
    for _ in range(5):
        client.post(reverse("admin:login"), {"username": "admin", "password": "wrong"}, REMOTE_ADDR="10.1.1.1")
    response = client.post(reverse("admin:login"), {"username": "admin", "password": PASSWORD}, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 429
    assert not _logged_in(client)


# --- idle timeout ------------------------------------------------------------------------------------------


def _age_session(client, seconds: int) -> None:
    session = client.session
    session[LAST_SEEN] = int(time.time()) - seconds
    session.save()


@pytest.mark.django_db
def test_a_session_idle_longer_than_the_setting_is_logged_out(login, people):
    client = login(people.hr)
    assert client.get(reverse("home")).status_code == 200
    _age_session(client, 31 * 60)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not _logged_in(client)


@pytest.mark.django_db
def test_an_active_session_stays_and_the_idle_time_is_configurable(login, people):
    client = login(people.hr)
    _age_session(client, 29 * 60)
    assert client.get(reverse("home")).status_code == 200
    _age_session(client, 6 * 60)
    with override_settings(HRMS_SESSION_IDLE_MINUTES=5):
        assert client.get(reverse("home")).status_code == 302
    assert not _logged_in(client)


@pytest.mark.django_db
def test_using_the_session_restarts_the_idle_clock(login, people):
    client = login(people.hr)
    _age_session(client, 20 * 60)
    client.get(reverse("home"))
    assert time.time() - client.session[LAST_SEEN] < 60


@pytest.mark.django_db
@override_settings(HRMS_TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_lockout_counts_the_clients_address_not_the_proxys(client, make_user):
    """Every request comes from the proxy (127.0.0.1): one client's failures must not lock out the others."""
    make_user("worker")
    for name in ("a1", "a2", "a3", "a4", "a5"):
        client.post(
            reverse("login"),
            {"username": name, "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="6.6.6.6, 10.20.30.40",
        )
    ok = client.post(
        reverse("login"),
        {"username": "worker", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.20.30.41",
    )
    assert ok.status_code == 302
    client.logout()
    refused = client.post(
        reverse("login"),
        {"username": "worker", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 10.20.30.40",
    )
    assert refused.status_code == 429


@pytest.mark.django_db
def test_an_idle_htmx_request_sends_the_whole_page_to_the_login(login, people):
    client = login(people.hr)
    _age_session(client, 31 * 60)
    response = client.get(reverse("home"), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("login"))


@pytest.mark.django_db
def test_failed_logins_stay_in_the_audit_log_after_a_lockout_is_lifted(client, people):
    for _ in range(5):
        _post_login(client, "worker", "wrong-password")
    services.lockout_lift(by=people.hr_manager, username="worker")
    assert not AccessAttempt.objects.filter(username="worker").exists()
    assert AccessFailureLog.objects.filter(username="worker").count() == 5
