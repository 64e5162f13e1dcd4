"""Django settings for the Mixtape platform.

Everything that differs between machines comes from the environment (see
``env.py`` and the README's "Configuration" table). SQLite is the zero-set-up
default; production sets ``DATABASE_URL`` to PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from mixtape_site.config.env import (
    DEV_MASTER_KEY,
    DEV_SECRET_KEY,
    env_flag,
    env_list,
    required_secret,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("MIXTAPE_DATA_DIR", Path.cwd() / "var"))

DEBUG = env_flag("MIXTAPE_DEBUG")
SECRET_KEY = required_secret("MIXTAPE_SECRET_KEY", debug=DEBUG, dev_value=DEV_SECRET_KEY)
# Encrypts issuers' private keys at rest (see issuers/keystore.py).
MIXTAPE_MASTER_KEY = required_secret("MIXTAPE_MASTER_KEY", debug=DEBUG, dev_value=DEV_MASTER_KEY)
# Public origin of the platform: credential, issuer and status-list URLs start with it.
MIXTAPE_BASE_URL = os.environ.get("MIXTAPE_BASE_URL", "http://localhost:8000").rstrip("/")

ALLOWED_HOSTS = env_list("MIXTAPE_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("MIXTAPE_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "mixtape_site.web",  # before allauth, so its layout templates are ours
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
    "mixtape_site.accounts",
    "mixtape_site.organizations",
    "mixtape_site.issuers",
    "mixtape_site.achievements",
    "mixtape_site.credentials",
    "mixtape_site.bulk",
    "mixtape_site.api",
    "mixtape_site.wallet",
    "mixtape_site.mixtapes",
    "mixtape_site.verifier",
    "mixtape_site.goals",
    "mixtape_site.skills",
    "mixtape_site.pathways",
    "mixtape_site.challenges",
    "mixtape_site.projects",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "mixtape_site.web.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "mixtape_site.accounts.language.PreferredLanguageMiddleware",
]

ROOT_URLCONF = "mixtape_site.config.urls"
WSGI_APPLICATION = "mixtape_site.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mixtape_site.web.context_processors.platform",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'mixtape.sqlite3'}"),
        conn_max_age=int(os.environ.get("MIXTAPE_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets the task worker write while web requests read.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "web:home"
LOGIN_URL = "account_login"

# django-allauth: e-mail + password, with mandatory e-mail verification.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("MIXTAPE_TIME_ZONE", "America/Toronto")
USE_TZ = True
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

TASKS = {
    "default": {
        "BACKEND": os.environ.get("MIXTAPE_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

EMAIL_BACKEND = os.environ.get(
    "MIXTAPE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("MIXTAPE_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("MIXTAPE_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("MIXTAPE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("MIXTAPE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_flag("MIXTAPE_EMAIL_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("MIXTAPE_FROM_EMAIL", "Mixtape <no-reply@localhost>")

SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("MIXTAPE_HSTS_SECONDS", "0"))

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("MIXTAPE_LOG_LEVEL", "INFO")},
    # fpdf2's font subsetting logs every step at INFO.
    "loggers": {"fontTools": {"level": "WARNING"}},
}

NINJA_PAGINATION_PER_PAGE = 50
MIXTAPE_VERIFY_FETCH_REMOTE = env_flag("MIXTAPE_VERIFY_FETCH_REMOTE", default=True)
# Build the skills framework's search indexes in a background thread at start-up.
MIXTAPE_WARM_SKILLS = env_flag("MIXTAPE_WARM_SKILLS", default=True)
