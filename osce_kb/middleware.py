"""Guards that hold for every request, before any view sees it."""

from importlib import import_module

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import get_language_from_path

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


class PermissionsPolicyMiddleware:
    """Every answer carries settings.PERMISSIONS_POLICY: the browser features the site turns off."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
