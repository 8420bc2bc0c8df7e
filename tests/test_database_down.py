"""A database that is down or slow: readers and editors get a short 503 page in their language, at once, and
the site recovers by itself when the database returns. Run against a real gunicorn and a private PostgreSQL
cluster that the tests stop and start (tests/pgcluster.py)."""

import json
import socket
import time

import pytest
from django.utils import translation

from osce_kb.middleware import DATABASE_UNAVAILABLE_MESSAGE
from tests.pgcluster import Server, manage

pytestmark = pytest.mark.filterwarnings("ignore")

READERS = {
    "kk": "Уақытша қолжетімсіз",
    "ru": "Временно недоступно",
    "en": "Temporarily unavailable",
}


@pytest.fixture
def site(pg_cluster, fresh_database):
    manage(fresh_database, "collectstatic", "--noinput")
    server = Server(fresh_database, DB_LOCK_TIMEOUT_MS="300", DB_STATEMENT_TIMEOUT_MS="2000")
    try:
        assert server.get("/en/")[0] == 200
        yield server
    finally:
        server.close()
        if not pg_cluster.running():
            pg_cluster.start()


@pytest.fixture
def database_down(pg_cluster, site):
    pg_cluster.stop()
    yield
    if not pg_cluster.running():
        pg_cluster.start()


@pytest.mark.parametrize("language", READERS)
def test_a_public_page_answers_503_in_its_language_with_retry_after_while_the_database_is_down(
    site, database_down, language
):
    status, headers, body, seconds = site.get(f"/{language}/organs/")
    assert status == 503
    assert READERS[language] in body
    assert f'<html lang="{language}">' in body
    assert int(headers["Retry-After"]) > 0
    assert seconds < 1


def test_every_kind_of_public_page_answers_503_not_500_while_the_database_is_down(site, database_down):
    paths = ["/kk/", "/ru/people/", "/en/timeline/?kind=x", "/en/states/kz/", "/en/search/?q=osce", "/en/as-of/"]
    assert {path: site.get(path)[0] for path in paths} == dict.fromkeys(paths, 503)


def test_the_site_recovers_by_itself_when_the_database_returns(pg_cluster, site):
    pid = site.process.pid
    pg_cluster.stop()
    assert site.get("/en/organs/")[0] == 503
    pg_cluster.start()
    # Within the second after which a process tries the database again (middleware.RECONNECT_INTERVAL).
    time.sleep(1.1)
    assert site.get("/en/organs/")[0] == 200
    assert site.process.pid == pid and site.process.poll() is None


LOG_IN = """
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
user = User.objects.create_superuser("chief", "chief@example.org", "not-a-real-password")
session = SessionStore()
session.update({"_auth_user_id": str(user.pk), "_auth_user_hash": user.get_session_auth_hash(),
                "_auth_user_backend": "django.contrib.auth.backends.ModelBackend"})
session.create()
print(session.session_key)
"""


def test_the_admin_tells_a_logged_in_editor_the_same_in_their_language(pg_cluster, site, fresh_database):
    session_key = manage(fresh_database, "shell", "-c", LOG_IN).stdout.split()[-1]
    cookies = {"Cookie": f"sessionid={session_key}; django_language=ru"}
    assert site.get("/admin/", cookies)[0] == 200
    pg_cluster.stop()
    status, headers, body, seconds = site.get("/admin/", cookies)
    assert status == 503
    assert READERS["ru"] in body
    assert "Retry-After" in headers
    assert seconds < 1


def test_static_files_are_served_while_the_database_is_down(site, database_down):
    status, headers, body, _seconds = site.get("/static/osce_kb/site.css")
    assert status == 200
    assert "body" in body


def test_a_page_waiting_for_a_locked_table_answers_503_after_the_lock_timeout(pg_cluster, site, fresh_database):
    locker = pg_cluster.connect(fresh_database.rsplit("/", 1)[1])
    try:
        locker.autocommit = False
        with locker.cursor() as cursor:
            cursor.execute("LOCK TABLE organs_organ IN ACCESS EXCLUSIVE MODE")
            status, _headers, body, seconds = site.get("/en/organs/")
    finally:
        locker.rollback()
        locker.close()
    assert status == 503
    assert READERS["en"] in body
    assert seconds < 2
    assert site.get("/en/organs/")[0] == 200


def test_a_statement_longer_than_the_statement_timeout_is_cancelled(fresh_database):
    started = time.monotonic()
    result = manage(
        fresh_database,
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute('SELECT pg_sleep(60)')",
        env={"DB_STATEMENT_TIMEOUT_MS": "300"},
        check=False,
    )
    assert result.returncode != 0
    assert "canceling statement due to statement timeout" in result.stderr
    assert time.monotonic() - started < 30


def test_connecting_to_a_database_that_does_not_answer_gives_up_after_the_connect_timeout(pg_cluster):
    # A listening socket that never answers: what a database host that has hung looks like to a client.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        started = time.monotonic()
        result = manage(
            f"postgres://postgres@127.0.0.1:{port}/kb",
            "shell",
            "-c",
            "from django.db import connection; connection.ensure_connection()",
            env={"DB_CONNECT_TIMEOUT": "2"},
            check=False,
        )
    assert result.returncode != 0
    assert "timeout expired" in result.stderr
    assert time.monotonic() - started < 30


def test_after_a_connection_times_out_the_next_readers_get_the_503_page_at_once(pg_cluster):
    # A database host that drops packets: each attempt to connect waits for DB_CONNECT_TIMEOUT.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        server = Server(f"postgres://postgres@127.0.0.1:{silent.getsockname()[1]}/kb", DB_CONNECT_TIMEOUT="2")
        try:
            first = server.get("/en/organs/")
            then = server.get("/ru/people/")
        finally:
            server.close()
    assert first[0] == then[0] == 503
    assert first[3] >= 2
    assert then[3] < 0.5
    assert READERS["ru"] in then[2]


@pytest.mark.parametrize("language", READERS)
def test_the_api_answers_503_in_json_in_the_language_asked_for_while_the_database_is_down(
    site, database_down, language
):
    status, headers, body, seconds = site.get(f"/api/v1/persons/?lang={language}")
    assert status == 503
    assert headers["Content-Type"] == "application/json"
    with translation.override(language):
        expected = str(DATABASE_UNAVAILABLE_MESSAGE)
    with translation.override("en"):
        english = str(DATABASE_UNAVAILABLE_MESSAGE)
    assert json.loads(body) == {"detail": expected}
    # Said in the language asked for: the Kazakh and Russian messages are not the English one.
    assert (expected == english) == (language == "en")
    assert int(headers["Retry-After"]) > 0
    assert seconds < 1
