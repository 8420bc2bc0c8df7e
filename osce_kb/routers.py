"""An optional read replica (DATABASE_REPLICA_URL) for anonymous readers of the public pages.

Only a request that cannot have written anything and cannot be hurt by a replica a few seconds behind reads
the replica: a GET, HEAD or OPTIONS of a public page (under a language prefix), from a visitor with no session
(editors have one) and who has not written in the last REPLICA_PIN_SECONDS (a cookie set on every write says
so). Everything else — the admin, every write, management commands, the shell — uses the primary.
"""

from contextvars import ContextVar

from django.conf import settings
from django.utils.translation import get_language_from_path

REPLICA = "replica"
PRIMARY = "default"
# Set on the response to any write, so that the writer's next pages show what they have just saved.
PIN_COOKIE = "kb_read_primary"
READ_METHODS = ("GET", "HEAD", "OPTIONS")

_reads_from = ContextVar("reads_from", default=PRIMARY)


def reads_replica(request):
    return (
        request.method in READ_METHODS
        and get_language_from_path(request.path_info) is not None
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and PIN_COOKIE not in request.COOKIES
    )


class ReplicaRoutingMiddleware:
    """Chooses, for the length of one request, the database its reads go to."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if REPLICA not in settings.DATABASES:
            return self.get_response(request)
        token = _reads_from.set(REPLICA if reads_replica(request) else PRIMARY)
        try:
            response = self.get_response(request)
        finally:
            _reads_from.reset(token)
        if request.method not in READ_METHODS:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return _reads_from.get()

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both databases hold the same rows: a replica is a copy of the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # A replica receives the schema from the primary by replication.
        return db == PRIMARY
