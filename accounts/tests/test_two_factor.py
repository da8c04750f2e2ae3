"""The optional TOTP second factor (django-otp) for administrators, HR and the general manager: enrolment with a
QR code, a code at every login once enrolled, and the company setting HRMS_REQUIRE_2FA that makes it compulsory."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.views import ENROL_KEY

PASSWORD = "pw-test-1234"


def _code(key_hex: str, offset: int = 0) -> str:
    """The code an authenticator app shows now (offset: a wrong one)."""
    return f"{(totp(bytes.fromhex(key_hex)) + offset) % 10**6:06d}"


def _password_login(username) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.mark.django_db
def test_hr_enrols_with_a_qr_code_and_is_then_asked_for_a_code_at_every_login(login, people):
    client = login(people.hr)
    assert reverse("two_factor") in client.get(reverse("home")).content.decode()
    key_page = client.get(reverse("two_factor"))
    assert "<svg" in key_page.content.decode()
    key = client.session[ENROL_KEY]
    wrong = client.post(reverse("two_factor"), {"token": _code(key, offset=1)})
    assert wrong.status_code == 200 and not TOTPDevice.objects.exists()
    assert client.post(reverse("two_factor"), {"token": _code(key)}).status_code == 302
    device = TOTPDevice.objects.get(user=people.hr, confirmed=True)

    # Next login: the password alone opens nothing but the code page.
    other = _password_login("hr")
    response = other.get(reverse("employees:employee_list"))
    assert response.status_code == 302 and response.url.startswith(reverse("two_factor"))
    assert other.post(reverse("two_factor"), {"token": "000000"}).status_code == 200
    assert other.get(reverse("home")).status_code == 302
    device.refresh_from_db()
    device.last_t = -1
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    response = other.post(reverse("two_factor"), {"token": _code(device.key), "next": reverse("home")})
    assert response.status_code == 302 and response.url == reverse("home")
    assert other.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_the_admin_login_does_not_skip_the_second_factor(people):
    TOTPDevice.objects.create(user=people.admin, name="phone", confirmed=True)
    client = Client()
    client.post(reverse("admin:login"), {"username": "admin", "password": PASSWORD})
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response.url.startswith(reverse("two_factor"))


@pytest.mark.django_db
def test_wrong_codes_count_as_failed_logins_and_lock_the_account(people):
    """Five wrong codes log the user out and lock the account like five wrong passwords."""
    TOTPDevice.objects.create(user=people.gm, name="phone", confirmed=True)
    client = _password_login("gm")
    for _ in range(5):
        response = client.post(reverse("two_factor"), {"token": "123456"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert Client().post(reverse("login"), {"username": "gm", "password": PASSWORD}).status_code == 429


@pytest.mark.django_db
def test_without_the_setting_a_second_factor_is_optional(people):
    assert _password_login("hr").get(reverse("home")).status_code == 200


@pytest.mark.django_db
@override_settings(HRMS_REQUIRE_2FA=True)
@pytest.mark.parametrize("who", ["hr", "hr_manager", "gm", "admin"])
def test_with_the_setting_admins_hr_and_the_gm_must_enrol_first(people, who):
    client = _password_login(who)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("two_factor"))
    key = client.get(reverse("two_factor")) and client.session[ENROL_KEY]
    assert client.post(reverse("two_factor"), {"token": _code(key)}).status_code == 302
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
@override_settings(HRMS_REQUIRE_2FA=True)
def test_with_the_setting_other_roles_log_in_with_the_password_alone(people):
    client = _password_login("worker")
    assert client.get(reverse("home")).status_code == 200
    assert reverse("two_factor") not in client.get(reverse("home")).content.decode()
    assert client.get(reverse("two_factor")).status_code == 403


@pytest.mark.django_db
def test_the_hr_manager_removes_a_lost_second_factor(login, people):
    TOTPDevice.objects.create(user=people.hr, name="phone", confirmed=True)
    client = login(people.hr_manager)
    detail = client.get(reverse("accounts:login_detail", args=[people.hr.pk])).content.decode()
    assert reverse("accounts:login_reset_two_factor", args=[people.hr.pk]) in detail
    client.post(reverse("accounts:login_reset_two_factor", args=[people.hr.pk]))
    assert not TOTPDevice.objects.filter(user=people.hr).exists()
    assert _password_login("hr").get(reverse("home")).status_code == 200
