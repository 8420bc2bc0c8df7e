"""What the operator reads on stderr: one access record per request, and every unhandled exception with its
traceback and request line."""

import io
import json
import logging
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from osce_kb.observability import JsonFormatter
from tests.factories import make_organ


@pytest.fixture
def stderr_log():
    """What the configured stderr handler writes during the test (it is the one handler every logger shares)."""
    handler = logging.getLogger("osce_kb").handlers[0]
    buffer = io.StringIO()
    original = handler.setStream(buffer)
    yield handler, buffer
    handler.setStream(original)


@pytest.fixture
def failing_site(settings, client):
    settings.ROOT_URLCONF = "tests.failing_urls"
    client.raise_request_exception = False
    return client


ACCESS_RECORD = re.compile(
    r"^\S+ INFO osce_kb\.access GET /en/organs/\?q=Council 200 (?P<ms>\d+(\.\d)?)ms (?P<queries>\d+)q$"
)


def test_each_request_writes_one_access_record_with_method_path_status_duration_and_queries(client, db, stderr_log):
    make_organ(name_en="Permanent Council")
    _handler, log = stderr_log
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/organs/?q=Council")
    records = [line for line in log.getvalue().splitlines() if "osce_kb.access" in line]
    assert len(records) == 1
    record = ACCESS_RECORD.match(records[0])
    assert record, records[0]
    assert int(record["queries"]) == len(queries.captured_queries) > 0


def test_the_access_record_in_json_has_each_field_under_its_own_name(client, db, stderr_log):
    handler, log = stderr_log
    original = handler.formatter
    handler.setFormatter(JsonFormatter())
    try:
        client.get("/en/no-such-page/")
    finally:
        handler.setFormatter(original)
    record = json.loads(log.getvalue().splitlines()[-1])
    assert record["logger"] == "osce_kb.access"
    assert (record["method"], record["path"], record["status"]) == ("GET", "/en/no-such-page/", 404)
    assert isinstance(record["duration_ms"], float)
    assert isinstance(record["queries"], int)


def test_an_unhandled_exception_is_logged_with_its_traceback_and_request_line(failing_site, db, stderr_log):
    _handler, log = stderr_log
    response = failing_site.get("/fails/?page=2")
    assert response.status_code == 500
    text = log.getvalue()
    assert 'ERROR django.request Internal Server Error: /fails/ request="GET /fails/?page=2 HTTP/1.1"' in text
    assert "Traceback (most recent call last):" in text
    assert "RuntimeError: a fault planted by the test" in text
    assert re.search(r"osce_kb\.access GET /fails/\?page=2 500 ", text)


def test_an_unhandled_exception_in_json_is_one_line_with_its_traceback(failing_site, db, stderr_log):
    handler, log = stderr_log
    original = handler.formatter
    handler.setFormatter(JsonFormatter())
    try:
        failing_site.post("/fails/")
    finally:
        handler.setFormatter(original)
    error = next(json.loads(line) for line in log.getvalue().splitlines() if '"django.request"' in line)
    assert error["level"] == "ERROR"
    assert error["request"] == "POST /fails/ HTTP/1.1"
    assert "RuntimeError: a fault planted by the test" in error["exception"]
