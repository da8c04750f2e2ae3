"""Reads for the login-management pages: the logins with their roles, lockouts, a login's audit trail."""

from auditlog.models import LogEntry
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

User = get_user_model()


def logins_list(*, search: str = "", state: str = "") -> QuerySet:
    """Every login (managers see them all), with its employee and roles in constant queries."""
    qs = User.objects.select_related("employee").prefetch_related("groups").order_by("username")
    if search:
        qs = qs.filter(
            Q(username__icontains=search)
            | Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(employee__number__iexact=search)
        )
    if state == "active":
        qs = qs.filter(is_active=True)
    elif state == "inactive":
        qs = qs.filter(is_active=False)
    elif state == "locked":
        qs = qs.filter(username__in=locked_usernames())
    return qs


def login_detail_queryset() -> QuerySet:
    return User.objects.select_related("employee__department", "employee__position").prefetch_related(
        "groups", Prefetch("totpdevice_set", queryset=TOTPDevice.objects.filter(confirmed=True))
    )


def _live_attempts() -> QuerySet:
    attempts = AccessAttempt.objects.all()
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts


def _locked(field: str) -> QuerySet:
    """Values of `field` (username or ip_address) at or over the failure limit within the cool-off time."""
    return (
        _live_attempts()
        .exclude(**{field: None})
        .values(field)
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by(field)
    )


def locked_usernames() -> list[str]:
    return [row["username"] for row in _locked("username")]


def lockouts() -> dict:
    """The locked accounts and addresses with their failure counts, for the lockouts page."""
    return {"accounts": list(_locked("username")), "addresses": list(_locked("ip_address"))}


def login_audit_trail(user, limit: int = 30) -> list[LogEntry]:
    """The login's own audit rows (created, roles, clearance, state, lockouts), newest first."""
    content_type = ContentType.objects.get_for_model(User)
    return list(
        LogEntry.objects.filter(content_type=content_type, object_id=user.pk)
        .select_related("actor")
        .order_by("-timestamp")[:limit]
    )
