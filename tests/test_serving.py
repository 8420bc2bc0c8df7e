"""Serving as an operator does: `check --deploy` with the README's production settings, and gunicorn with the
repository's configuration, writing its records to stderr."""

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def readme_production_environment():
    """The variables of the README's production block, with a real secret key in place of its placeholder."""
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"<!-- production-environment -->\n```sh\n(.*?)```", readme, re.S)
    assert block, "README.md has no production-environment block"
    variables = dict(line.split("=", 1) for line in block[1].splitlines() if line and not line.startswith("#"))
    variables["SECRET_KEY"] = secrets.token_urlsafe(50)
    return variables


def clean_environment(**variables):
    """This process's environment without any of the suite's settings, plus `variables`."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "DJANGO_", "ADMIN"))
        and key not in {"DATABASE_URL", "DEBUG", "SECRET_KEY", "STATIC_MANIFEST", "ALLOWED_HOSTS", "LOG_FORMAT"}
    }
    environment.update(variables)
    return environment


def check_deploy(**variables):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean_environment(**variables),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_is_clean_with_the_readmes_production_settings():
    result = check_deploy(**readme_production_environment())
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_reports_what_the_readmes_settings_leave_out():
    variables = readme_production_environment()
    del variables["SECURE_HSTS_PRELOAD"]
    result = check_deploy(**variables)
    assert result.returncode != 0
    assert "security.W021" in result.stderr


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url, attempts=100):
    for _attempt in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read()
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer")


@pytest.fixture
def gunicorn(tmp_path):
    """gunicorn with gunicorn.conf.py on a free loopback port, production settings, JSON logs, one worker."""
    port = free_port()
    stderr = (tmp_path / "stderr.log").open("w+")
    process = subprocess.Popen(
        [str(GUNICORN), "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env=clean_environment(
            HOST=f"127.0.0.1:{port}",
            WEB_CONCURRENCY="1",
            SECRET_KEY=secrets.token_urlsafe(50),
            DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
            STATIC_MANIFEST="0",
            LOG_FORMAT="json",
        ),
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )
    try:
        yield f"http://127.0.0.1:{port}", process, stderr
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        stderr.close()


def test_gunicorn_serves_with_the_repositorys_configuration_and_logs_json_lines(gunicorn):
    url, process, stderr = gunicorn
    assert get(f"{url}/healthz") == (200, b'{"status": "ok"}')
    status, body = get(f"{url}/readyz")
    assert (status, json.loads(body)["status"]) == (200, "ok")
    process.send_signal(signal.SIGTERM)
    assert process.wait(35) == 0
    stderr.seek(0)
    records = [json.loads(line) for line in stderr]
    assert {"gunicorn.error", "osce_kb.access"} <= {record["logger"] for record in records}
    access = [record for record in records if record["logger"] == "osce_kb.access"]
    assert [(record["method"], record["path"], record["status"]) for record in access] == [
        ("GET", "/healthz", 200),
        ("GET", "/readyz", 200),
    ]
    assert all(isinstance(record["duration_ms"], float) and record["queries"] == 0 for record in access)
