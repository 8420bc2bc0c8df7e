"""Settings for the OSCE–Kazakhstan Knowledge Base.

Everything that differs between machines comes from the environment (see .env.example); a bad value
stops the process with a message naming the variable, rather than running half-configured.
"""

import contextlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}.")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None


def env_list(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see .env.example).")
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    # modeltranslation must come before the admin so that its admin integration is used.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "reversion",
    "reversion_compare",
    "osce_kb",
    "organs",
    "people",
    "timeline",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves the project's own CSS, scripts and fonts in production: no CDN, no separate web server needed.
    # Static files are answered here, before anything below can touch the database.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "osce_kb.middleware.DatabaseUnavailableMiddleware",
    # Anonymous readers read the replica, when there is one; everyone else the primary.
    "osce_kb.routers.ReplicaRoutingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "osce_kb.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "osce_kb.middleware.ReadOnlyPublicPagesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "osce_kb.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "osce_kb.wsgi.application"


# A database that is down or slow must not hold a worker: connecting gives up after DB_CONNECT_TIMEOUT
# seconds, and PostgreSQL itself cancels a statement after DB_STATEMENT_TIMEOUT_MS and a wait for a lock after
# DB_LOCK_TIMEOUT_MS (0 turns a limit off, e.g. for a long migration). The site then answers 503
# (osce_kb.middleware.DatabaseUnavailableMiddleware) instead of hanging until the server kills the worker.
DB_CONNECT_TIMEOUT = env_int("DB_CONNECT_TIMEOUT", 3)
DB_STATEMENT_TIMEOUT_MS = env_int("DB_STATEMENT_TIMEOUT_MS", 10000)
DB_LOCK_TIMEOUT_MS = env_int("DB_LOCK_TIMEOUT_MS", 5000)
# Connections are kept between requests, and checked before a request reuses one, so that the site
# recovers by itself when a database that went away comes back (no restart needed).
DB_CONN_MAX_AGE = env_int("DB_CONN_MAX_AGE", 60)


def database_from_env(name="DATABASE_URL", default=None):
    url = os.environ.get(name) or default
    try:
        config = dj_database_url.parse(url, conn_max_age=DB_CONN_MAX_AGE, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} is not a database URL Django can use: {exc}") from exc
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # A fresh clone has no var/ yet; SQLite cannot create the directory itself.
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    elif config["ENGINE"] == "django.db.backends.postgresql":
        options = config.setdefault("OPTIONS", {})
        options.setdefault("connect_timeout", DB_CONNECT_TIMEOUT)
        limits = f"-c statement_timeout={DB_STATEMENT_TIMEOUT_MS} -c lock_timeout={DB_LOCK_TIMEOUT_MS}"
        options["options"] = f"{options.get('options', '')} {limits}".strip()
    return config


DATABASES = {"default": database_from_env(default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")}
# An optional read replica (PostgreSQL streaming replication) for anonymous readers; the admin, every write
# and whoever has just written read the primary (osce_kb.routers).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = database_from_env("DATABASE_REPLICA_URL")
    # The test run has one database: the replica's tests read the primary's.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["osce_kb.routers.PrimaryReplicaRouter"]
# Seconds during which a visitor who has just written (an editor's save) reads the primary, not a replica
# that may not have caught up yet.
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 15)
# The Retry-After of the 503 page a reader gets while the database is unavailable.
DB_RETRY_AFTER = env_int("DB_RETRY_AFTER", 30)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"REDIS_URL must start with redis://, rediss:// or unix://; got {REDIS_URL!r}.")
    # Several app servers share the cache and, through it, the sessions (kept in the database too, so that a
    # Redis restart logs nobody out). A Redis that is down or unreachable makes the site run uncached
    # (osce_kb.cache), after at most REDIS_TIMEOUT seconds, rather than fail.
    REDIS_TIMEOUT = float(env_int("REDIS_TIMEOUT_MS", 250)) / 1000
    CACHES = {
        "default": {
            "BACKEND": "osce_kb.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Kazakh is the default and the source language of the content.
LANGUAGE_CODE = "kk"
LANGUAGES = [
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
# locale/ holds the project's own strings; locale/supplement/ the Django, django-reversion and django-filter
# strings their own catalogues lack (about a third of the admin in Kazakh). Earlier paths win.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "supplement"]
# Django has no Kazakh date and number formats; ours live in osce_kb/formats/kk/.
FORMAT_MODULE_PATH = ["osce_kb.formats"]
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "kk"
MODELTRANSLATION_LANGUAGES = ("kk", "ru", "en")
# Kazakh is the source text, so it is the one language a record cannot be saved without.
MODELTRANSLATION_REQUIRED_LANGUAGES = ("kk",)
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("kk", "ru", "en"),
    "kk": ("ru", "en"),
    "ru": ("en", "kk"),
    "en": ("ru", "kk"),
}
# The admin's language tabs (django-modeltranslation reads this name) need jQuery UI: ours, never a CDN.
JQUERY_UI_URL = "osce_kb/vendor/jquery-ui.min.js"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# WhiteNoise warns at every start when the directory is missing; on a read-only install it comes from
# collectstatic instead, so failing to create it here is no error.
with contextlib.suppress(OSError):
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # `manage.py collectstatic` writes compressed, content-hashed copies that WhiteNoise serves with
    # far-future cache headers (with DEBUG on, Django links the plain names and needs no collectstatic).
    # The test suite runs with DEBUG off and no collectstatic, so it turns the manifest off.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HTTPS is usually ended at a reverse proxy in front of the app servers; these say how to treat it.
if env_bool("BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
