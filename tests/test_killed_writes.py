"""A write that is killed halfway — `load_kb`, an editor's save in the admin — or that fails on a bad fixture
leaves the database exactly as it was. Each is a real process, killed with SIGKILL while its transaction waits
for a table the test holds, on the private PostgreSQL cluster (tests/pgcluster.py)."""

import json
import os
import signal
import subprocess
import sys
import time

from tests.pgcluster import ROOT, TIMEOUT, manage, project_env

SETUP_EDITOR_AND_BODY = """
from django.contrib.auth.models import User
from tests.factories import make_organ
User.objects.create_superuser("chief", "chief@example.org", "not-a-real-password")
make_organ(slug="killed", name_en="Permanent Council")
"""

SAVE_IN_THE_ADMIN = """
from django.test.utils import setup_test_environment
setup_test_environment()
from django.contrib.auth.models import User
from django.test import Client
from organs.models import Organ
from tests.admin_pages import edit
client = Client()
client.force_login(User.objects.get(username="chief"))
edit(client, Organ.objects.get(slug="killed"), name_en="Changed by a save that was killed")
"""


def snapshot(cluster, database, ignore=("django_session",)):
    """Every row of every table but those in `ignore`, as a digest per table."""
    tables = [
        name
        for (name,) in cluster.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", database)
        if name not in ignore
    ]
    return {
        table: cluster.execute(
            f"SELECT count(*), md5(string_agg(t::text, ',' ORDER BY t::text)) FROM {table} t", database
        )
        for table in tables
    }


def start(database_url, *args):
    # No timeouts: the process must wait for the held table until it is killed, not give up by itself.
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=project_env(database_url, DB_LOCK_TIMEOUT_MS="0", DB_STATEMENT_TIMEOUT_MS="0"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def kill_while_it_waits_for(cluster, database, process, held, written):
    """SIGKILL `process` once its transaction has written to the table `written` and waits for `held`; then wait
    until PostgreSQL has ended its session."""
    deadline = time.monotonic() + TIMEOUT
    backend = None
    while backend is None and time.monotonic() < deadline:
        assert process.poll() is None, "the process ended before it reached the held table"
        rows = cluster.execute(
            f"""SELECT a.pid FROM pg_stat_activity a
                JOIN pg_locks waiting ON waiting.pid = a.pid AND NOT waiting.granted
                     AND waiting.relation = '{held}'::regclass
                JOIN pg_locks wrote ON wrote.pid = a.pid AND wrote.granted AND wrote.mode = 'RowExclusiveLock'
                     AND wrote.relation = '{written}'::regclass
                WHERE a.datname = '{database}'""",
            database,
        )
        backend = rows[0][0] if rows else None
        time.sleep(0.05)
    assert backend, f"the process never wrote to {written} and then waited for {held}"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=TIMEOUT)
    return backend


def hold(cluster, database, table):
    """A transaction that lets everyone read `table` but no one write to it until it is rolled back."""
    connection = cluster.connect(database)
    connection.autocommit = False
    connection.cursor().execute(f"LOCK TABLE {table} IN SHARE MODE")
    return connection


def wait_until_gone(cluster, database, backend):
    deadline = time.monotonic() + TIMEOUT
    while cluster.execute(f"SELECT 1 FROM pg_stat_activity WHERE pid = {backend}", database):
        assert time.monotonic() < deadline, "PostgreSQL kept the killed process's session"
        time.sleep(0.05)


def name(database_url):
    return database_url.rsplit("/", 1)[1]


def test_a_load_kb_killed_halfway_leaves_the_database_as_it_was(pg_cluster, fresh_database):
    database = name(fresh_database)
    before = snapshot(pg_cluster, database)
    # The events are loaded last: by then the sources, states, bodies and people are written.
    holder = hold(pg_cluster, database, "timeline_event")
    try:
        process = start(fresh_database, "load_kb")
        backend = kill_while_it_waits_for(pg_cluster, database, process, "timeline_event", "organs_organ")
    finally:
        holder.rollback()
        holder.close()
    wait_until_gone(pg_cluster, database, backend)
    assert process.returncode == -signal.SIGKILL
    assert snapshot(pg_cluster, database) == before


def test_an_admin_save_killed_halfway_leaves_the_record_and_its_history_as_they_were(pg_cluster, fresh_database):
    database = name(fresh_database)
    manage(fresh_database, "shell", "-c", SETUP_EDITOR_AND_BODY)
    # Logging in (before the save) writes the session, the editor's last log-in time and django-axes's record
    # of the sign-in.
    ignore = ("django_session", "auth_user", "axes_accesslog")
    before = snapshot(pg_cluster, database, ignore)
    # The history's version is written last in the save's transaction, after the body's row.
    holder = hold(pg_cluster, database, "reversion_version")
    try:
        process = start(fresh_database, "shell", "-c", SAVE_IN_THE_ADMIN)
        backend = kill_while_it_waits_for(pg_cluster, database, process, "reversion_version", "organs_organ")
    finally:
        holder.rollback()
        holder.close()
    wait_until_gone(pg_cluster, database, backend)
    assert snapshot(pg_cluster, database, ignore) == before
    assert pg_cluster.execute("SELECT name_en FROM organs_organ", database) == [("Permanent Council",)]


def test_a_bad_fixture_loaded_by_the_command_leaves_the_database_as_it_was(pg_cluster, fresh_database, tmp_path):
    database = name(fresh_database)
    manage(fresh_database, "load_kb", str(ROOT / "fixtures" / "sources.json"))
    before = snapshot(pg_cluster, database)
    good, bad = json.loads((ROOT / "fixtures" / "states.json").read_text(encoding="utf-8"))[-2:]
    good["fields"]["sources"] = bad["fields"]["sources"] = [["essay-osce-and-kazakhstan"]]
    bad["fields"]["joined_date"] = "1992-02-30"
    fixture = tmp_path / "bad.json"
    fixture.write_text(json.dumps([good, bad]), encoding="utf-8")
    result = manage(fresh_database, "load_kb", str(fixture), check=False)
    assert result.returncode != 0
    assert f"object #2 (organs.participatingstate {bad['fields']['code']!r}), field 'joined_date'" in result.stderr
    assert snapshot(pg_cluster, database) == before
