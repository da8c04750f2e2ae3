"""Production: DEBUG off, secrets required from the environment, HTTPS hardening.

Required: DJANGO_SECRET_KEY, DATABASE_URL (PostgreSQL), REDIS_URL (Celery broker, cache, sessions),
DJANGO_ALLOWED_HOSTS. See docs/deployment.md for every variable.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, env_bool

for _name in (
    "DJANGO_SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_ALLOWED_HOSTS",
    "HRMS_CONFIDENTIAL_FILE_KEY",
):
    if not os.environ.get(_name):
        raise ImproperlyConfigured(f"{_name} must be set in production (see docs/deployment.md).")

DEBUG = False
HRMS_REQUIRE_CONFIDENTIAL_FILE_KEY = True
try:
    from cryptography.fernet import Fernet

    Fernet(env("HRMS_CONFIDENTIAL_FILE_KEY"))
except ValueError as _exc:
    raise ImproperlyConfigured(
        "HRMS_CONFIDENTIAL_FILE_KEY must be a Fernet key (32 url-safe base64-encoded bytes; "
        "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')."
    ) from _exc
SECRET_KEY = env("DJANGO_SECRET_KEY")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
DATABASES["default"]["CONN_MAX_AGE"] = int(env("DATABASE_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
# Behind the reverse proxy of docs/deployment.md: the client's address for the login lockout comes from it.
HRMS_TRUSTED_PROXY_COUNT = int(env("HRMS_TRUSTED_PROXY_COUNT", "1"))
# Sessions read from Redis, written through to the database: one query less per request, none lost.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
