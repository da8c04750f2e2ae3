"""What a logged-in session must pass before any page (MLPS 2.0 level 2), in this order:

1. idle timeout: a session unused for HRMS_SESSION_IDLE_MINUTES is logged out;
2. second factor: a user who enrolled an authenticator (or whose role must, with HRMS_REQUIRE_2FA) enters
   a code before anything else — whichever login page they came through (ours or the admin's);
3. a temporary password (given by HR) is replaced by the user's own.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp import user_has_device

from . import policies

LAST_SEEN = "hrms_last_seen"
SECOND_FACTOR_DUE = "hrms_second_factor_due"
# The last-seen time is written at most this often: not one session write per request.
TOUCH_EVERY_SECONDS = 60


def start_session(sender, request, user, **kwargs):
    """At login: the idle clock starts, and the second factor is due if the user has one or must have one."""
    session = getattr(request, "session", None)
    if session is None:
        return
    session[LAST_SEEN] = int(time.time())
    if user_has_device(user, confirmed=True) or policies.two_factor_required(user):
        session[SECOND_FACTOR_DUE] = True
    else:
        session.pop(SECOND_FACTOR_DUE, None)


def _open_paths() -> tuple[str, ...]:
    """Pages a half-logged-in session may still use: leave, switch language, the second factor itself."""
    return (reverse("logout"), reverse("set_language"), reverse("two_factor"), settings.STATIC_URL)


class LoginSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response = self._check(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _check(self, request, user):
        session = request.session
        now = int(time.time())
        last_seen = session.get(LAST_SEEN)
        if last_seen is not None and now - last_seen > settings.HRMS_SESSION_IDLE_MINUTES * 60:
            logout(request)
            messages.info(request, _("Your session ended after a period of inactivity. Please log in again."))
            response = redirect_to_login(request.get_full_path())
            if getattr(request, "htmx", False):
                # An htmx request would swap the login page into a fragment: send the whole page there.
                response = HttpResponse(status=204, headers={"HX-Redirect": response.url})
            return response
        if last_seen is None or now - last_seen >= TOUCH_EVERY_SECONDS:
            session[LAST_SEEN] = now
        path = request.path_info
        if path.startswith(_open_paths()):
            return None
        if session.get(SECOND_FACTOR_DUE) and not user.is_verified():
            return redirect(f"{reverse('two_factor')}?{urlencode({'next': request.get_full_path()})}")
        if user.must_change_password and not path.startswith(
            (reverse("password_change"), reverse("password_change_done"))
        ):
            messages.warning(request, _("Please choose your own password before you continue."))
            return redirect("password_change")
        return None
