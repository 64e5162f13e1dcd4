"""Settings for the test suite: fast hashing, mail kept in memory, tasks run inline."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("MIXTAPE_DEBUG", "0")
os.environ.setdefault("MIXTAPE_SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ.setdefault("MIXTAPE_MASTER_KEY", "test-only-master-key-" + "y" * 40)
os.environ.setdefault("MIXTAPE_DATA_DIR", tempfile.mkdtemp(prefix="mixtape-test-"))

from mixtape_site.config.settings import *  # noqa: F403
from mixtape_site.config.settings import DATA_DIR, STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
ACCOUNT_RATE_LIMITS = False
# Serve static files straight from the apps (no collectstatic in tests).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Tests share the framework's indexes per process; no start-up thread competing for CPU.
MIXTAPE_WARM_SKILLS = False
