"""gunicorn's configuration (`make serve`, or `gunicorn -c gunicorn.conf.py osce_kb.wsgi`).

Each value can be changed from the environment; the defaults suit one machine with nothing else on it.
"""

import multiprocessing
import os

wsgi_app = "osce_kb.wsgi:application"
bind = [os.environ.get("HOST", "127.0.0.1:8000")]

# Synchronous workers, (2 x CPUs) + 1 as gunicorn's documentation advises: each request is short and mostly
# waits on the database.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"

# A worker silent for `timeout` seconds is killed and replaced; the database's own timeouts are shorter, so
# this only catches a worker that is truly stuck.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGHUP, SIGTERM or a new release, workers finish the requests they have for up to this long.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Keep-alive with the reverse proxy in front.
keepalive = 5
# Workers are replaced after this many requests (with jitter, so not all at once): no slow leak lives forever.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10

# Errors and access records to stderr. The application writes one access record per request itself, with its
# duration and SQL query count (LOG_FORMAT=json for JSON lines); gunicorn's own access log would repeat it, so
# it is off unless GUNICORN_ACCESS_LOG names a file, or "-" for stderr.
errorlog = "-"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
capture_output = False
if os.environ.get("LOG_FORMAT", "").strip().lower() == "json":
    # gunicorn's own lines (start, stop, a worker killed on timeout) as JSON too, for the same log collector.
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "osce_kb.observability.JsonFormatter"}},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "json"},
        },
        "loggers": {
            "gunicorn.error": {"level": loglevel.upper(), "handlers": ["stderr"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["stderr"] if accesslog else [], "propagate": False},
        },
        "root": {"level": "WARNING", "handlers": ["stderr"]},
    }

# gunicorn 27's control socket (one path per user by default) would be shared by every instance on the machine,
# test servers included; the site is managed with signals (HUP, TERM) instead.
control_socket_disable = True

# Behind the reverse proxy (README.md, "Deployment"), trust X-Forwarded-* only from the addresses listed here.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Each worker loads the application itself, so that `kill -HUP <master>` after a release replaces the workers
# gracefully with ones running the new code.
preload_app = False
