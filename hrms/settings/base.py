"""Settings shared by every environment. Everything that varies is read from the environment here."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("HRMS_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # third party
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "import_export",
    "auditlog",
    "django_celery_beat",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # ours
    "core",
    "accounts",
    "org",
    "employees",
    "approvals",
    "notifications",
    "printing",
    "recruitment",
    "onboarding",
    "audit",
    "retention",
    "imports",
    "confidentiality",
    "confidentiality.oversight",
    "training",
    "performance",
    "performance.survey",
    "offboarding",
    "reports",
    "integrations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "core.middleware.PrivatePagesMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Idle timeout, second factor, forced password change (accounts/middleware.py); then the lockout page.
    "accounts.middleware.LoginSecurityMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hrms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "hrms.wsgi.application"

# Two people saving at once on the embedded database must wait for each other, never see "database is locked":
# readers do not block the writer (WAL), a writer takes the lock when its transaction starts (IMMEDIATE) and waits
# up to 20 s.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation pays off for long analytical queries, not for a page's short ones: on the volume data it
    # added ~35 ms to each scoped count (the planner's estimate crossed jit_above_cost) for nothing.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"

# --- Identity and login security (MLPS 2.0 / 等保 level 2); accounts/ applies these ----------------------
# Passwords: length, character classes and no reuse of the last N, for every password set (app, admin, reset).
HRMS_PASSWORD_MIN_LENGTH = int(env("HRMS_PASSWORD_MIN_LENGTH", "10"))
HRMS_PASSWORD_CHARACTER_CLASSES = int(env("HRMS_PASSWORD_CHARACTER_CLASSES", "3"))
HRMS_PASSWORD_HISTORY = int(env("HRMS_PASSWORD_HISTORY", "5"))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": HRMS_PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "accounts.validators.CharacterClassesValidator",
        "OPTIONS": {"min_classes": HRMS_PASSWORD_CHARACTER_CLASSES},
    },
    {"NAME": "accounts.validators.PasswordHistoryValidator", "OPTIONS": {"history": HRMS_PASSWORD_HISTORY}},
]
# Failed logins (django-axes): locked per account and per address after the limit, for the cool-off time
# (0: until an administrator lifts it on the lockouts page or in the admin).
HRMS_LOGIN_FAILURE_LIMIT = int(env("HRMS_LOGIN_FAILURE_LIMIT", "5"))
HRMS_LOGIN_LOCKOUT_MINUTES = int(env("HRMS_LOGIN_LOCKOUT_MINUTES", "30"))
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = HRMS_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=HRMS_LOGIN_LOCKOUT_MINUTES) if HRMS_LOGIN_LOCKOUT_MINUTES else None
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Reverse proxies in front of the app whose X-Forwarded-For is trusted for the client's address (production: 1).
HRMS_TRUSTED_PROXY_COUNT = int(env("HRMS_TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "accounts.backends.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Every failed login kept for the audit (AccessFailureLog), beside axes' log of logins and logouts (AccessLog).
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Failures are not wiped by a success: one known login must not reset the count of an address or account.
AXES_RESET_ON_SUCCESS = False
# Sessions end after this many idle minutes (accounts.middleware); the cookie does not outlive it.
HRMS_SESSION_IDLE_MINUTES = int(env("HRMS_SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = HRMS_SESSION_IDLE_MINUTES * 60
# Second factor (TOTP, django-otp): when on, required of administrators, HR and the general manager
# (accounts.policies.TWO_FACTOR_ROLES); anyone who enrolled is always asked for a code.
HRMS_REQUIRE_2FA = env_bool("HRMS_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = env("HRMS_OTP_ISSUER", "HRMS")
# ----------------------------------------------------------------------------------------------------------
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Personnel files and classified documents: never under MEDIA_URL, served only by checked views.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "private"), "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


# With HRMS_S3_BUCKET the private files live in any S3-compatible object store (MinIO, Alibaba OSS, Tencent COS,
# AWS S3), so several app servers share them. The bucket stays private: files are still served only through the
# permission-checked views, which read them through the storage API; nothing links to the bucket.
def s3_private_storage(*, bucket, endpoint_url=None, region=None, access_key="", secret_key="", prefix="private"):
    """The private storage in an S3-compatible bucket (also used by the tests against a local S3 server)."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "access_key": access_key,
            "secret_key": secret_key,
            "location": prefix,
            "addressing_style": env("HRMS_S3_ADDRESSING_STYLE", "path"),
            "signature_version": "s3v4",
            "default_acl": "private",
            "file_overwrite": False,
            # Should anything ask for a URL, it is signed and short-lived, never public.
            "querystring_auth": True,
            "querystring_expire": 60,
        },
    }


