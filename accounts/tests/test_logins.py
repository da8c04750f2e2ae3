"""Login management in the app (spec 01): the HR manager and administrators create logins for employees, set
roles and clearance, deactivate and reset passwords; every change is audited and access changes notify the user."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accounts import services
from core import roles
from core.errors import error_codes
from core.policy import PolicyDenied
from core.security import SecrecyLevel
from employees.models import EmployeeStatus
from notifications.models import Notification
from tests.factories import EmployeeFactory

User = get_user_model()
MANAGER_PAGES = ["accounts:login_list", "accounts:login_create", "accounts:lockout_list"]


def _audit(user):
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User), object_id=user.pk)


# --- who may open the pages ----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["hr_manager", "admin"])
def test_the_hr_manager_and_the_administrator_reach_the_login_pages_from_the_navigation(login, people, who):
    client = login(getattr(people, who))
    home = client.get(reverse("home")).content.decode()
    assert reverse("accounts:login_list") in home
    for name in MANAGER_PAGES:
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(reverse("accounts:login_detail", args=[people.worker.pk])).status_code == 200
    assert client.get(reverse("accounts:login_access", args=[people.worker.pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["hr", "gm", "worker"])
def test_other_roles_cannot_manage_logins(login, people, who):
    client = login(getattr(people, who))
    assert reverse("accounts:login_list") not in client.get(reverse("home")).content.decode()
    for name in MANAGER_PAGES:
        assert client.get(reverse(name)).status_code == 403, name
    target = people.worker if who != "worker" else people.hr
    assert client.get(reverse("accounts:login_detail", args=[target.pk])).status_code == 403
    assert client.get(reverse("accounts:login_access", args=[target.pk])).status_code == 403
    assert client.post(reverse("accounts:login_set_active", args=[target.pk]), {"active": "0"}).status_code == 403
    assert client.post(reverse("accounts:login_reset_password", args=[target.pk])).status_code == 403
    target.refresh_from_db()
    assert target.is_active and not target.must_change_password


@pytest.mark.django_db
def test_the_login_list_keeps_constant_queries(login, people, make_user, django_assert_max_num_queries):
    for n in range(30):
        make_user(f"user{n}", roles=[roles.EMPLOYEE, roles.HR])
    client = login(people.hr_manager)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("accounts:login_list"))
    assert response.status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("accounts:login_detail", args=[people.hr.pk])).status_code == 200


# --- create a login for an employee ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_hr_manager_creates_a_login_for_an_employee_with_a_temporary_password(client, login, people):
    employee = EmployeeFactory(name="王小明", email="wang@example.com")
    manager = login(people.hr_manager)
    form = manager.get(reverse("accounts:login_create"), {"employee": employee.number})
    assert employee.number in form.content.decode()
    response = manager.post(
        reverse("accounts:login_create"),
        {"employee_number": employee.number, "username": "wangxm", "role_names": [roles.HR], "clearance": "2"},
    )
    assert response.status_code == 200
    user = User.objects.get(username="wangxm")
    password = response.context["password"]
    assert password in response.content.decode()
    employee.refresh_from_db()
    assert employee.user == user
    assert user.email == "wang@example.com" and str(user) == "王小明"
    assert set(user.groups.values_list("name", flat=True)) == {roles.HR, roles.EMPLOYEE}
    assert user.clearance == SecrecyLevel.SECRET and user.must_change_password
    assert _audit(user).filter(action=LogEntry.Action.CREATE).exists()
    detail = manager.get(reverse("accounts:login_detail", args=[user.pk])).content.decode()
    assert reverse("employees:employee_detail", args=[employee.pk]) in detail

    # The employee logs in with it and must first choose a password of their own.
    client.logout()
    response = client.post(reverse("login"), {"username": "wangxm", "password": password})
    assert client.get(reverse("home")).url == reverse("password_change")


@pytest.mark.django_db
def test_a_login_is_refused_for_an_employee_who_has_one_or_left(people):
    linked = EmployeeFactory(user=people.worker)
    with pytest.raises(PolicyDenied) as excinfo:
        services.login_create(employee=linked, by=people.hr_manager, username="w2", role_names=[], clearance=1)
    assert "login_exists" in error_codes(excinfo.value)
    separated = EmployeeFactory(status=EmployeeStatus.SEPARATED, separated_on="2025-01-31")
    with pytest.raises(PolicyDenied) as excinfo:
        services.login_create(employee=separated, by=people.hr_manager, username="w3", role_names=[], clearance=1)
    assert "employee_separated" in error_codes(excinfo.value)


@pytest.mark.django_db
def test_a_taken_username_is_refused(people):
    with pytest.raises(Exception) as excinfo:
        services.login_create(
            employee=EmployeeFactory(), by=people.hr_manager, username="HR", role_names=[], clearance=1
        )
    assert "username_taken" in error_codes(excinfo.value)


# --- roles and clearance ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_clearance_and_role_change_is_audited_old_to_new_and_the_user_is_notified(login, people):
    manager = login(people.hr_manager)
    response = manager.post(
        reverse("accounts:login_access", args=[people.worker.pk]),
        {"role_names": [roles.RECORDS_KEEPER], "clearance": str(SecrecyLevel.SECRET)},
    )
    assert response.status_code == 302
    people.worker.refresh_from_db()
    assert people.worker.clearance == SecrecyLevel.SECRET
    entries = _audit(people.worker).filter(action=LogEntry.Action.UPDATE)
    clearance = next(e for e in entries if "clearance" in e.changes_dict)
    assert clearance.changes_dict["clearance"] == [str(SecrecyLevel.INTERNAL), str(SecrecyLevel.SECRET)]
    assert clearance.actor == people.hr_manager
    role_change = next(e for e in entries if "groups" in e.changes_dict)  # newest first
    assert role_change.changes_dict["groups"] == [roles.EMPLOYEE, f"{roles.EMPLOYEE}, {roles.RECORDS_KEEPER}"]
    assert role_change.actor == people.hr_manager
    # The detail page shows the trail; the user got a notification.
    page = manager.get(reverse("accounts:login_detail", args=[people.worker.pk])).content.decode()
    assert "Secret" in page or "秘密" in page
    notification = Notification.objects.get(recipient=people.worker, kind=services.ACCESS_CHANGED)
    assert "→" in notification.body


@pytest.mark.django_db
def test_an_hr_manager_cannot_grant_a_clearance_above_their_own(login, people):
    with pytest.raises(PolicyDenied) as excinfo:
        services.login_update_access(
            user=people.worker, by=people.hr_manager, role_names=[], clearance=SecrecyLevel.TOP_SECRET
        )
    assert "clearance_above_own" in error_codes(excinfo.value)
    response = login(people.hr_manager).post(
        reverse("accounts:login_access", args=[people.worker.pk]), {"clearance": str(SecrecyLevel.TOP_SECRET)}
    )
    assert response.status_code == 200 and response.context["form"].errors
    people.worker.refresh_from_db()
    assert people.worker.clearance == SecrecyLevel.INTERNAL


@pytest.mark.django_db
def test_an_hr_manager_cannot_make_someone_an_administrator(login, people):
    with pytest.raises(PolicyDenied) as excinfo:
        services.login_update_access(user=people.worker, by=people.hr_manager, role_names=[roles.SYSADMIN], clearance=1)
    assert "superuser_only" in error_codes(excinfo.value)
    with pytest.raises(PolicyDenied) as excinfo:
        services.login_update_access(
            user=people.worker, by=people.hr_manager, role_names=[], clearance=1, superuser=True
        )
    assert "superuser_only" in error_codes(excinfo.value)
    form = login(people.hr_manager).get(reverse("accounts:login_access", args=[people.worker.pk])).context["form"]
    assert "superuser" not in form.fields
    people.worker.refresh_from_db()
    assert not people.worker.is_superuser


@pytest.mark.django_db
def test_a_superuser_grants_any_clearance_and_administrator_status(people):
    services.login_update_access(
        user=people.hr, by=people.admin, role_names=[roles.HR], clearance=SecrecyLevel.TOP_SECRET, superuser=True
    )
    people.hr.refresh_from_db()
    assert people.hr.clearance == SecrecyLevel.TOP_SECRET and people.hr.is_superuser and people.hr.is_staff


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["hr_manager", "admin"])
def test_nobody_changes_their_own_roles_clearance_or_state(login, people, who):
    me = getattr(people, who)
    client = login(me)
    assert client.get(reverse("accounts:login_access", args=[me.pk])).status_code == 403
    assert client.post(reverse("accounts:login_set_active", args=[me.pk]), {"active": "0"}).status_code == 403
    with pytest.raises(PolicyDenied) as excinfo:
        services.login_update_access(user=me, by=me, role_names=[], clearance=1)
    assert "own_account" in error_codes(excinfo.value)


@pytest.mark.django_db
def test_an_hr_manager_cannot_touch_an_administrator_or_a_higher_clearance(login, people):
    client = login(people.hr_manager)
    for target in (people.admin, people.gm):
        assert client.post(reverse("accounts:login_reset_password", args=[target.pk])).status_code == 403
        assert client.get(reverse("accounts:login_access", args=[target.pk])).status_code == 403
        detail = client.get(reverse("accounts:login_detail", args=[target.pk])).content.decode()
        assert reverse("accounts:login_reset_password", args=[target.pk]) not in detail


# --- deactivate, reactivate, reset password --------------------------------------------------------------


@pytest.mark.django_db
def test_a_deactivated_login_cannot_log_in_and_can_be_reactivated(client, login, people):
    manager = login(people.hr_manager)
    manager.post(reverse("accounts:login_set_active", args=[people.worker.pk]), {"active": "0"})
    people.worker.refresh_from_db()
    assert not people.worker.is_active
    deactivation = next(e for e in _audit(people.worker) if "is_active" in e.changes_dict)
    assert deactivation.changes_dict["is_active"] == ["True", "False"]
    other = client.__class__()
    other.post(reverse("login"), {"username": "worker", "password": "pw-test-1234"})
    assert "_auth_user_id" not in other.session
    manager.post(reverse("accounts:login_set_active", args=[people.worker.pk]), {"active": "1"})
    other.post(reverse("login"), {"username": "worker", "password": "pw-test-1234"})
    assert "_auth_user_id" in other.session


@pytest.mark.django_db
def test_a_password_reset_gives_a_temporary_password_that_must_be_changed(client, login, people):
    response = login(people.hr_manager).post(reverse("accounts:login_reset_password", args=[people.worker.pk]))
    password = response.context["password"]
    people.worker.refresh_from_db()
    assert people.worker.must_change_password
    reset = next(e for e in _audit(people.worker) if "password" in e.changes_dict)
    assert reset.actor == people.hr_manager and password not in str(reset.changes_dict)
    other = client.__class__()
    other.post(reverse("login"), {"username": "worker", "password": password})
    response = other.get(reverse("employees:my_profile"))
    assert response.status_code == 302 and response.url == reverse("password_change")
    response = other.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "Neu-Passwort-42", "new_password2": "Neu-Passwort-42"},
    )
    assert response.status_code == 302
    people.worker.refresh_from_db()
    assert not people.worker.must_change_password
    assert other.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_in_the_admin_an_administrator_cannot_change_their_own_roles_or_clearance(login, people):
    client = login(people.admin)
    own = client.get(reverse("admin:accounts_user_change", args=[people.admin.pk])).content.decode()
    other = client.get(reverse("admin:accounts_user_change", args=[people.hr.pk])).content.decode()
    assert 'name="clearance"' not in own and 'name="groups"' not in own
    assert 'name="clearance"' in other and 'name="groups"' in other


@pytest.mark.django_db
def test_a_role_change_made_outside_the_pages_is_audited_too(people):
    """Groups changed anywhere (the admin, a shell) land in the audit trail with the roles before and after."""
    from django.contrib.auth.models import Group

    people.worker.groups.add(Group.objects.get(name=roles.RND))
    entry = next(e for e in _audit(people.worker) if "groups" in e.changes_dict)
    assert entry.changes_dict["groups"] == [roles.EMPLOYEE, f"{roles.EMPLOYEE}, {roles.RND}"]
    people.worker.groups.clear()
    entry = next(e for e in _audit(people.worker) if "groups" in e.changes_dict)
    assert entry.changes_dict["groups"] == [f"{roles.EMPLOYEE}, {roles.RND}", ""]


@pytest.mark.django_db
def test_a_separated_employees_login_is_deactivated_after_the_last_day(people, make_user):
    """The daily sweep: the login works on the last day and stops the day after, with an audit row."""
    import datetime

    from notifications.reminders import registered_sweeps

    EmployeeFactory(user=people.worker, status=EmployeeStatus.SEPARATED, separated_on=datetime.date(2026, 6, 30))
    sweep = registered_sweeps()["accounts.separated_logins"]
    assert sweep(datetime.date(2026, 6, 30)) == 0
    people.worker.refresh_from_db()
    assert people.worker.is_active
    assert sweep(datetime.date(2026, 7, 1)) == 1
    people.worker.refresh_from_db()
    assert not people.worker.is_active
    assert next(e for e in _audit(people.worker) if "is_active" in e.changes_dict).changes_dict["is_active"] == [
        "True",
        "False",
    ]
    assert sweep(datetime.date(2026, 7, 2)) == 0
