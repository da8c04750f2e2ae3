"""Writes to login accounts: create for an employee, roles and clearance, (de)activate, password and second-factor
resets, lifting lockouts. Each asks accounts.policies, runs atomically and leaves an audit row (django-auditlog:
the User's fields by its registration, role changes by accounts.audit); access changes notify the user."""

from auditlog.models import LogEntry
from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import roles
from core.security import SecrecyLevel
from employees.models import Employee, EmployeeStatus
from employees.signals import clearance_changed
from notifications import kinds
from notifications.services import notify

from . import policies

User = get_user_model()

ACCESS_CHANGED = kinds.register("accounts.access_changed", gettext_lazy("My roles or clearance changed"))


def temporary_password() -> str:
    """A one-time password HR hands over; it meets the password policy and must be changed at first login."""
    return "-".join(
        (
            get_random_string(5, "abcdefghjkmnpqrstuvwxyz"),
            get_random_string(5, "ABCDEFGHJKLMNPQRSTUVWXYZ"),
            get_random_string(4, "23456789"),
        )
    )


def _set_temporary_password(user) -> str:
    password = temporary_password()
    validate_password(password, user)
    user.set_password(password)
    user.must_change_password = True
    return password


def _log(user, *, by, field: str, old: str, new: str) -> None:
    """An audit row for a change the User's own fields do not show (a password reset, the second factor)."""
    LogEntry.objects.log_create(
        user, force_log=True, action=LogEntry.Action.UPDATE, actor=by, changes={field: [old, new]}
    )


def _groups(role_names) -> list[Group]:
    wanted = {*role_names, roles.EMPLOYEE}
    return list(Group.objects.filter(name__in=wanted).order_by("name"))


def _role_labels(names) -> str:
    return "、".join(str(roles.ROLE_LABELS.get(name, name)) for name in sorted(names)) or "—"


@transaction.atomic
def login_create(*, employee: Employee, by, username: str, role_names, clearance: int) -> tuple[User, str]:
    """A login for an employee with a temporary password (returned, shown once); linked to the record."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    policies.can_create_login(by, employee).enforce()
    policies.can_grant(by, clearance=clearance, role_names=role_names).enforce()
    username = (username or "").strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": ValidationError(_("This username is taken."), code="username_taken")})
    user = User(username=username, email=employee.email, first_name=employee.name, clearance=clearance)
    user.full_clean(exclude=["password"])
    password = _set_temporary_password(user)
    user.save()
    user.groups.set(_groups(role_names))
    employee.user = user
    employee.save(update_fields=["user"])
    return user, password


@transaction.atomic
def login_update_access(*, user, by, role_names, clearance: int, superuser: bool | None = None):
    """Set roles and clearance (and superuser status, by a superuser); audited, and the user is told."""
    user = User.objects.select_for_update().get(pk=user.pk)
    role_names = set(role_names)
    policies.can_change_access(by, user, clearance=clearance, role_names=role_names, superuser=superuser).enforce()
    if clearance not in SecrecyLevel.values:
        raise ValidationError({"clearance": ValidationError(_("Unknown clearance."), code="invalid_clearance")})
    old_roles = set(user.groups.values_list("name", flat=True))
    old_clearance = user.clearance
    user.clearance = clearance
    fields = ["clearance"]
    if superuser is not None and by.is_superuser:
        user.is_superuser = user.is_staff = superuser
        fields += ["is_superuser", "is_staff"]
    user.save(update_fields=fields)
    groups = _groups(role_names)
    new_roles = {group.name for group in groups}
    if new_roles != old_roles:
        user.groups.set(groups)
    if new_roles != old_roles or clearance != old_clearance:
        lines = []
        if new_roles != old_roles:
            lines.append(
                _("Roles: %(old)s → %(new)s") % {"old": _role_labels(old_roles), "new": _role_labels(new_roles)}
            )
        if clearance != old_clearance:
            lines.append(
                _("Clearance: %(old)s → %(new)s")
                % {"old": SecrecyLevel(old_clearance).label, "new": SecrecyLevel(clearance).label}
            )
        notify(
            recipient=user,
            kind=ACCESS_CHANGED,
            title=_("Your access to the HR system was changed"),
            body="\n".join([*lines, _("Changed by %(name)s.") % {"name": by}]),
            url=reverse("home"),
        )
    if clearance != old_clearance:
        clearance_changed.send(sender=type(user), user=user, old=old_clearance, new=clearance, by=by)
    return user


@transaction.atomic
def login_set_active(*, user, by, active: bool):
    """Deactivate (the login stops working at once, its sessions too) or reactivate a login."""
    user = User.objects.select_for_update().get(pk=user.pk)
    policies.can_set_active(by, user).enforce()
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def login_reset_password(*, user, by) -> str:
    """A new temporary password (returned, shown once); the user must set their own at the next login."""
    user = User.objects.select_for_update().get(pk=user.pk)
    policies.can_reset_password(by, user).enforce()
    password = _set_temporary_password(user)
    user.save()
    axes_reset(username=user.get_username())
    _log(user, by=by, field="password", old="", new="temporary password by HR")
    return password


@transaction.atomic
def login_reset_two_factor(*, user, by) -> int:
    """Remove the user's authenticator devices (a lost phone); they enrol again at the next login."""
    user = User.objects.select_for_update().get(pk=user.pk)
    policies.can_reset_two_factor(by, user).enforce()
    deleted, _details = TOTPDevice.objects.filter(user=user).delete()
    if deleted:
        _log(user, by=by, field="two_factor", old="on", new="off")
    return deleted


