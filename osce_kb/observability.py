"""What the process tells its operator: one access record per request, and errors with their request line.

Both go to stderr through LOGGING (settings.py), as text or, with LOG_FORMAT=json, as one JSON object a line.
"""

import datetime
import json
import logging
import time
import traceback
from contextlib import ExitStack

from django.db import connections

access_log = logging.getLogger("osce_kb.access")

# The fields an access record carries, in this order, under the record's attribute `http`.
ACCESS_FIELDS = ("method", "path", "status", "duration_ms", "queries")


class QueryCounter:
    """Counts the SQL statements run on every database connection while it is installed (DEBUG or not)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class AccessLogMiddleware:
    """Writes one record per request: method, path, status, duration and the number of SQL queries."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = QueryCounter()
        started = time.perf_counter()
        status = 500
        try:
            with ExitStack() as stack:
                for connection in connections.all(initialized_only=False):
                    stack.enter_context(connection.execute_wrapper(counter))
                response = self.get_response(request)
            status = response.status_code
            return response
        finally:
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            http = {
                "method": request.method,
                "path": request.get_full_path(),
                "status": status,
                "duration_ms": duration_ms,
                "queries": counter.count,
            }
            access_log.info(
                "%s %s %s %sms %sq",
                http["method"],
                http["path"],
                status,
                duration_ms,
                counter.count,
                extra={"http": http},
            )


def request_line(request):
    """The request as a server's log names it: GET /en/people/?q=x HTTP/1.1."""
    protocol = request.META.get("SERVER_PROTOCOL", "HTTP/1.1")
    return f"{request.method} {request.get_full_path()} {protocol}"


def _timestamp(record):
    return datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(timespec="milliseconds")


class TextFormatter(logging.Formatter):
    """time level logger message [request line], then the traceback, if any, on the following lines."""

    def format(self, record):
        line = f"{_timestamp(record)} {record.levelname} {record.name} {record.getMessage()}"
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            line += f' request="{request_line(request)}"'
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message; the access fields; request and traceback."""

    def format(self, record):
        entry = {
            "time": _timestamp(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "http", {}))
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            entry["request"] = request_line(request)
        if record.exc_info:
            entry["exception"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)
