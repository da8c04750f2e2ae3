"""Login management (HR manager, administrators), the password-change page and the second factor.

Every action asks accounts.policies (403 when denied); the services ask again and do the work."""

import re
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from core.forms import apply_errors
from core.pagination import IdPaginator
from core.policy import PolicyDenied

from . import policies, selectors, services
from .forms import AccessForm, LockoutLiftForm, LoginCreateForm, TokenForm
from .middleware import SECOND_FACTOR_DUE

User = get_user_model()
PAGE_SIZE = 25
ENROL_KEY = "hrms_otp_enrol_key"
OTP_FAILURES = "hrms_otp_failures"


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's page; choosing one's own password clears the 'must change' flag of a temporary one."""

    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        form.user.must_change_password = False
        return super().form_valid(form)


def _login_or_404(pk):
    return get_object_or_404(User, pk=pk)


def login_list(request):
    policies.can_manage_logins(request.user).enforce()
    search = request.GET.get("q", "").strip()
    state = request.GET.get("state", "")
    page = IdPaginator(selectors.logins_list(search=search, state=state), PAGE_SIZE).get_page(request.GET.get("page"))
    locked = set(selectors.locked_usernames())
    for user in page:
        user.is_locked_out = user.username in locked
    return render(
        request,
        "accounts/login_list.html",
        {"page_obj": page, "q": search, "state": state, "locked_count": len(locked)},
    )


def login_create(request):
    policies.can_manage_logins(request.user).enforce()
    initial = {"employee_number": request.GET.get("employee", "")}
    form = LoginCreateForm(request.POST or None, by=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user, password = services.login_create(
                employee=form.employee,
                by=request.user,
                username=form.cleaned_data["username"],
                role_names=form.cleaned_data["role_names"],
                clearance=form.cleaned_data["clearance"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        except PolicyDenied as denied:
            form.add_error(None, denied.reason)
        else:
            messages.success(request, _("Login %(username)s created.") % {"username": user.username})
            return render(request, "accounts/temporary_password.html", {"login": user, "password": password})
    return render(request, "accounts/login_create.html", {"form": form})


def login_detail(request, pk):
    policies.can_manage_logins(request.user).enforce()
    login = get_object_or_404(selectors.login_detail_queryset(), pk=pk)
    by = request.user
    context = {
        "login": login,
        "roles": sorted(group.name for group in login.groups.all()),
        "has_two_factor": bool(login.totpdevice_set.all()),
        "is_locked_out": login.username in selectors.locked_usernames(),
        "audit": selectors.login_audit_trail(login),
        "can_change_access": policies.can_change_access(by, login),
        "can_set_active": policies.can_set_active(by, login),
        "can_reset_password": policies.can_reset_password(by, login),
        "can_reset_two_factor": policies.can_reset_two_factor(by, login),
        "can_lift_lockouts": policies.can_lift_lockouts(by),
    }
    return render(request, "accounts/login_detail.html", context)


def login_access(request, pk):
    login = _login_or_404(pk)
    policies.can_change_access(request.user, login).enforce()
    initial = {
        "role_names": list(login.groups.values_list("name", flat=True)),
        "clearance": login.clearance,
        "superuser": login.is_superuser,
    }
    form = AccessForm(request.POST or None, by=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.login_update_access(
                user=login,
                by=request.user,
                role_names=form.cleaned_data["role_names"],
                clearance=form.cleaned_data["clearance"],
                superuser=form.cleaned_data.get("superuser") if "superuser" in form.fields else None,
            )
        except ValidationError as error:
            apply_errors(form, error)
        except PolicyDenied as denied:
            form.add_error(None, denied.reason)
        else:
            messages.success(request, _("Roles and clearance saved; %(name)s was notified.") % {"name": login})
            return redirect("accounts:login_detail", pk=login.pk)
    return render(request, "accounts/login_access.html", {"login": login, "form": form})


@require_POST
def login_set_active(request, pk):
    login = _login_or_404(pk)
    active = request.POST.get("active") == "1"
    services.login_set_active(user=login, by=request.user, active=active)
    if active:
        messages.success(request, _("Login %(username)s reactivated.") % {"username": login.username})
    else:
        messages.success(request, _("Login %(username)s deactivated.") % {"username": login.username})
    return redirect("accounts:login_detail", pk=login.pk)


@require_POST
def login_reset_password(request, pk):
    login = _login_or_404(pk)
    password = services.login_reset_password(user=login, by=request.user)
    messages.success(request, _("Password of %(username)s reset.") % {"username": login.username})
    return render(request, "accounts/temporary_password.html", {"login": login, "password": password})


@require_POST
def login_reset_two_factor(request, pk):
    login = _login_or_404(pk)
    services.login_reset_two_factor(user=login, by=request.user)
    messages.success(request, _("The second factor of %(username)s was removed.") % {"username": login.username})
    return redirect("accounts:login_detail", pk=login.pk)


def lockout_list(request):
    policies.can_lift_lockouts(request.user).enforce()
    return render(request, "accounts/lockout_list.html", selectors.lockouts())


@require_POST
def lockout_lift(request):
    policies.can_lift_lockouts(request.user).enforce()
    form = LockoutLiftForm(request.POST)
    if form.is_valid():
        try:
            services.lockout_lift(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Lockout lifted."))
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("accounts:lockout_list")


# --- second factor ---------------------------------------------------------------------------------------


def _qr_svg(url: str) -> str:
    svg = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage).to_string(encoding="unicode")
    # Scales with its box (the page sets the size) instead of qrcode's fixed millimetres.
    svg = re.sub(r'^<svg width="[^"]*" height="[^"]*"', '<svg width="100%"', svg)
    return mark_safe(svg)  # noqa: S308 — generated here from our own otpauth URL, no user input in the markup


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("home")


def two_factor(request):
    """Enrol an authenticator app (QR code), or enter its code when the session still needs one."""
    user = request.user
    enrolled = user_has_device(user, confirmed=True)
    if not enrolled and not policies.may_use_two_factor(user) and not request.session.get(SECOND_FACTOR_DUE):
        return render(request, "accounts/two_factor.html", {"offered": False}, status=403)
    if enrolled and user.is_verified():
        return render(request, "accounts/two_factor.html", {"offered": True, "enrolled": True, "verified": True})
    if enrolled:
        return _two_factor_verify(request, user)
    return _two_factor_enrol(request, user)


def _failed_code(request, user):
    """A wrong code counts as a failed login (django-axes); too many in this session log the user out."""
    user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
    failures = request.session.get(OTP_FAILURES, 0) + 1
    request.session[OTP_FAILURES] = failures
    if failures >= settings.HRMS_LOGIN_FAILURE_LIMIT:
        logout(request)
        messages.error(request, _("Too many wrong codes: you were logged out."))
        return redirect("login")
    return None


def _verified(request, device):
    otp_login(request, device)
    request.session.pop(SECOND_FACTOR_DUE, None)
    request.session.pop(OTP_FAILURES, None)
    request.session.pop(ENROL_KEY, None)
    return redirect(_next(request))


def _two_factor_verify(request, user):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.two_factor_verify(user=user, token=form.cleaned_data["token"])
        except ValidationError as error:
            apply_errors(form, error)
            response = _failed_code(request, user)
            if response is not None:
                return response
        else:
            return _verified(request, device)
    context = {"offered": True, "enrolled": True, "verified": False, "form": form, "next": _next(request)}
    return render(request, "accounts/two_factor.html", context)


def _two_factor_enrol(request, user):
    key = request.session.get(ENROL_KEY)
    if not key:
        key = request.session[ENROL_KEY] = random_hex(20)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.two_factor_enrol(user=user, key=key, token=form.cleaned_data["token"])
        except ValidationError as error:
            apply_errors(form, error)
            response = _failed_code(request, user)
            if response is not None:
                return response
        else:
            messages.success(request, _("Two-factor authentication is on."))
            return _verified(request, device)
    device = TOTPDevice(user=user, key=key, name=user.get_username())
    context = {
        "offered": True,
        "enrolled": False,
        "form": form,
        "qr": _qr_svg(device.config_url),
        "secret": device_secret(device),
        "required": request.session.get(SECOND_FACTOR_DUE, False),
        "next": _next(request),
    }
    return render(request, "accounts/two_factor.html", context)


def device_secret(device) -> str:
    """The key as people type it into an app by hand: base32 in groups of four."""
    text = b32encode(device.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
