"""`make loadtest`: the site under production settings on gunicorn (loopback), N concurrent readers for a fixed
time against a mix of public pages; prints requests per second, latency percentiles and the errors, and stops
by itself. Exits non-zero when any request failed.

    python -m osce_kb.loadtest [--clients 64] [--seconds 60] [--database-url URL]

Only the standard library: the clients are threads with keep-alive connections (http.client), so that what is
measured is the site, not the set-up of a connection per request.
"""

import argparse
import http.client
import itertools
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What readers open, in all three languages: lists with and without filters, details, search, a date, the
# structure, and a stylesheet (served by WhiteNoise).
PAGES = [
    "/kk/",
    "/ru/",
    "/en/",
    "/kk/organs/",
    "/en/organs/?kind=institution",
    "/ru/organs/permanent-council/",
    "/en/people/",
    "/kk/people/?q=sau",
    "/en/people/kanat-saudabayev/",
    "/ru/timeline/",
    "/en/timeline/?kind=kazakhstan_relations",
    "/kk/states/",
    "/en/states/KZ/",
    "/ru/sources/",
    "/en/structure/",
    "/kk/as-of/2010-06-01/",
    "/en/search/?q=astana",
    "/ru/search/?q=%D0%A1%D0%B0%D0%BC%D0%BC%D0%B8%D1%82",
    "/static/osce_kb/site.css",
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(env):
    """Migrate, load the bundled content and collect the static files, as `make serve` does."""
    for command in (["migrate", "--noinput"], ["load_kb"], ["collectstatic", "--noinput"]):
        manage = [sys.executable, "manage.py", *command]
        subprocess.run(manage, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def stop(server):
    """Stop gunicorn as an operator would (SIGTERM), killing it if it has not stopped within 30 seconds."""
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


def start_gunicorn(env, port):
    workers = str(2 * (os.cpu_count() or 1) + 1)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "osce_kb.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", workers]
        + ["--worker-class", "gthread", "--threads", "4", "--timeout", "30", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/en/")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not answer within 60 seconds.")


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.errors = []

    def add(self, seconds, error=None):
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors.append(error)


def reader(port, paths, stop_at, results):
    connection = None
    for path in paths:
        if time.monotonic() >= stop_at:
            break
        started = time.monotonic()
        try:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path, headers={"Accept-Language": "kk"})
            response = connection.getresponse()
            response.read()
            error = None if response.status < 400 else f"{response.status} {path}"
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = None
        except (OSError, http.client.HTTPException) as exc:
            error = f"{type(exc).__name__} {path}"
            connection = None
        results.add(time.monotonic() - started, error)


def percentile(ordered, fraction):
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def run(port, clients, seconds):
    results = Results()
    stop_at = time.monotonic() + seconds
    threads = []
    for number in range(clients):
        # Each reader walks the mix from its own place, so that every page is being read at every moment.
        paths = itertools.islice(itertools.cycle(PAGES), number % len(PAGES), None)
        threads.append(threading.Thread(target=reader, args=(port, paths, stop_at, results), daemon=True))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    return results, time.monotonic() - started


def report(results, elapsed, clients):
    ordered = sorted(results.latencies)
    count = len(ordered)
    print(f"{clients} clients, {elapsed:.1f} s, {count} requests, {count / elapsed:.1f} requests/s")
    if ordered:
        print(
            f"latency: p50 {percentile(ordered, 0.50) * 1000:.0f} ms, p95 {percentile(ordered, 0.95) * 1000:.0f} ms, "
            f"p99 {percentile(ordered, 0.99) * 1000:.0f} ms, mean {statistics.fmean(ordered) * 1000:.0f} ms, "
            f"max {ordered[-1] * 1000:.0f} ms"
        )
    print(f"errors: {len(results.errors)}")
    for error, times in sorted({e: results.errors.count(e) for e in set(results.errors)}.items())[:20]:
        print(f"  {times} × {error}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'var' / 'loadtest.sqlite3'}",
        help="The database to serve (default: DATABASE_URL, else var/loadtest.sqlite3).",
    )
    options = parser.parse_args(argv)
    env = {
        **os.environ,
        "DATABASE_URL": options.database_url,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
    }
    prepare(env)
    port = free_port()
    server = start_gunicorn(env, port)
    try:
        print(f"Reading http://127.0.0.1:{port}/ ({len(PAGES)} pages) ...", flush=True)
        results, elapsed = run(port, options.clients, options.seconds)
    finally:
        stop(server)
    report(results, elapsed, options.clients)
    return 1 if results.errors else 0


if __name__ == "__main__":
    sys.exit(main())
