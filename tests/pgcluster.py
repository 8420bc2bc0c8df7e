"""A PostgreSQL server of the tests' own, in a temporary directory on a free loopback port, which a test may stop
and start (the machine's own cluster is never touched), and the project's processes run against it.

Created with initdb as the postgres user when the suite runs as root (PostgreSQL refuses to run as root).
"""

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
# Every wait in these tests is bounded: a server that does not answer in this time fails the test.
TIMEOUT = 60


def postgres_bindir():
    """The directory of initdb and pg_ctl (Debian keeps them out of PATH), or None."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(candidates[-1]).parent if candidates else None


def missing_reason():
    """Why a private cluster cannot be made here, or None."""
    if postgres_bindir() is None:
        return "PostgreSQL's server binaries (initdb, pg_ctl) are not installed"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root, and there is no postgres user to run PostgreSQL as"
    return None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    def __init__(self):
        self.bindir = postgres_bindir()
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="kb-pgcluster-"))
        self.data = self.directory / "data"
        self.as_postgres = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.directory, user.pw_uid, user.pw_gid)
            self.as_postgres = ["runuser", "-u", "postgres", "--"]
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")

    def _run(self, program, *args):
        subprocess.run(
            [*self.as_postgres, str(self.bindir / program), *args],
            check=True,
            capture_output=True,
            timeout=TIMEOUT,
            cwd=self.directory,
        )

    def start(self):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.directory}"
        options += " -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.directory / "log"), "-w", "start")

    def stop(self):
        # Fast: what an operator's `systemctl stop postgresql` does; open connections are cut.
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def running(self):
        return (self.data / "postmaster.pid").exists()

    def remove(self):
        if self.running():
            self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)

    def url(self, database="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def connect(self, database="postgres"):
        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=database)
        connection.autocommit = True
        return connection

    def execute(self, sql, database="postgres"):
        connection = self.connect(database)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchall() if cursor.description else None
        finally:
            connection.close()

    def create_database(self, name, template=None):
        self.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))


def project_env(database_url, **extra):
    """The environment of a project process (manage.py, gunicorn) run against `database_url`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DATABASE_", "REDIS_", "DB_"))}
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY="tests-only-not-a-secret",
        DEBUG="0",
        STATIC_MANIFEST="0",
        SECURE_COOKIES="0",
        DJANGO_SETTINGS_MODULE="osce_kb.settings",
    )
    env.update(extra)
    return env


def manage(database_url, *args, env=None, check=True):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=project_env(database_url, **(env or {})),
        capture_output=True,
        text=True,
        timeout=TIMEOUT * 3,
        check=check,
    )


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


class Server:
    """gunicorn serving the project on a free loopback port, one worker, so that a test can see it recover."""

    def __init__(self, database_url, **env):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (read back and closed by close())
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "osce_kb.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--threads",
                "4",
                "--timeout",
                "30",
            ],
            cwd=ROOT,
            env=project_env(database_url, **env),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        output = self.output()
        self.close()
        raise RuntimeError(f"gunicorn did not start:\n{output}")

    def get(self, path, headers=None, method="GET", data=None):
        """(status, headers, body, seconds) of one request, redirects not followed; never raises for an HTTP error
        status."""
        request = urllib.request.Request(self.base + path, headers=headers or {}, method=method, data=data)
        started = time.monotonic()
        try:
            with _opener.open(request, timeout=TIMEOUT) as response:
                body = response.read().decode()
                return response.status, response.headers, body, time.monotonic() - started
        except urllib.error.HTTPError as error:
            body = error.read().decode()
            return error.code, error.headers, body, time.monotonic() - started

    def output(self):
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def close(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
