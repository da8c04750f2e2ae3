"""The login lockout (django-axes) in front of Django's ModelBackend."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a login while the account or the address is locked out (settings: HRMS_LOGIN_FAILURE_LIMIT,
    HRMS_LOGIN_LOCKOUT_MINUTES).

    Every login over the network (the login page, the admin's) passes its request and is counted. A call
    without a request comes from code on the server (a management command, a test), has no address to lock
    and nothing to guess with: it is left to the next backend instead of failing as axes' own backend does.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
