"""Tutor's settings, read from the environment with safe development defaults."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

# One BLAS thread (read when numpy loads, after the settings): question generation's spaCy
# matrix products run beside its keyphrase worker process, and on two cores a second thread
# only fights that worker for the CPU.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

_DEV_SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "axes",
    "accounts",
    "lessons",
    "quizzes",
    "review",
    "results",
    # The project package, for its commands (backup, restore).
    "tutor",
]

MIDDLEWARE = [
    # First, so that every log line of the request carries its id.
    "tutor.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that it turns a locked-out log-in into the lock-out page (axes' rule).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tutor.urls"

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
                "django.template.context_processors.csp",
                "accounts.context_processors.roles",
            ],
            "builtins": ["django_htmx.templatetags.django_htmx"],
        },
    },
]

WSGI_APPLICATION = "tutor.wsgi.application"
ASGI_APPLICATION = "tutor.asgi.application"

# SQLite is the embedded default. WAL lets readers run beside a writer, the busy timeout makes
# a second writer wait instead of failing at once, and IMMEDIATE transactions take the write
# lock up front so that a read-then-write transaction cannot deadlock into "database is locked".
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections persist on SQLite too (DJANGO_CONN_MAX_AGE, as on PostgreSQL): opening one
    # runs the PRAGMAs below and registers Django's SQL functions, about 2.5 ms of CPU, as
    # much again as a whole minimal request. A local file needs no health check.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# Redis, when REDIS_URL is set, holds the cache and the sessions (Django's own Redis backend), so
# every app server shares them and none keeps state of its own between requests. Without it the
# cache lives in each process: fine for one server, since what is cached there is either keyed
# by content (lesson HTML) or short-lived and keyed by the student's latest change.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("TUTOR_CACHE_PREFIX", "tutor"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    # Sessions in the database, updated in plain SQL (tutor/sessions.py).
    SESSION_ENGINE = "tutor.sessions"
    # Room for every lesson's HTML and outline and a class's per-student figures (Django's
    # default of 300 entries evicts them under a class of a few hundred students); entries are a
    # few KB, so even full it stays within tens of MB per process.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("TUTOR_LOCAL_CACHE_ENTRIES", "5000"))},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Slow work (question generation, large imports) runs as django.tasks tasks. The queue lives in
# the database (django-tasks-db), so it survives restarts and any number of `manage.py
# run_worker` processes, on any machine that reaches the database, share it.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TUTOR_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# /healthz reports the queue "stalled" when a task has waited this long for a worker.
TUTOR_HEALTHZ_QUEUE_WAIT_S = int(os.environ.get("TUTOR_HEALTHZ_QUEUE_WAIT_S", "600"))
# Documents and GIFT files larger than this are imported by the worker, not in the request.
TUTOR_TASK_IMPORT_BYTES = int(os.environ.get("TUTOR_TASK_IMPORT_BYTES", str(64 * 1024)))

# Argon2 (Django's recommended hasher, memory-hard) hashes new passwords; it costs a log-in about
# half the CPU of PBKDF2's 1,500,000 rounds, trading it for 100 MiB of memory for a moment. The
# hashers after it still check older hashes, and Django re-hashes those with Argon2 at log-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Axes goes first: it refuses a locked-out log-in before any password is checked. RoleAwareBackend
# is ModelBackend loading the user's role with the user; ModelBackend stays listed so that
# sessions started before it keep working.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.RoleAwareBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Log-in throttling (django-axes) on the site and the admin log-in: 5 failures for one username
# from one address lock that pair out for 15 minutes, and a failure during the lock-out starts
# the 15 minutes again. The counts live in the database, so every app server shares them.
AXES_FAILURE_LIMIT = int(os.environ.get("TUTOR_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("TUTOR_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
# Behind a proxy every request comes from the proxy's address; take the client's from the
# X-Forwarded-For entry the proxy appended.
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
AXES_USERNAME_CALLABLE = "accounts.throttling.client_username"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
# One date format everywhere (tutor/formats/en/formats.py), instead of "Nov. 30, 2026".
FORMAT_MODULE_PATH = ["tutor.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Served from the app folders while developing; `collectstatic` fills STATIC_ROOT for production.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# With DEBUG off, files are served compressed (gzip and Brotli, made by collectstatic) and the
# manifest's hashed names are served as immutable with a far-future max-age (whitenoise's rule).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend"
            if DEBUG
            else "django.core.mail.backends.smtp.EmailBackend",
        ),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "tutor@localhost")

# Production hardening: on by default whenever DEBUG is off, each switchable by environment
# (for example DJANGO_SECURE_SSL_REDIRECT=0 behind a proxy that already redirects).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(
    os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
# Content-Security-Policy (Django's own): scripts, styles, images and requests from this site
# only, and no inline script or style (Tutor has none: behaviour lives in static/js, looks in
# static/css). The nonce is for the Django admin, which marks its few inline tags with one.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Load balancers probe /healthz over plain HTTP on the instance's own address.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Largest text document (plain text, Markdown, HTML) accepted by import, in bytes.
TUTOR_MAX_DOCUMENT_BYTES = int(os.environ.get("TUTOR_MAX_DOCUMENT_BYTES", str(5 * 1024 * 1024)))
# Largest Word, PDF or EPUB file (they carry images and fonts), and most pages in a PDF.
TUTOR_MAX_FILE_BYTES = int(os.environ.get("TUTOR_MAX_FILE_BYTES", str(40 * 1024 * 1024)))
TUTOR_MAX_PDF_PAGES = int(os.environ.get("TUTOR_MAX_PDF_PAGES", "1000"))
# A document with more sections than this is refused (a 2,000-heading file is a mistake).
TUTOR_MAX_SECTIONS = int(os.environ.get("TUTOR_MAX_SECTIONS", "500"))
DATA_UPLOAD_MAX_MEMORY_SIZE = TUTOR_MAX_DOCUMENT_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = TUTOR_MAX_DOCUMENT_BYTES + 1024 * 1024

INSTRUCTORS_GROUP = "Instructors"

# fsrs spreads review intervals by a random day or two so cards learnt together do not all fall
# due together; tests switch it off to get exact intervals.
TUTOR_REVIEW_FUZZING = env_bool("TUTOR_REVIEW_FUZZING", True)

# Every log line carries the request's id (also sent as X-Request-ID), and none carries what a
# request posted (answers, passwords, documents) or a token from a URL. Error reports hide every
# POST value and local variable with DEBUG off (tutor/logs.py).
DEFAULT_EXCEPTION_REPORTER_FILTER = "tutor.logs.ErrorReportFilter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "tutor.logs.RequestIdFilter"},
        "scrub_secrets": {"()": "tutor.logs.ScrubSecretsFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "request": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "scrub_secrets"],
            "formatter": "request",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "filters": ["require_debug_false", "request_id", "scrub_secrets"],
        },
    },
    # Replaces Django's default "django" logger, whose own console handler would print its
    # lines a second time, unscrubbed; they reach the console through the root logger.
    "loggers": {
        "django": {
            "handlers": ["mail_admins"],
            "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO" if DEBUG else "WARNING"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