HRMS_S3_BUCKET = env("HRMS_S3_BUCKET", "")
if HRMS_S3_BUCKET:
    STORAGES["private"] = s3_private_storage(
        bucket=HRMS_S3_BUCKET,
        endpoint_url=env("HRMS_S3_ENDPOINT_URL", ""),
        region=env("HRMS_S3_REGION", ""),
        access_key=env("HRMS_S3_ACCESS_KEY", ""),
        secret_key=env("HRMS_S3_SECRET_KEY", ""),
        prefix=env("HRMS_S3_PREFIX", "private"),
    )
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# Uploads: personnel-file documents and resumes.
UPLOAD_MAX_BYTES = int(env("HRMS_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
# The Fernet key (32 url-safe base64 bytes) encrypting classified files at rest (confidentiality.files). Development
# and tests derive one from SECRET_KEY when it is unset; production refuses to start without it.
HRMS_CONFIDENTIAL_FILE_KEY = env("HRMS_CONFIDENTIAL_FILE_KEY", "")
HRMS_REQUIRE_CONFIDENTIAL_FILE_KEY = False
FILE_UPLOAD_PERMISSIONS = 0o640

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "hrms@localhost")

# Celery: Redis when REDIS_URL is set; otherwise tasks run eagerly in-process.
REDIS_URL = env("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
# django-celery-beat's database scheduler; settings only seed rows, so admin edits survive a beat restart.
CELERY_BEAT_SCHEDULER = "notifications.beat:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    # Every reminder sweep, daily at 08:00 Asia/Shanghai; editable in the admin (periodic tasks).
    # Same name as the row notifications' data migration creates.
    "daily reminder sweep": {
        "task": "notifications.tasks.run_reminder_sweeps",
        "schedule": crontab(hour=8, minute=0),
    },
    # Imports whose worker died stay "running" otherwise; every ten minutes they are marked failed.
    "stalled import sweep": {
        "task": "imports.tasks.import_jobs_fail_stalled_task",
        "schedule": crontab(minute="*/10"),
    },
}

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}

# Company policy knobs (spec 01/04/09); administrators change them by environment.
HRMS_EMPLOYEE_NUMBER_PATTERN = env("HRMS_EMPLOYEE_NUMBER_PATTERN", "E{seq:05d}")
HRMS_DEMO_PASSWORD = env("DEMO_PASSWORD", "hrms-demo-2026")
# Local monthly minimum wage (yuan): probation pay may not be below it (LCL art. 20).
HRMS_LOCAL_MINIMUM_WAGE = int(env("HRMS_LOCAL_MINIMUM_WAGE", "2690"))
# Default of the retention table's row for candidates not hired (retention app; administrators change it there).
HRMS_CANDIDATE_RETENTION_MONTHS = int(env("HRMS_CANDIDATE_RETENTION_MONTHS", "12"))
# Company probation policy per position category (spec 04), in months: (shortest, longest, default). The legal
# cap by contract term (LCL art. 19) still applies on top; employees/labour_law.py reads this, nothing else.
HRMS_PROBATION_POLICY = {
    "frontline": (1, 1, 1),
    "staff": (1, 3, 3),
    "manager": (1, 3, 3),
}
# Absolute links in e-mails.
HRMS_SITE_URL = env("HRMS_SITE_URL", "http://127.0.0.1:8000")

AUDITLOG_INCLUDE_ALL_MODELS = False
# Secret fields in the audit trail are masked as on the pages (ID numbers) or fully (salaries).
AUDITLOG_MASK_CALLABLE = "core.security.mask_for_audit"

# Content security policy (django-csp): scripts and styles only from this site — no inline script, no CDN. Inline
# style attributes stay allowed (Bootstrap's components and htmx's indicator style use them).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Imports (imports/): the largest file and the most rows any import takes (refused in words beyond), and the rows
# above which a file is checked and written by a Celery task instead of in the request.
HRMS_IMPORT_MAX_BYTES = int(env("HRMS_IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
HRMS_IMPORT_MAX_ROWS = int(env("HRMS_IMPORT_MAX_ROWS", "50000"))
HRMS_IMPORT_BACKGROUND_ROWS = int(env("HRMS_IMPORT_BACKGROUND_ROWS", "500"))
# A running import with no progress for this long has lost its worker: the sweep marks it failed (imports.services).
HRMS_IMPORT_STALLED_MINUTES = int(env("HRMS_IMPORT_STALLED_MINUTES", "30"))
HRMS_IMPORT_MAX_PROBLEMS_SHOWN = 1000  # a job keeps (and shows) the first problems of a file full of them

# Every import and export goes through these formats: no live formulas out or in, GBK CSV read (core/spreadsheets.py).
# (Classes, as django-import-export wants them; core.spreadsheets imports nothing of the project.)
from core.spreadsheets import FORMATS as IMPORT_EXPORT_FORMATS  # noqa: E402, F401

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    # WeasyPrint logs every rendering step at INFO; only its warnings (missing images, bad CSS) matter.
    "loggers": {"weasyprint": {"level": "WARNING"}},
}

# Messenger channel keys and webhook secrets are stored encrypted (core/crypto.py, Fernet). The key comes from
# HRMS_FIELD_ENCRYPTION_KEY (`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key())"`);
# development and tests derive one from SECRET_KEY, production refuses to start without it.
HRMS_FIELD_ENCRYPTION_KEY = env("HRMS_FIELD_ENCRYPTION_KEY", "")
# Messenger notices and webhooks: attempts per delivery, and the first retry delay (doubled each time), seconds.
HRMS_DELIVERY_MAX_ATTEMPTS = int(env("HRMS_DELIVERY_MAX_ATTEMPTS", "5"))
HRMS_DELIVERY_BACKOFF_SECONDS = int(env("HRMS_DELIVERY_BACKOFF_SECONDS", "60"))
HRMS_DELIVERY_TIMEOUT_SECONDS = int(env("HRMS_DELIVERY_TIMEOUT_SECONDS", "10"))
# Pre-hire self-registration (信息采集): how long the one-time link works.
HRMS_REGISTRATION_LINK_DAYS = int(env("HRMS_REGISTRATION_LINK_DAYS", "7"))
