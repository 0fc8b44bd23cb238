"""Django settings for the Rightscope web platform, read from the environment.

Everything a deployment changes is an environment variable (see ``docs/web.md``):

- ``DATABASE_URL``: PostgreSQL for teams (``postgresql://user:pass@host/db``); SQLite in the data folder
  by default.
- ``RIGHTSCOPE_WEB_DATA``: the data folder (SQLite database, uploads, generated reports, secret key).
- ``RIGHTSCOPE_WEB_DEBUG=1``: development mode. Off by default, so a deployment never runs with DEBUG on.
- ``RIGHTSCOPE_WEB_HTTPS=1``: served over HTTPS (secure cookies, HSTS, the proxy's X-Forwarded-Proto).
- ``RIGHTSCOPE_WEB_HOSTS``: comma-separated host names (default 127.0.0.1 and localhost).
- ``RIGHTSCOPE_SECRET_KEY``: the signing key; generated once and kept in the data folder when unset.
- ``RIGHTSCOPE_TASKS``: ``database`` (default: a queue in the database, worked by ``rightscope web``)
  or ``immediate`` (run in the request: tests and one-off scripts), or a django-tasks backend path.
- ``RIGHTSCOPE_MAX_UPLOAD_MB``: the largest upload accepted (default 200).
- ``RIGHTSCOPE_ENCODER_THREADS``: threads of identify's encoder in each worker process (default 1 here).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def data_dir() -> Path:
    """Where the web platform keeps its files; created on first use."""
    default = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "rightscope" / "web"
    folder = Path(os.environ.get("RIGHTSCOPE_WEB_DATA", default)).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _secret_key(folder: Path) -> str:
    given = os.environ.get("RIGHTSCOPE_SECRET_KEY")
    if given:
        return given
    keyfile = folder / "secret.key"
    if not keyfile.exists():
        keyfile.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        keyfile.chmod(0o600)
    return keyfile.read_text(encoding="utf-8").strip()


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()
DEBUG = _flag("RIGHTSCOPE_WEB_DEBUG")
HTTPS = _flag("RIGHTSCOPE_WEB_HTTPS")
SECRET_KEY = _secret_key(DATA_DIR)
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("RIGHTSCOPE_WEB_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "auditlog",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "rightscope.web.orgs",
    "rightscope.web.audit",
    "rightscope.web.lawbrowser",
    "rightscope.web.assessments",
    "rightscope.web.consultations",
    "rightscope.web.monitoring",
    "rightscope.web.reports",
    "rightscope.web.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Last, so that a locked-out sign-in is answered after the session and user are known.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rightscope.web.urls"
WSGI_APPLICATION = "rightscope.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rightscope.web.orgs.context.memberships",
            ],
        },
    },
]

DATABASES: dict[str, Any] = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'rightscope.sqlite3'}", conn_max_age=600, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the task worker write while pages read; the timeout waits out a writer instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login rate limiting: five failures per user name and address lock both out for fifteen minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]  # the site's own stylesheet, scripts and htmx
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns about a missing folder; the files come from the apps
# WhiteNoise serves the packaged static files straight from the apps: no collectstatic step to forget.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = DATA_DIR / "files"

MAX_UPLOAD_BYTES = int(float(os.environ.get("RIGHTSCOPE_MAX_UPLOAD_MB", "200")) * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # form fields; files stream to disk past this
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security defaults. Cookies are marked Secure whenever the site is served over HTTPS.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and not _flag("RIGHTSCOPE_WEB_NO_REDIRECT")
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("RIGHTSCOPE_WEB_ORIGINS", "").split(",") if o]

# Content security policy: only this site's own scripts, styles and images; no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# identify's encoder runs one thread per worker process, without spin-waiting: the server's parallelism
# is its workers. With onnxruntime's default (a spinning thread per core in every worker), four workers
# on two cores took one another's CPU: under bench/web's 50 users the consultation input's p95 was
# 110-120 ms, and 72 ms with one thread; page p95s fell from 57-62 to 43 ms.
os.environ.setdefault("RIGHTSCOPE_ENCODER_THREADS", "1")

_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_tasks = os.environ.get("RIGHTSCOPE_TASKS", "database")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS.get(_tasks, _tasks)}}

# The audit trail: who changed what, with before and after, on every registered model.
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