def lockout_lift(*, by, username: str = "", ip_address: str = "") -> int:
    """Lift a lockout of an account or an address: its failed attempts are forgotten."""
    policies.can_lift_lockouts(by).enforce()
    if not username and not ip_address:
        raise ValidationError(_("Name an account or an address."), code="lockout_target_missing")
    count = 0
    if username:
        count += axes_reset(username=username)
        user = User.objects.filter(username=username).first()
        if user is not None:
            _log(user, by=by, field="lockout", old="locked", new="lifted")
    if ip_address:
        count += axes_reset(ip=ip_address)
    return count


def two_factor_enrol(*, user, key: str, token: str) -> TOTPDevice:
    """Confirm an authenticator app: the code it shows for `key` must match; then the device is the user's."""
    device = TOTPDevice(user=user, key=key, name=_("Authenticator app"), confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    try:
        matched = totp.verify(int(token), device.tolerance)
    except (TypeError, ValueError):
        matched = False
    if not matched:
        raise ValidationError({"token": ValidationError(_("The code does not match."), code="otp_invalid")})
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device.last_t = totp.t()
        device.save()
        _log(user, by=user, field="two_factor", old="off", new="on")
    return device


def two_factor_verify(*, user, token: str) -> TOTPDevice:
    """The user's confirmed device that accepts this code (django-otp throttles repeated failures)."""
    for device in TOTPDevice.objects.devices_for_user(user, confirmed=True):
        if device.verify_token(token):
            return device
    raise ValidationError({"token": ValidationError(_("The code is wrong or expired."), code="otp_invalid")})


@transaction.atomic
def logins_of_separated_deactivate(*, today) -> int:
    """Deactivate the logins of employees whose last day (separated_on) is over (spec 01), in constant queries:
    the daily sweep (accounts.reminders) runs it the morning after the last day. Each gets an audit row."""
    users = list(
        User.objects.select_for_update().filter(
            is_active=True, employee__status=EmployeeStatus.SEPARATED, employee__separated_on__lt=today
        )
    )
    if not users:
        return 0
    User.objects.filter(pk__in=[user.pk for user in users]).update(is_active=False)
    content_type = ContentType.objects.get_for_model(User)
    LogEntry.objects.bulk_create(
        LogEntry(
            content_type=content_type,
            object_pk=str(user.pk),
            object_id=user.pk,
            object_repr=str(user),
            action=LogEntry.Action.UPDATE,
            changes={"is_active": ["True", "False"], "reason": ["", "employee separated"]},
        )
        for user in users
    )
    return len(users)
