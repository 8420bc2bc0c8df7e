"""Guards that hold for every request, before any view sees it."""

import time
from importlib import import_module

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.middleware.gzip import GZipMiddleware
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext_lazy as _

# What a reader's browser, a crawler or a link checker sends to a page that only reads.
READ_METHODS = ("GET", "HEAD", "OPTIONS")


class RefuseNulMiddleware:
    """A NUL character in the path or in a parameter's name or value is answered with the 400 page.

    PostgreSQL refuses NUL in text, so a view passing such a value to a query would fail with a 500 (SQLite
    would quietly search for it); no address or form value a person writes contains one. Placed after
    LocaleMiddleware so that the 400 page is in the language of the address. A session cookie with a NUL
    (which the session would look up in the database) is treated as no session at all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.COOKIES.get(settings.SESSION_COOKIE_NAME, ""):
            request.session = import_module(settings.SESSION_ENGINE).SessionStore()
        if "\x00" in request.path or any(
            "\x00" in name or any("\x00" in value for value in values) for name, values in request.GET.lists()
        ):
            raise BadRequest("A NUL character in the address.")
        return self.get_response(request)


class ReadOnlyPublicPagesMiddleware(MiddlewareMixin):
    """The public pages (every address under a language prefix) only read: any other method is answered 405.

    Decided before CsrfViewMiddleware, so that a POST without a token is told that the page accepts no POST
    rather than that its token is missing. The admin, its login and the language switch (/i18n/setlang/)
    have no language prefix and are left alone. OPTIONS is answered here, for function views too."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if get_language_from_path(request.path_info) is None:
            return None
        if request.method == "OPTIONS":
            response = HttpResponse()
            response["Allow"] = ", ".join(READ_METHODS)
            return response
        if request.method not in READ_METHODS:
            return HttpResponseNotAllowed(READ_METHODS)
        return None


# What the database driver raises when the database cannot answer: refused or timed-out connections, a
# connection lost mid-request, a statement or lock wait cancelled by its timeout.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# How long a process answers 503 without trying to connect again after a connection failed, so that a
# database host that drops packets (each attempt waiting DB_CONNECT_TIMEOUT) holds one request per second,
# not every request.
RECONNECT_INTERVAL = 1.0
HEALTH_CHECKS = ("/healthz", "/readyz")


DATABASE_UNAVAILABLE_MESSAGE = _(
    "The knowledge base cannot read its data at the moment. Nothing is lost: please try again in a minute."
)


def database_unavailable(request):
    """The 503 page, in the visitor's language, needing nothing from the database: no session, no user; for the
    open-data API, the same said in JSON, in the language its `?lang=` asks for."""
    language = translation.get_language_from_request(request, check_path=True)
    if request.path_info.startswith("/api/"):
        asked = request.GET.get("lang")
        language = asked if asked in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        with translation.override(language):
            response = JsonResponse({"detail": str(DATABASE_UNAVAILABLE_MESSAGE)}, status=503)
    else:
        with translation.override(language):
            html = render_to_string("503.html", {"request": request, "retry_after": settings.DB_RETRY_AFTER})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(settings.DB_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    return response


class DatabaseUnavailableMiddleware:
    """A database that is down or too slow gives the 503 page, never a 500 or a hang.

    Errors in a view arrive in process_exception; errors raised by other middleware (a session read) reach
    the 500 handler, which hands them to database_unavailable too. After a failed connection the process
    answers 503 at once for RECONNECT_INTERVAL, then tries again: the site recovers by itself when the
    database returns (persistent connections are health-checked before reuse, CONN_HEALTH_CHECKS)."""

    reconnect_at = 0.0

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The health checks answer for themselves: /healthz needs no database, /readyz says what fails.
        waiting = time.monotonic() < DatabaseUnavailableMiddleware.reconnect_at
        if waiting and request.path_info not in HEALTH_CHECKS:
            return database_unavailable(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        if any(connection.connection is None for connection in connections.all(initialized_only=True)):
            DatabaseUnavailableMiddleware.reconnect_at = time.monotonic() + RECONNECT_INTERVAL
        return database_unavailable(request)


class PermissionsPolicyMiddleware:
    """Every answer carries settings.PERMISSIONS_POLICY: the browser features the site turns off."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class CompressPublicPagesMiddleware(GZipMiddleware):
    """Gzip for the public pages and the open data, where it is safe: not for the admin, nor for anyone signed
    in. A compressed answer that holds both a secret (a CSRF token, an editor's data) and text an attacker can put
    in the request leaks the secret through its length (BREACH); the public pages hold no secret. Static files
    never get here: WhiteNoise, above, serves them precompressed."""

    def process_response(self, request, response):
        admin = request.path_info.lstrip("/").startswith(settings.ADMIN_PATH)
        if admin or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return response
        return super().process_response(request, response)
