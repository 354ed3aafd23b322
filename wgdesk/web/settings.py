"""Django settings of the desk. Values come from wgdesk.config and wgdesk.web.secrets only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url

from wgdesk import config
from wgdesk.web import secrets
from wgdesk.web.core import links, localhttp, zones

WEB_DIR = Path(__file__).resolve().parent
DEBUG = config.get_bool("web_debug")
SECRET_KEY = secrets.secret_key()
# Sessions signed, and TOTP secrets sealed, under an earlier key stay valid (rotation).
SECRET_KEY_FALLBACKS = secrets.secret_key_fallbacks()
ALLOWED_HOSTS = [h.strip() for h in config.get("allowed_hosts").split(",") if h.strip()]
# Plain http on loopback without DEBUG (`make run`): only for loopback names and clients.
LOCAL_HTTP = config.get_bool("local_http")
if LOCAL_HTTP:
    localhttp.check_hosts(ALLOWED_HOSTS)

# One Django app per feature; each keeps models, actions, queries, views, forms, urls.
FEATURE_APPS = [
    "wgdesk.web.core",
    "wgdesk.web.audit",
    "wgdesk.web.groups",
    "wgdesk.web.accounts",
    "wgdesk.web.agenda",
    "wgdesk.web.meetings",
    "wgdesk.web.minutes",
    "wgdesk.web.decisions",
    "wgdesk.web.actionitems",
    "wgdesk.web.positions",
    "wgdesk.web.engagements",
    "wgdesk.web.notes",
    "wgdesk.web.attachments",
    "wgdesk.web.dashboard",
    "wgdesk.web.search",
    "wgdesk.web.exports",
    "wgdesk.web.notifications",
    "wgdesk.web.pace",
    "wgdesk.web.sanctions",
    "wgdesk.web.dispositions",
    "wgdesk.web.projects",
    "wgdesk.web.api",
]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Django's own form templates, found by the FORM_RENDERER below after our overrides.
    "django.forms",
    "django_htmx",
    *FEATURE_APPS,
]

MIDDLEWARE = [
    # Plain-http loopback serving answers loopback clients only (a no-op otherwise).
    *(["wgdesk.web.core.localhttp.LoopbackOnlyMiddleware"] if LOCAL_HTTP else []),
    "django.middleware.security.SecurityMiddleware",
    # Serves /static/ in every mode, so a production WSGI server (gunicorn) needs no
    # separate file server: see docs/dependencies.md.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "wgdesk.web.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # request.htmx: a view answers an htmx request with a fragment, others with the page.
    "django_htmx.middleware.HtmxMiddleware",
    "wgdesk.web.accounts.middleware.LoginRequiredMiddleware",
    # Times on pages in the reader's zone; links in emails on the request's address.
    "wgdesk.web.core.middleware.ReaderZoneMiddleware",
    "wgdesk.web.core.middleware.PublicUrlMiddleware",
    # Last, so it sees the finished page: its banners name the highest portion mark shown.
    "wgdesk.web.core.middleware.PageMarkingMiddleware",
    # A write refused because the minutes are locked answers 409 with the reason.
    "wgdesk.web.minutes.middleware.FrozenRecordMiddleware",
]

# Forms render through the template engine, so templates/django/forms/ overrides Django's
# widget templates: every field gets Bootstrap's classes without touching a form.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

ROOT_URLCONF = "wgdesk.web.urls"
WSGI_APPLICATION = "wgdesk.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wgdesk.web.core.context.desk",
            ],
        },
    }
]


def _database() -> Any:
    """SQLite in the data folder by default; the server named by DATABASE_URL when set."""
    url = secrets.database_url()
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": config.data_dir() / "desk.sqlite3",
        # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of one
        # failing with "database is locked" when it upgrades a read lock mid-transaction.
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        # Keep each server thread's connection: opening one and setting its pragmas costs
        # about 1.5 ms, paid on every request otherwise (measured by the load benchmark).
        "CONN_MAX_AGE": 60,
        "TEST": {"NAME": ":memory:"},
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "auth.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Django's model backend, loading each request's member, side and group in one query.
AUTHENTICATION_BACKENDS = ["wgdesk.web.accounts.backends.SeatedUserBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
# A password reset link works for an hour (and once: it dies when the password changes).
PASSWORD_RESET_TIMEOUT = 60 * 60

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG and not LOCAL_HTTP:
    # Outside development every cookie travels over HTTPS only and browsers pin HTTPS.
    # Local http (`make run`) drops only these: everything else is as in production.
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ko", "한국어")]
LOCALE_PATHS = [WEB_DIR / "locale"]
USE_I18N = True
# Stored in UTC; each request reads in its member's zone (core.middleware), others in the
# desk's default display zone (setting time_zone), checked here so a typo stops start-up.
TIME_ZONE = "UTC"
USE_TZ = True
DISPLAY_TIME_ZONE = zones.default_zone_name()

STATIC_URL = "/static/"
STATICFILES_DIRS = [WEB_DIR / "static"]
STATIC_ROOT = config.data_dir() / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise indexes it (empty unless collectstatic ran)
WHITENOISE_USE_FINDERS = True  # also serve the app folders: no collectstatic step needed
MEDIA_ROOT = config.data_dir() / "attachments"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = config.get_int("upload_max_bytes") + 1024 * 1024
UPLOAD_MAX_BYTES = config.get_int("upload_max_bytes")

EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}
_email_choice = config.get("email_backend")
if _email_choice not in EMAIL_BACKENDS:
    raise ValueError(f"WGDESK_EMAIL_BACKEND={_email_choice!r}: use one of {sorted(EMAIL_BACKENDS)}")
EMAIL_BACKEND = EMAIL_BACKENDS[_email_choice]
EMAIL_HOST = config.get("email_host")
EMAIL_PORT = config.get_int("email_port")
EMAIL_HOST_USER = config.get("email_host_user")
EMAIL_HOST_PASSWORD = secrets.smtp_password() if _email_choice == "smtp" else ""
EMAIL_USE_TLS = config.get_bool("email_use_tls")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = config.get("email_from")
# Empty: absolute links use the address of the request being answered (core/links.py).
SITE_URL = links.check_site_url(config.get("site_url"))
CSRF_FAILURE_VIEW = "wgdesk.web.core.errors.csrf_failure"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
