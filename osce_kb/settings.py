"""Settings for the OSCE–Kazakhstan Knowledge Base.

Everything that differs between machines comes from the environment (see .env.example); a bad value
stops the process with a message naming the variable, rather than running half-configured.
"""

import contextlib
import datetime
import os
import re
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
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

# With DEBUG off the key must come from the environment: the web server refuses to start without it
# (wsgi.py), and so does anything that signs (sessions, CSRF); commands that need no key, such as
# `makemigrations --check` in a fresh clone, run without one, as Django allows. With DEBUG on, on a
# developer's machine, a development key stands in.
SECRET_KEY = os.environ.get("SECRET_KEY", "") or ("insecure-development-key-do-not-use-in-production" if DEBUG else "")

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
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "reversion",
    "reversion_compare",
    "axes",
    "osce_kb",
    "organs",
    "people",
    "timeline",
]

MIDDLEWARE = [
    # First, so that its access record times everything below and sees the status of every answer, 500s too.
    "osce_kb.observability.AccessLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "osce_kb.middleware.PermissionsPolicyMiddleware",
    # Serves the project's own CSS, scripts and fonts in production: no CDN, no separate web server needed.
    # Static files are answered here, before anything below can touch the database.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, which serves static files precompressed; compresses what is answered under it.
    "osce_kb.middleware.CompressPublicPagesMiddleware",
    "osce_kb.middleware.DatabaseUnavailableMiddleware",
    # Anonymous readers read the replica, when there is one; everyone else the primary.
    "osce_kb.routers.ReplicaRoutingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Other sites' pages may read the open data (/api/, GET only): before CommonMiddleware, as django-cors-headers asks.
    "corsheaders.middleware.CorsMiddleware",
    "osce_kb.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Outside the page cache, so that a page served from it answers If-None-Match with a 304 too.
    "django.middleware.http.ConditionalGetMiddleware",
    # Whole public pages for anonymous readers (osce_kb.page_cache). Inside LocaleMiddleware, whose language
    # and headers every answer gets; outside everything a cached page can skip (CSRF, the user, messages).
    "osce_kb.page_cache.PageCacheMiddleware",
    "osce_kb.middleware.ReadOnlyPublicPagesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# `make bench` counts the SQL statements of each answer from outside; never on unless asked for.
if env_bool("KB_BENCH", False):
    MIDDLEWARE.insert(0, "osce_kb.measuring.QueryCountHeaderMiddleware")

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
                "csp.context_processors.nonce",
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
# A search gives up after this many milliseconds and shows the results found by then (osce_kb.search), so that
# no query a reader can type holds a worker or the database for long.
SEARCH_TIME_BUDGET_MS = env_int("SEARCH_TIME_BUDGET_MS", 2000)
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
        # No JIT: it compiles a plan that reads many rows in tens of milliseconds, more than a page's query takes.
        limits = f"-c statement_timeout={DB_STATEMENT_TIMEOUT_MS} -c lock_timeout={DB_LOCK_TIMEOUT_MS} -c jit=off"
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

# Whole public pages kept for anonymous readers (osce_kb.page_cache), for PAGE_CACHE_SECONDS at most, and dropped
# as soon as an editor's change commits. It is on by default only with a cache that every app process shares
# (REDIS_URL): with the per-process memory cache, a change saved through one gunicorn worker could not drop the
# pages the other workers keep. PAGE_CACHE=1 turns it on anyway (one process: runserver, a single worker);
# PAGE_CACHE=0 turns it off (e.g. to measure pages uncached).
PAGE_CACHE = env_bool("PAGE_CACHE", bool(REDIS_URL))
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
if PAGE_CACHE_SECONDS < 1:
    raise ImproperlyConfigured(f"PAGE_CACHE_SECONDS must be 1 or more; got {PAGE_CACHE_SECONDS}.")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 12)},
    },
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

# Security. `manage.py check --deploy` is clean with the production settings in README.md, "Deployment"; every
# knob it looks at can be set here from the environment, so that no deployment needs to edit code.
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HTTPS is usually ended at a reverse proxy in front of the app servers; these say how to treat it.
BEHIND_HTTPS_PROXY = env_bool("BEHIND_HTTPS_PROXY", False)
if BEHIND_HTTPS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_SSL_HOST = os.environ.get("SECURE_SSL_HOST") or None
# A load balancer asks for the health checks over plain HTTP, on the app server's own address.
SECURE_REDIRECT_EXEMPT = env_list("SECURE_REDIRECT_EXEMPT", [r"^healthz$", r"^readyz$"])
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = env_bool("SECURE_CONTENT_TYPE_NOSNIFF", True)
SECURE_REFERRER_POLICY = os.environ.get("SECURE_REFERRER_POLICY") or "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = os.environ.get("SECURE_CROSS_ORIGIN_OPENER_POLICY") or "same-origin"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Only editors have sessions: they end when the browser closes, and after SESSION_COOKIE_AGE seconds (a working
# day) however busy, so that a forgotten session on a shared computer does not stay open.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)

# The admin at a path of the operator's choosing: a guessed /admin/ finds nothing.
ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin/").strip().strip("/") + "/"
if ADMIN_PATH == "/" or ADMIN_PATH.split("/")[0] in {code for code, _name in LANGUAGES} | {
    "static",
    "i18n",
    ".well-known",
    "healthz",
    "readyz",
    "sitemap.xml",
}:
    raise ImproperlyConfigured(
        f"ADMIN_PATH must be a path of its own such as 'editors/', not a language or a site path; got {ADMIN_PATH!r}."
    )

