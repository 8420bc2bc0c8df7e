"""The read replica (DATABASE_REPLICA_URL): anonymous readers of public pages read it; the admin, editors, every
write and whoever has just written read the primary. Run on two real PostgreSQL databases of the private
cluster (tests/pgcluster.py), each holding a body the other does not, behind a real gunicorn."""

import re

import pytest

from osce_kb.routers import PIN_COOKIE
from tests.pgcluster import Server, manage
from tests.test_database_down import LOG_IN

ON_PRIMARY = "Body on the primary"
ON_REPLICA = "Body on the replica"
MAKE_ORGAN = "from tests.factories import make_organ; make_organ(slug={slug!r}, name_en={name!r})"


@pytest.fixture
def databases(pg_cluster, fresh_database):
    replica = fresh_database + "_replica"
    pg_cluster.create_database(replica.rsplit("/", 1)[1], template="kb_template")
    manage(fresh_database, "shell", "-c", MAKE_ORGAN.format(slug="on-the-primary", name=ON_PRIMARY))
    manage(replica, "shell", "-c", MAKE_ORGAN.format(slug="on-the-replica", name=ON_REPLICA))
    yield fresh_database, replica
    pg_cluster.execute(f'DROP DATABASE IF EXISTS "{replica.rsplit("/", 1)[1]}" WITH (FORCE)')


@pytest.fixture
def site(databases):
    primary, replica = databases
    server = Server(primary, DATABASE_REPLICA_URL=replica)
    yield server
    server.close()


def test_an_anonymous_reader_of_a_public_page_reads_the_replica(site):
    body = site.get("/en/organs/")[2]
    assert ON_REPLICA in body
    assert ON_PRIMARY not in body


def test_a_visitor_with_a_session_reads_the_primary(site):
    body = site.get("/en/organs/", {"Cookie": "sessionid=whoever"})[2]
    assert ON_PRIMARY in body
    assert ON_REPLICA not in body


def test_an_editor_in_the_admin_reads_the_primary(site, databases):
    session_key = manage(databases[0], "shell", "-c", LOG_IN).stdout.split()[-1]
    cookies = {"Cookie": f"sessionid={session_key}; django_language=en"}
    status, _headers, body, _seconds = site.get("/admin/organs/organ/", cookies)
    assert status == 200
    assert ON_PRIMARY in body
    assert ON_REPLICA not in body


def test_a_write_sends_the_writers_next_reads_to_the_primary_for_a_few_seconds(site):
    headers = site.get("/i18n/setlang/", method="POST", data=b"language=en")[1]
    cookie = next(value for value in headers.get_all("Set-Cookie") if value.startswith(f"{PIN_COOKIE}="))
    assert 0 < int(re.search(r"Max-Age=(\d+)", cookie)[1]) <= 60
    body = site.get("/en/organs/", {"Cookie": f"{PIN_COOKIE}=1"})[2]
    assert ON_PRIMARY in body
    assert ON_REPLICA not in body


def test_an_editor_logs_in_against_the_primary_and_the_session_is_written_there(site, pg_cluster, databases):
    # The editor exists on the primary only; the log-in form is posted by a visitor without a session yet.
    manage(databases[0], "shell", "-c", LOG_IN)
    primary, replica = (url.rsplit("/", 1)[1] for url in databases)
    page = site.get("/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page[2])[1]
    cookie = re.search(r"csrftoken=([^;]+)", page[1]["Set-Cookie"])[1]
    status, headers, _body, _seconds = site.get(
        "/admin/login/?next=/admin/",
        {"Cookie": f"csrftoken={cookie}", "Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
        data=f"csrfmiddlewaretoken={token}&username=chief&password=not-a-real-password&next=/admin/".encode(),
    )
    assert (status, headers["Location"]) == (302, "/admin/")
    count = "SELECT count(*) FROM django_session"
    assert pg_cluster.execute(count, primary) == [(2,)]
    assert pg_cluster.execute(count, replica) == [(0,)]
