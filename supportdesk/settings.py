"""Django settings for Supportdesk.

Everything comes from environment variables with development defaults, so a fresh clone runs with
no set-up. With DEBUG off the process refuses to start unless the operator has set a secret key,
allowed hosts and a real database: an accidental production run on demo settings is worse than no run.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SUPPORTDESK_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable; '1', 'true', 'yes' and 'on' are true."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated environment variable into a list of non-empty items."""
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
_DEV_SECRET = "dev-insecure-secret-key-change-me-0123456789abcdefghijklmnopqrstuvwxyz"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET if DEBUG else "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])

DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'supportdesk.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; IMMEDIATE avoids deadlocking upgrades of
    # read locks to write locks, which otherwise surface as "database is locked" under load.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: the report rollups sum 230 columns, and compiling those expressions took PostgreSQL
    # 20-28 s for 20 ms of work (EXPLAIN ANALYZE, docs/benchmarks.md). Supportdesk runs short
    # indexed queries, which JIT never speeds up.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

if not DEBUG:
    problems = []
    if not SECRET_KEY or SECRET_KEY == _DEV_SECRET:
        problems.append("SECRET_KEY")
    if not ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS")
    if "DATABASE_URL" not in os.environ:
        problems.append("DATABASE_URL")
    if problems:
        raise ImproperlyConfigured("DEBUG is off, so Supportdesk refuses to start without: " + ", ".join(problems))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Before channels: our `runworker` (tasks + sweeps) must win over Channels' command of that name.
    "supportdesk.core",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves Swagger UI from our own static files (no CDN, strict CSP)
    "supportdesk.accounts",
    "supportdesk.tickets",
    "supportdesk.search",
    "supportdesk.realtime",
    "supportdesk.email_gateway",
    "supportdesk.sla",
    "supportdesk.automation.routing",
    "supportdesk.automation.rules",
    "supportdesk.automation.replies",
    "supportdesk.automation.webhooks",
    "supportdesk.automation.processes",
    "supportdesk.kb",
    "supportdesk.portal",
    "supportdesk.surveys",
    "supportdesk.ai",
    "supportdesk.reports",
    "supportdesk.api",
    "supportdesk.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "supportdesk.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "supportdesk.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "supportdesk.urls"
ASGI_APPLICATION = "supportdesk.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "supportdesk" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "inbox"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("de", _("German")), ("hu", _("Hungarian")), ("lv", _("Latvian"))]
LOCALE_PATHS = [BASE_DIR / "supportdesk" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "supportdesk" / "static"]
WHITENOISE_USE_FINDERS = DEBUG

