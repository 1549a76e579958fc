"""Settings for the test suite: the real settings with tasks run immediately, a throwaway
data directory and fast password hashing. DATABASE_URL still picks the database, so the
same suite runs on SQLite and on PostgreSQL."""

import os
import tempfile

os.environ.setdefault("COALITION_DATA_DIR", tempfile.mkdtemp(prefix="coalition-test-"))
os.environ.setdefault("COALITION_COUNTRY", "AF")

from coalition.config.settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True
