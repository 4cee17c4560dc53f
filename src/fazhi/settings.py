"""Django settings for Fazhi. What differs between machines comes from the environment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF

from .env import ConfigError, envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(envstr("FAZHI_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = envbool("FAZHI_DEBUG", False)
SECRET_KEY = envstr("FAZHI_SECRET_KEY", "")
if not SECRET_KEY:
    # The embedded default keeps a generated key in var/ so sessions survive a restart.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        import os
        import secrets

        # Created readable by the owner only from the start (no window with the umask's mode).
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(50))
    SECRET_KEY = key_file.read_text().strip()

ALLOWED_HOSTS = envlist("FAZHI_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("FAZHI_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "django_htmx",
    "csp",
    "axes",
    "auditlog",
    "fazhi.core.org",
    "fazhi.core.accounts",
    "fazhi.core.clock",
    "fazhi.core.integrity",
    "fazhi.core.casework",
    "fazhi.core.disclosure",
    "fazhi.domains.lists",
    "fazhi.domains.enforcement",
    "fazhi.domains.disputes",
    "fazhi.domains.inspection",
    "fazhi.domains.rulemaking",
    "fazhi.domains.decisions",
    "fazhi.domains.credit",
    "fazhi.core.intake",
    "fazhi.shell.office",
    "fazhi.shell.portal",
    "fazhi.shell.api",
    "fazhi.shell.scenario",
    "fazhi.shell.ops",
]
# Domain apps installed beside the built-in ones (a province's own domain, a plug-in): each
# registers itself from its AppConfig.ready(), so adding one edits no file of Fazhi's.
INSTALLED_APPS += envlist("FAZHI_EXTRA_APPS", [])

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "fazhi.core.org.middleware.NulCharacterMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fazhi.core.org.middleware.IdleTimeoutMiddleware",
    "fazhi.core.org.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "fazhi.core.integrity.middleware.AuditContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).resolve().parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fazhi.shell.portal.context.site",
                "fazhi.shell.portal.context.nav",
            ],
        },
    },
]

# SQLite in var/ by default; PostgreSQL (or another engine) by DATABASE_URL.
_db_url = envstr("DATABASE_URL", f"sqlite:///{VAR_DIR / 'fazhi.sqlite3'}")
try:
    DATABASES = {
        "default": dj_database_url.parse(_db_url, conn_max_age=envint("DB_CONN_MAX_AGE", 0))
    }
except Exception as exc:  # dj_database_url raises several types for a malformed URL
    raise ConfigError(f"DATABASE_URL 无法解析：{_db_url!r}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL lets the worker read while the web server writes.
    DATABASES["default"]["OPTIONS"]["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.Staff"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": envint("FAZHI_PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "office:login"
LOGIN_REDIRECT_URL = "office:home"
LOGOUT_REDIRECT_URL = "portal:home"

# 等保 2.0 level 3: lock out after 5 failures for 15 minutes; idle sessions end after 30 minutes.
AXES_FAILURE_LIMIT = envint("FAZHI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("FAZHI_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "office/locked_out.html"
# Lockout by account (MLPS asks for account lockout); an IP-wide lockout would lock a whole
# office behind one NAT address.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_ENABLED = envbool("FAZHI_AXES_ENABLED", True)
SESSION_IDLE_TIMEOUT_SECONDS = envint("FAZHI_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_COOKIE_HTTPONLY = True
# A session ends with the browser as well as after the idle timeout (a shared office computer).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Behind TLS in production (FAZHI_HTTPS=true): secure cookies, HSTS, redirect to https, and the
# proxy's X-Forwarded-Proto believed. The embedded default serves plain http on 127.0.0.1.
HTTPS = envbool("FAZHI_HTTPS", False)
SESSION_COOKIE_SECURE = envbool("FAZHI_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = envint("FAZHI_HSTS_SECONDS", 31536000)
    # Only when every subdomain is served over https (README, 生产部署); preload needs both.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("FAZHI_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = envbool("FAZHI_HSTS_PRELOAD", False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every response (django-csp): scripts and styles only from our own
# static files (htmx is vendored), no inline script or style attribute, no framing.
# tests/platform/test_security_headers.py keeps the templates free of inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/files/"
MEDIA_ROOT = Path(envstr("FAZHI_FILES_DIR", str(VAR_DIR / "files")))
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
if envstr("FAZHI_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": envstr("FAZHI_S3_BUCKET"),
            "endpoint_url": envstr("FAZHI_S3_ENDPOINT_URL") or None,
            "access_key": envstr("FAZHI_S3_ACCESS_KEY") or None,
            "secret_key": envstr("FAZHI_S3_SECRET_KEY") or None,
            "region_name": envstr("FAZHI_S3_REGION") or None,
        },
    }
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Celery: Redis when REDIS_URL is set; otherwise a filesystem broker under var/ (no service needed).
REDIS_URL = envstr("REDIS_URL", "")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
else:
    _broker = VAR_DIR / "broker"
    for sub in ("in", "processed", "results"):
        (_broker / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker / "in"),
        "data_folder_out": str(_broker / "in"),
        "processed_folder": str(_broker / "processed"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{_broker / 'results'}"
CELERY_TASK_ALWAYS_EAGER = envbool("FAZHI_TASKS_EAGER", False)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Periodic jobs are registered by each app (fazhi.registry.job) and loaded by fazhi.celery.
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "fazhi.shell.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_RATES": {"entity_lookup": envstr("FAZHI_LOOKUP_RATE", "30/minute")},
    "NUM_PROXIES": envint("FAZHI_TRUSTED_PROXIES", 0),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Fazhi API (法治)",
    "DESCRIPTION": "法治政府建设平台接口",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Several models share a field name with different choices; name each enum once.
    "ENUM_NAME_OVERRIDES": {
        "PowerKindEnum": "fazhi.domains.lists.choices.PowerKind",
        "ProofStatusEnum": "fazhi.domains.lists.choices.ProofStatus",
        "NegativeKindEnum": "fazhi.domains.lists.choices.NegativeKind",
        "ListStateEnum": "fazhi.domains.lists.choices.ListState",
        "ListActionEnum": "fazhi.domains.lists.choices.ListAction",
        "CredentialStatusEnum": "fazhi.core.org.choices.CredentialStatus",
        "EntityStatusEnum": "fazhi.core.org.choices.EntityStatus",
        "DeadlineStatusEnum": "fazhi.core.casework.choices.DeadlineStatus",
        "UnitKindEnum": "fazhi.core.org.choices.UnitKind",
        "RegionKindEnum": "fazhi.core.org.choices.RegionKind",
        "EntityKindEnum": "fazhi.core.org.choices.EntityKind",
    },
}

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    )
}

# API tokens: valid this many days from creation; each staff member makes their own at
# /office/tokens/ (a password change or deactivation revokes them all).
FAZHI_TOKEN_DAYS = envint("FAZHI_TOKEN_DAYS", 90)

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = True  # the address is set by our middleware (clientip.py)
# How many reverse proxies in front of Fazhi append to X-Forwarded-For (0: none; trust nothing).
FAZHI_TRUSTED_PROXIES = envint("FAZHI_TRUSTED_PROXIES", 0)
AUDITLOG_LOGENTRY_MODEL = "integrity.AuditEntry"

# Scoping fails closed: an unrestricted queryset on a request path is an error under test,
# and an empty result in production.
FAZHI_STRICT_SCOPING = envbool("FAZHI_STRICT_SCOPING", DEBUG)
FAZHI_EXPORT_DIR = Path(envstr("FAZHI_EXPORT_DIR", str(VAR_DIR / "exports")))
FAZHI_SITE_GOVERNMENT = envstr("FAZHI_SITE_GOVERNMENT", "420700000000")
# Where the public complains about a cancelled proof still demanded (减证便民告知卡).
FAZHI_PROOF_COMPLAINT_CONTACT = envstr("FAZHI_PROOF_COMPLAINT_CONTACT", "")
# How many sealed leaves a batch holds at most; sealing runs every ten minutes on beat.
FAZHI_SEAL_BATCH = envint("FAZHI_SEAL_BATCH", 10000)
# Excel imports: files above these limits are refused with a reason, before anything is read.
FAZHI_IMPORT_MAX_BYTES = envint("FAZHI_IMPORT_MAX_BYTES", 50 * 1024 * 1024)
FAZHI_IMPORT_MAX_ROWS = envint("FAZHI_IMPORT_MAX_ROWS", 300_000)
FAZHI_HASH_ALGORITHM = envstr("FAZHI_HASH_ALGORITHM", "sha256")
# Public accounts' one-time codes go out through this adapter (a class with send(phone, text));
# the default writes one JSON line per message under FAZHI_SMS_DIR, for development.
FAZHI_SMS_BACKEND = envstr("FAZHI_SMS_BACKEND", "fazhi.core.accounts.sms.FileSmsBackend")
FAZHI_SMS_DIR = Path(envstr("FAZHI_SMS_DIR", str(VAR_DIR / "sms")))
# The electronic seal / signature adapter for generated 文书 (a dotted class path); the default
# records every document as unsigned, to be printed and sealed by hand.
FAZHI_SEAL_BACKEND = envstr("FAZHI_SEAL_BACKEND", "fazhi.core.casework.documents.UnsignedSeal")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("FAZHI_LOG_LEVEL", "WARNING")},
}
