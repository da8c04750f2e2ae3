"""The password policy (MLPS 2.0 level 2) on every path that sets a password: the password-change page, the
admin and the login-management pages: a minimum length, mixed characters, and none of the last passwords."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import PasswordHistory
from core.errors import error_codes

OLD = "pw-test-1234"


def _change(client, new, old=OLD):
    return client.post(reverse("password_change"), {"old_password": old, "new_password1": new, "new_password2": new})


@pytest.mark.django_db
def test_a_short_password_is_refused_on_the_password_change_page(login, people):
    response = _change(login(people.hr), "Ab-12345")
    assert response.status_code == 200
    assert "password_too_short" in error_codes(response.context["form"].errors.as_data()["new_password2"][0])


@pytest.mark.django_db
def test_a_password_of_one_kind_of_character_is_refused(people):
    with pytest.raises(ValidationError) as excinfo:
        validate_password("onlylowercaseletters", people.hr)
    assert "password_too_simple" in error_codes(excinfo.value)
    validate_password("Lower-and-digits-42", people.hr)


@pytest.mark.django_db
def test_none_of_the_last_passwords_can_be_chosen_again(login, people):
    client = login(people.hr)
    assert _change(client, OLD).status_code == 200  # the current one
    passwords = [f"Fresh-pass-{n:02d}" for n in range(settings.HRMS_PASSWORD_HISTORY)]
    previous = OLD
    for password in passwords:
        assert _change(client, password, old=previous).status_code == 302, password
        previous = password
    response = _change(client, passwords[0], old=previous)
    assert response.status_code == 200
    assert "password_reused" in {e.code for e in response.context["form"].errors.as_data()["new_password2"]}
    # Only the last N are kept: the oldest one (OLD, set at creation) is allowed again.
    assert PasswordHistory.objects.filter(user=people.hr).count() == settings.HRMS_PASSWORD_HISTORY
    assert _change(client, OLD, old=previous).status_code == 302


@pytest.mark.django_db
def test_the_admin_applies_the_policy_too(login, people):
    client = login(people.admin)
    url = reverse("admin:auth_user_password_change", args=[people.hr.pk])
    response = client.post(url, {"password1": OLD, "password2": OLD, "usable_password": "true"})
    assert response.status_code == 200
    assert "password_reused" in {
        e.code for errors in response.context["form"].errors.as_data().values() for e in errors
    }
    response = client.post(url, {"password1": "short", "password2": "short", "usable_password": "true"})
    assert response.status_code == 200
    people.hr.refresh_from_db()
    assert people.hr.check_password(OLD)


@pytest.mark.django_db
def test_the_demo_password_meets_the_policy(people):
    validate_password(settings.HRMS_DEMO_PASSWORD, people.worker)
