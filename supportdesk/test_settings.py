"""Settings for the test suite: the real settings with fast, isolated, deterministic services.

The database still comes from DATABASE_URL, so the same suite runs on SQLite and on PostgreSQL.
"""

import tempfile
from pathlib import Path

from supportdesk.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; never in production
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ATTACHMENT_ROOT = Path(tempfile.mkdtemp(prefix="supportdesk-test-attachments-"))
WHITENOISE_USE_FINDERS = True
LANGUAGE_CODE = "en"
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="supportdesk-test-static-"))  # WhiteNoise warns when it is missing

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's default shared-cache in-memory database: threads in tests (IMAP IDLE
    # watchers, the worker) write from their own connections, and shared-cache table locks fail at
    # once ("database table is locked") instead of waiting like the WAL file a real install uses.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.mkdtemp(prefix="supportdesk-test-db-")) / "test.sqlite3")}  # noqa: F405
