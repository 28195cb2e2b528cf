"""Django settings for jixiao, read from environment variables only (see `.env.example`).

The embedded default needs no configuration at all: SQLite and a generated secret key live in the
data folder (`JIXIAO_DATA_DIR`, default `./var`). Production sets `DATABASE_URL` (PostgreSQL),
`JIXIAO_SECRET_KEY` and `JIXIAO_ALLOWED_HOSTS`.
"""

from __future__ import annotations

import datetime
import secrets
from pathlib import Path

import dj_database_url

from jixiao.config.env import EnvError, env_bool, env_int, env_list, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = env_path("JIXIAO_DATA_DIR", Path.cwd() / "var")


def _secret_key() -> str:
    """JIXIAO_SECRET_KEY, or a key generated once and kept in the data folder."""
    configured = env_str("JIXIAO_SECRET_KEY", "")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key, encoding="utf-8")
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
DEBUG = env_bool("JIXIAO_DEBUG", False)
ALLOWED_HOSTS = env_list("JIXIAO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("JIXIAO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_q",
    "axes",
    "jixiao.accounts",
    "jixiao.audit",
    "jixiao.projects",
    "jixiao.ledger",
    "jixiao.goals",
    "jixiao.evaluation",
    "jixiao.workflow",
    "jixiao.monitoring",
    "jixiao.reports",
    "jixiao.ingest",
    "jixiao.followup",
    "jixiao.disclosure",
    "jixiao.web",
    "jixiao.demo",
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
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes requires: it turns a lockout into the Chinese 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jixiao.config.urls"
WSGI_APPLICATION = "jixiao.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jixiao.web.context.site",
            ],
        },
    },
]

_default_database = f"sqlite:///{DATA_DIR / 'jixiao.sqlite3'}"
try:
    DATABASES = {
        "default": dj_database_url.parse(
            env_str("DATABASE_URL", "") or _default_database, conn_max_age=60
        )
    }
except ValueError as error:  # dj-database-url raises ValueError for unknown schemes
    raise EnvError(f"DATABASE_URL is not a database address jixiao understands: {error}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "jixiao.config.security.ChineseMinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "jixiao.config.security.CharacterClassesValidator", "OPTIONS": {"minimum": 3}},
]

# 等保2.0 身份鉴别: lock a username at one address out after 5 failed logins for 15 minutes.
# django-axes' backend comes first and needs `request` in authenticate() (tests force_login).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_VERBOSE = False

SESSION_COOKIE_AGE = env_int("JIXIAO_SESSION_AGE_SECONDS", 1800, minimum=60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "jixiao.config.security.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("JIXIAO_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env_path("JIXIAO_STATIC_ROOT", DATA_DIR / "static")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it, even before collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve straight from the app folders, so `jixiao demo` needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "files"

JIXIAO_SCHEME = env_str("JIXIAO_SCHEME", "national-2020")
# The result-application table (jixiao/rules/followup.py): national-2020 or a region variant.
JIXIAO_FOLLOWUP_SCHEME = env_str("JIXIAO_FOLLOWUP_SCHEME", "national-2020")
JIXIAO_DEMO_PASSWORD = "Jixiao@2026"

# Background work (bureau-wide exports, reminders): django-q2 with the database broker on the
# embedded default (no extra service); set JIXIAO_Q_REDIS_URL to share the work between machines.
Q_CLUSTER = {
    "name": "jixiao",
    "workers": env_int("JIXIAO_Q_WORKERS", 1, minimum=1),
    "timeout": 1800,
    "retry": 2400,
    "orm": "default",
    "catch_up": False,
    "sync": env_bool("JIXIAO_Q_SYNC", False),
}
if env_str("JIXIAO_Q_REDIS_URL", ""):
    Q_CLUSTER.pop("orm")
    Q_CLUSTER["redis"] = env_str("JIXIAO_Q_REDIS_URL", "")

UPLOAD_MAX_BYTES = env_int("JIXIAO_UPLOAD_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("JIXIAO_LOG_LEVEL", "WARNING")},
}
