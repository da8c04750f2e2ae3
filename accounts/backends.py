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


def client_ip(request) -> str | None:
    """The client's address for the per-address lockout (settings.AXES_CLIENT_IP_CALLABLE).

    Behind the reverse proxy of docs/deployment.md every request comes from the proxy's address: with
    HRMS_TRUSTED_PROXY_COUNT = n, the address is the n-th entry from the right of X-Forwarded-For (the one
    the outermost trusted proxy saw; entries left of it are the client's to invent). Without the header, or
    with n = 0, it is the connection's own address.
    """
    from django.conf import settings

    remote = request.META.get("REMOTE_ADDR")
    count = settings.HRMS_TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if count <= 0 or not forwarded:
        return remote
    return forwarded[-count] if len(forwarded) >= count else forwarded[0]