# The empty choice of every filter's select reads as a word in the page's language, not Django's "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("All")

# Content-Security-Policy (django-csp): every script, style, font and image comes from the site itself; no inline
# script or style runs unless it carries the page's nonce ({{ request.csp_nonce }}). The admin needs none.
_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if DEBUG:
    # Django's debug pages (the yellow 404 and 500) have inline styles and scripts: on a developer's machine the
    # policy only reports, in the browser's console, what it would block.
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _POLICY
else:
    CONTENT_SECURITY_POLICY = _POLICY
# The open-data API (osce_kb/api.py): read-only, for everyone, without accounts or sessions; readers without an
# account get API_ANON_RATE requests per address ("600/minute"; DRF's forms: N/second, minute, hour or day).
API_ANON_RATE = os.environ.get("API_ANON_RATE") or "600/minute"
if not re.fullmatch(r"[1-9][0-9]*/(second|minute|hour|day)", API_ANON_RATE):
    raise ImproperlyConfigured(f"API_ANON_RATE must be N/second, N/minute, N/hour or N/day; got {API_ANON_RATE!r}.")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["osce_kb.throttling.AnonymousThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
    "EXCEPTION_HANDLER": "osce_kb.rest.handle_exception",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OSCE–Kazakhstan Knowledge Base: open data",
    "DESCRIPTION": "Read-only data of the knowledge base in Popolo shapes: bodies (organizations), people, posts, "
    "tenures (memberships), events, participating States and sources. Dates are ISO 8601 at the precision the "
    "source gives (2004, 2004-03, 2004-03-10). Every list takes the filters of its page on the site.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Content-Language"]

# Browser features the site never uses, refused for it and for anything it could be made to embed.
PERMISSIONS_POLICY = os.environ.get("PERMISSIONS_POLICY") or ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)

# Admin login: django-axes locks a user name out from an address after AXES_FAILURE_LIMIT wrong passwords, for
# AXES_COOLOFF_HOURS; the state is in the database, so every app server sees it. `manage.py axes_reset` unlocks.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_HOURS = env_int("AXES_COOLOFF_HOURS", 1)
if AXES_COOLOFF_HOURS < 1:
    raise ImproperlyConfigured("AXES_COOLOFF_HOURS must be 1 or more.")
AXES_COOLOFF_TIME = datetime.timedelta(hours=AXES_COOLOFF_HOURS)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "osce_kb.admin_security.lockout"
if BEHIND_HTTPS_PROXY:
    # The client's address is the one the proxy appended to X-Forwarded-For, never one the client wrote there.
    AXES_IPWARE_PROXY_COUNT = env_int("PROXY_COUNT", 1)
    AXES_IPWARE_PROXY_ORDER = "right-most"
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Errors and access records go to stderr, where the process manager or container runtime collects them; see
# osce_kb/observability.py. LOG_FORMAT=json writes one JSON object a line for a log collector.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").strip().lower()
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json; got {LOG_FORMAT!r}.")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").strip().upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL; got {LOG_LEVEL!r}.")


def admins_from_env():
    """ADMINS="Name <a@example.org>, b@example.org": who is e-mailed a server error's report (optional)."""
    admins = []
    for item in env_list("ADMINS", []):
        name, _lt, address = item.rpartition("<")
        address = address.rstrip(">").strip()
        if "@" not in address:
            raise ImproperlyConfigured(f"ADMINS must be e-mail addresses, as 'Name <a@example.org>'; got {item!r}.")
        admins.append((name.strip() or address, address))
    return admins


ADMINS = admins_from_env()
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "root@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {
        "text": {"()": "osce_kb.observability.TextFormatter"},
        "json": {"()": "osce_kb.observability.JsonFormatter"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": LOG_FORMAT},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        # Unhandled exceptions reach django.request with their traceback and the request.
        "django": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "django.request": {
            "handlers": ["stderr", "mail_admins"] if ADMINS else ["stderr"],
            "level": "ERROR",
            "propagate": False,
        },
        # The development server's own access lines would repeat ours.
        "django.server": {"handlers": [], "level": "ERROR", "propagate": False},
        "osce_kb": {"handlers": ["stderr"], "level": LOG_LEVEL, "propagate": False},
        "axes": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
    },
}

# /.well-known/security.txt (RFC 9116): where to report a vulnerability. Without SECURITY_CONTACT there is none.
SECURITY_CONTACT = env_list("SECURITY_CONTACT", [])


def datetime_from_env(name):
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        value = datetime.datetime.fromisoformat(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be an ISO 8601 date and time (2027-06-30T00:00Z); got {raw!r}."
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=datetime.UTC)


# Without an Expires of the operator's, the file says it is good for SECURITY_TXT_DAYS days from the request.
SECURITY_TXT_EXPIRES = datetime_from_env("SECURITY_TXT_EXPIRES")
SECURITY_TXT_DAYS = env_int("SECURITY_TXT_DAYS", 180)
SECURITY_TXT_POLICY = os.environ.get("SECURITY_TXT_POLICY", "")
SECURITY_TXT_ENCRYPTION = os.environ.get("SECURITY_TXT_ENCRYPTION", "")
SECURITY_TXT_ACKNOWLEDGMENTS = os.environ.get("SECURITY_TXT_ACKNOWLEDGMENTS", "")

# /readyz answers 503 when the database or the cache has not answered within this many seconds.
READINESS_TIMEOUT = float(env_int("READINESS_TIMEOUT_MS", 2000)) / 1000
