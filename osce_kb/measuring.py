"""The instruments of `make bench` (osce_kb/bench.py): the floor page, and the SQL query count of each answer.

The floor is what any page of the site costs at least: the middleware, the language, `base.html` and nothing
else. A page measured next to it shows what the page itself adds."""

from contextlib import ExitStack

from django.db import connections
from django.shortcuts import render
from django.views.decorators.http import require_safe

from osce_kb.observability import QueryCounter


@require_safe
def floor(request):
    """`base.html` with nothing in it but its heading; never indexed, never in the sitemap."""
    response = render(request, "osce_kb/floor.html")
    response["X-Robots-Tag"] = "noindex"
    return response


class QueryCountHeaderMiddleware:
    """Tells the benchmark how many SQL statements an answer took, in `X-SQL-Queries`.

    Installed only when the environment sets KB_BENCH=1 (settings.py): a reader has no use for it, and it tells
    an attacker which pages are expensive."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = QueryCounter()
        with ExitStack() as stack:
            for connection in connections.all(initialized_only=False):
                stack.enter_context(connection.execute_wrapper(counter))
            response = self.get_response(request)
        response["X-SQL-Queries"] = str(counter.count)
        return response