# Attachments live outside any web-served directory and are only ever served through an access check.
ATTACHMENT_ROOT = Path(os.environ.get("SUPPORTDESK_ATTACHMENT_ROOT", VAR_DIR / "attachments"))
ATTACHMENT_MAX_BYTES = int(os.environ.get("SUPPORTDESK_ATTACHMENT_MAX_BYTES", 25 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [REDIS_URL]}}}
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("SUPPORTDESK_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend" if not DEBUG else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Supportdesk <support@localhost>")

SUPPORTDESK_TICKET_NUMBER_PREFIX = os.environ.get("SUPPORTDESK_TICKET_NUMBER_PREFIX", "#")
SUPPORTDESK_TICKET_NUMBER_START = int(os.environ.get("SUPPORTDESK_TICKET_NUMBER_START", "10001"))
SUPPORTDESK_BASE_URL = os.environ.get("SUPPORTDESK_BASE_URL", "http://127.0.0.1:8000")
# Domain of the Message-IDs we generate; mail coming back with one of them is our own (loop guard).
SUPPORTDESK_MAIL_DOMAIN = os.environ.get("SUPPORTDESK_MAIL_DOMAIN", "supportdesk.localhost")
# Outgoing subjects read "[Ticket#10042] ..." (this tag, then the ticket's display number).
SUPPORTDESK_MAIL_SUBJECT_TAG = os.environ.get("SUPPORTDESK_MAIL_SUBJECT_TAG", "Ticket")
# Inbound mail policies: a reply from a non-participant ("new_ticket" or "review"); a reply to a
# closed ticket ("reopen" or "new_ticket"); Cc recipients become ticket participants.
SUPPORTDESK_MAIL_NON_PARTICIPANT_POLICY = os.environ.get("SUPPORTDESK_MAIL_NON_PARTICIPANT_POLICY", "new_ticket")
SUPPORTDESK_MAIL_CLOSED_TICKET_POLICY = os.environ.get("SUPPORTDESK_MAIL_CLOSED_TICKET_POLICY", "reopen")
SUPPORTDESK_MAIL_CC_PARTICIPANTS = env_bool("SUPPORTDESK_MAIL_CC_PARTICIPANTS", True)
# How long one IMAP poll may wait in IDLE for new mail before it returns the worker to other work.
SUPPORTDESK_IMAP_IDLE_SECONDS = float(os.environ.get("SUPPORTDESK_IMAP_IDLE_SECONDS", "10"))
# Admins get an in-app alert when a mailbox's polls fail this many times in a row (once per incident).
SUPPORTDESK_MAILBOX_ALERT_AFTER_FAILURES = int(os.environ.get("SUPPORTDESK_MAILBOX_ALERT_AFTER_FAILURES", "3"))
# Fernet key for secrets at rest (mailbox passwords); derived from SECRET_KEY when empty.
SUPPORTDESK_ENCRYPTION_KEY = os.environ.get("SUPPORTDESK_ENCRYPTION_KEY", "")
# Reverse proxies whose X-Forwarded-For is believed (BAD-INPUTS 35); any other client's is ignored.
SUPPORTDESK_TRUSTED_PROXIES = env_list("SUPPORTDESK_TRUSTED_PROXIES", [])
SUPPORTDESK_SWEEP_INTERVAL_SECONDS = int(os.environ.get("SUPPORTDESK_SWEEP_INTERVAL_SECONDS", "30"))
# How often the worker looks for due SLA warnings, breaches and escalations (they fire within this
# many seconds of their moment; the issue asks for under 60).
SUPPORTDESK_SLA_SWEEP_SECONDS = float(os.environ.get("SUPPORTDESK_SLA_SWEEP_SECONDS", "15"))
# SLA webhooks: attempts in all, and the first retry delay (doubling after each failure).
SUPPORTDESK_SLA_WEBHOOK_ATTEMPTS = int(os.environ.get("SUPPORTDESK_SLA_WEBHOOK_ATTEMPTS", "6"))
SUPPORTDESK_SLA_WEBHOOK_BACKOFF_SECONDS = float(os.environ.get("SUPPORTDESK_SLA_WEBHOOK_BACKOFF_SECONDS", "30"))
# Tests only: let SLA webhooks reach loopback addresses (a local receiver). Never set it in production.
SUPPORTDESK_SLA_WEBHOOK_ALLOW_LOOPBACK = False
# Triggers (automation.rules): no trigger fires once this many automations caused the event (loop safety).
SUPPORTDESK_TRIGGER_MAX_DEPTH = int(os.environ.get("SUPPORTDESK_TRIGGER_MAX_DEPTH", "5"))
# Outgoing webhooks (automation.webhooks): attempts per delivery and the first retry delay (doubling).
SUPPORTDESK_WEBHOOKS_ATTEMPTS = int(os.environ.get("SUPPORTDESK_WEBHOOKS_ATTEMPTS", "10"))
SUPPORTDESK_WEBHOOKS_BACKOFF_SECONDS = float(os.environ.get("SUPPORTDESK_WEBHOOKS_BACKOFF_SECONDS", "15"))
# Tests only: let webhooks reach loopback addresses (a local receiver). Never set it in production.
SUPPORTDESK_WEBHOOKS_ALLOW_LOOPBACK = False
# Optional LLM (ai.llm): the deadline of one request to the model server (connect, wait, read).
# Agents wait for drafts in the request, so keep it short.
SUPPORTDESK_AI_LLM_TIMEOUT_SECONDS = float(os.environ.get("SUPPORTDESK_AI_LLM_TIMEOUT_SECONDS", "30"))
# Let the LLM endpoint be on the admin's own network (a model server in the office or cluster);
# link-local and "this network" stay refused (core.net_safety).
SUPPORTDESK_AI_LLM_ALLOW_PRIVATE = env_bool("SUPPORTDESK_AI_LLM_ALLOW_PRIVATE", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
