"""`make bench`: every public page type timed on gunicorn against the floor page, with the bundled content and
with a million synthetic events, on PostgreSQL; a table, the issue's targets met or not, and bench/results.json.

    python -m osce_kb.bench        (sizes and rounds from BENCH_EVENTS, BENCH_PEOPLE, BENCH_TENURES, BENCH_ROUNDS)

It starts PostgreSQL if it is down, builds `kb_bench_bundled` (migrate, load_kb) and `kb_bench_large` (the same,
then seed_bench), reusing the large one when its comment says it was seeded at the asked size by the current
migrations. Each database is served by gunicorn (gunicorn.conf.py, production settings) on a free loopback port.
Each page is requested BENCH_ROUNDS times after warm-ups, each time just after the floor page (/kk/floor/), on
one client, so that both meet the same machine; a request that takes longer than BENCH_TIMEOUT seconds counts
as a timeout, and a page that has used up BENCH_PAGE_SECONDS stops early. The large database is measured again
with the page cache on (PAGE_CACHE=1, Redis database BENCH_REDIS_DB).
"""

import hashlib
import html
import http.client
import itertools
import json
import os
import platform
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
FLOOR = "/kk/floor/"
LANG = "kk"


def env_int(name, default):
    return int(os.environ.get(name) or default)


@dataclass
class Settings:
    events: int = field(default_factory=lambda: env_int("BENCH_EVENTS", 1_000_000))
    people: int = field(default_factory=lambda: env_int("BENCH_PEOPLE", 100_000))
    tenures: int = field(default_factory=lambda: env_int("BENCH_TENURES", 200_000))
    rounds: int = field(default_factory=lambda: env_int("BENCH_ROUNDS", 30))
    warmups: int = field(default_factory=lambda: env_int("BENCH_WARMUPS", 3))
    timeout: int = field(default_factory=lambda: env_int("BENCH_TIMEOUT", 60))
    page_seconds: int = field(default_factory=lambda: env_int("BENCH_PAGE_SECONDS", 60))
    server: str = field(default_factory=lambda: os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    redis_db: int = field(default_factory=lambda: env_int("BENCH_REDIS_DB", 5))
    cached: bool = field(default_factory=lambda: os.environ.get("BENCH_CACHED", "1") != "0")
    large_database: str = field(default_factory=lambda: os.environ.get("BENCH_LARGE_DB", "kb_bench_large"))
    seed: int = 1


# Page types: (label, kind, path or a callable that finds the path from the running site).
def deep_page(list_path):
    """The page before the last of a list: its rel="last", then that page's rel="prev" (keyset pagination);
    without them, the highest ?page= the list links to."""

    def find(client):
        seconds, status, body, _queries = client.get(list_path)
        if status is None:
            raise Unanswered(list_path)
        body = body.decode("utf-8", "replace")
        last = link(body, "last")
        if last:
            last = urljoin(list_path, last)
            previous = link(client.text(last), "prev")
            return urljoin(last, previous) if previous else last
        pages = [int(number) for number in re.findall(r"[?&]page=(\d+)", body)]
        return f"{list_path}{'&' if '?' in list_path else '?'}page={max(pages)}" if pages else None

    return find


class Unanswered(Exception):
    """The page that leads to the one to measure did not answer in time: the measured page counts as a timeout."""


def first_sitemap_section(client):
    """The first section of the sitemap when it is an index; else None (the sitemap itself is measured)."""
    seconds, status, body, _queries = client.get("/sitemap.xml")
    if status is None:
        raise Unanswered("/sitemap.xml")
    body = body.decode("utf-8", "replace")
    if "<sitemapindex" not in body:
        return None
    found = re.search(r"<sitemap>\s*<loc>([^<]+)</loc>", body)
    return urlsplit(html.unescape(found[1]))._replace(scheme="", netloc="").geturl() if found else None


def link(body, rel):
    found = re.search(rf'<(?:a|link)\b[^>]*\brel="{rel}"[^>]*\bhref="([^"]+)"', body) or re.search(
        rf'<(?:a|link)\b[^>]*\bhref="([^"]+)"[^>]*\brel="{rel}"', body
    )
    return html.unescape(found[1]) if found else None


PAGES = [
    ("home", "home", "/kk/"),
    ("home (en)", "home", "/en/"),
    ("organs", "list", "/kk/organs/"),
    ("organs, filtered", "list", "/kk/organs/?kind=institution"),
    ("organs, sorted", "list", "/kk/organs/?sort=established"),
    ("organs, deep page", "list", deep_page("/kk/organs/")),
    ("states", "list", "/kk/states/"),
    ("states, filtered", "list", "/kk/states/?joined_year=1992"),
    ("states, sorted", "list", "/kk/states/?sort=joined"),
    ("states, deep page", "list", deep_page("/kk/states/")),
    ("people", "list", "/kk/people/"),
    ("people, filtered", "list", "/kk/people/?nationality=KZ"),
    ("people, sorted", "list", "/kk/people/?sort=slug"),
    ("people, deep page", "list", deep_page("/kk/people/")),
    ("timeline", "list", "/kk/timeline/"),
    ("timeline (en)", "list", "/en/timeline/"),
    ("timeline, filtered", "list", "/kk/timeline/?kind=kazakhstan_relations"),
    ("timeline, one year", "list", "/kk/timeline/?year_from=2010&year_to=2010"),
    ("timeline, sorted", "list", "/kk/timeline/?sort=-date"),
    ("timeline, deep page", "list", deep_page("/kk/timeline/")),
    ("sources", "list", "/kk/sources/"),
    ("sources, filtered", "list", "/kk/sources/?kind=treaty"),
    ("sources, sorted", "list", "/kk/sources/?sort=published"),
    ("sources, deep page", "list", deep_page("/kk/sources/")),
    ("organ: Permanent Council", "detail", "/kk/organs/permanent-council/"),
    ("organ: ODIHR", "detail", "/kk/organs/odihr/"),
    ("state: Kazakhstan", "detail", "/kk/states/KZ/"),
    ("state: Kazakhstan (en)", "detail", "/en/states/KZ/"),
    ("state: Malta", "detail", "/kk/states/MT/"),
    ("person: Saudabayev", "detail", "/kk/people/kanat-saudabayev/"),
    ("person: Haraszti", "detail", "/kk/people/miklos-haraszti/"),
    ("event: 2003 protocol", "detail", "/kk/timeline/additional-protocol-to-the-memorandum-2003/"),
    ("source: the essay", "detail", "/kk/sources/essay-osce-and-kazakhstan/"),
    ("structure", "structure", "/kk/structure/"),
    ("as-of 2010-06-01", "as-of", "/kk/as-of/2010-06-01/"),
    ("search: a name", "search", "/kk/search/?q=Vollebæk"),
    ("search: a misspelling", "search", "/kk/search/?q=Volebaek"),
    ("search: a common word", "search", "/kk/search/?q=ЕҚЫҰ"),
    ("search: a common word (en)", "search", "/en/search/?q=OSCE"),
    ("sitemap.xml", "sitemap", "/sitemap.xml"),
    ("sitemap section", "sitemap", first_sitemap_section),
]
# Measured only where the site has them (a later issue may add them).
OPTIONAL_PAGES = [
    ("feed: events", "feed", "/kk/feeds/events/"),
    ("API: events", "api", "/api/v1/events/"),
    ("API: people", "api", "/api/v1/people/"),
]


# Servers and databases --------------------------------------------------------------------------------------


def postgres_up(server):
    try:
        psql(server, "postgres", "SELECT 1")
        return True
    except subprocess.CalledProcessError:
        return False


def ensure_postgres(server):
    if postgres_up(server):
        return
    print("Starting PostgreSQL ...", flush=True)
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "start"], check=True)
    deadline = time.monotonic() + 30
    while not postgres_up(server):
        if time.monotonic() > deadline:
            raise SystemExit(f"PostgreSQL did not answer at {server}.")
        time.sleep(0.5)


def psql(server, database, sql):
    """One statement's result as text, through psql (no Django: these run before any settings exist)."""
    parts = urlsplit(server)
    command = ["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", parts.hostname, "-p", str(parts.port)]
    command += ["-U", parts.username or "postgres", "-d", database, "-c", sql]
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    return result.stdout.strip()


def manage(env, *arguments, quiet=True):
    subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def migrations_fingerprint():
    """The migrations in the code, so that a database seeded under other ones is built again."""
    names = sorted(str(path.relative_to(ROOT)) for path in ROOT.glob("*/migrations/0*.py"))
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode() + (ROOT / name).read_bytes())
    return digest.hexdigest()[:16]


def site_env(settings, database, **extra):
    return {
        **os.environ,
        "DATABASE_URL": f"{settings.server}/{database}",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "STATIC_MANIFEST": "0",
        "KB_BENCH": "1",
        "LOG_LEVEL": "WARNING",
        "PAGE_CACHE": "0",
        # A slow page is measured up to the bench's own time limit, not cut short by the site's.
        "DB_STATEMENT_TIMEOUT_MS": str(settings.timeout * 1000),
        "GUNICORN_TIMEOUT": str(settings.timeout + 10),
        "GUNICORN_MAX_REQUESTS": "0",
        **extra,
    }


def recreate(settings, database):
    psql(settings.server, "postgres", f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    psql(settings.server, "postgres", f'CREATE DATABASE "{database}"')


def prepare_bundled(settings, database="kb_bench_bundled"):
    """A fresh database with the bundled content; returns how long load_kb took (a target of the issue)."""
    print(f"Building {database} (migrate, load_kb) ...", flush=True)
    recreate(settings, database)
    env = site_env(settings, database)
    manage(env, "migrate", "--noinput")
    started = time.monotonic()
    manage(env, "load_kb")
    return time.monotonic() - started


def prepare_large(settings):
    """The bundled content plus the synthetic records, reused when already seeded so under these migrations."""
    database = settings.large_database
    seeded = (
        f"seed_bench events={settings.events} people={settings.people} tenures={settings.tenures} seed={settings.seed}"
    )
    marker = f"{seeded} migrations={migrations_fingerprint()}"
    exists = psql(settings.server, "postgres", f"SELECT 1 FROM pg_database WHERE datname = '{database}'")
    found = exists and psql(settings.server, database, "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                            f"WHERE datname = '{database}'")  # fmt: skip
    if found == marker:
        print(f"Reusing {database} ({marker}).", flush=True)
        return
    if found and found.startswith(f"{seeded} "):
        # Seeded alike under older migrations: migrating it is what an operator would do, and the migrations
        # fill what they add for existing rows; minutes instead of a new seeding's half hour.
        print(f"Migrating {database} (seeded alike under older migrations) ...", flush=True)
        # Building an index over a million rows takes minutes: no statement timeout for the migrations.
        manage(site_env(settings, database, DB_STATEMENT_TIMEOUT_MS="3600000"), "migrate", "--noinput", quiet=False)
        vacuum(settings, database)
        psql(settings.server, "postgres", f"COMMENT ON DATABASE \"{database}\" IS '{marker}'")
        return
    print(f"Building {database} (migrate, load_kb, seed_bench) ...", flush=True)
    recreate(settings, database)
    env = site_env(settings, database)
    manage(env, "migrate", "--noinput")
    manage(env, "load_kb")
    manage(
        env,
        "seed_bench",
        f"--events={settings.events}",
        f"--people={settings.people}",
        f"--tenures={settings.tenures}",
        f"--seed={settings.seed}",
        quiet=False,
    )
    vacuum(settings, database)
    psql(settings.server, "postgres", f"COMMENT ON DATABASE \"{database}\" IS '{marker}'")


def vacuum(settings, database):
    """What autovacuum does some time after a large load, done before measuring: the visibility map that lets
    the timeline's index answer without reading rows, and statistics for every index."""
    print(f"VACUUM ANALYZE {database} ...", flush=True)
    psql(settings.server, database, "VACUUM ANALYZE")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Site:
    """gunicorn with the project's configuration on a free loopback port, until stopped."""

    def __init__(self, env):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
            cwd=ROOT,
            env={**env, "HOST": f"127.0.0.1:{self.port}", "GUNICORN_LOG_LEVEL": "warning"},
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("gunicorn stopped before it answered.")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/readyz")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not answer /readyz within 60 seconds.")

    def workers(self):
        """The worker processes' ids (children of the master)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def peak_memory_mb(self):
        """The largest peak resident size (VmHWM) of the workers, in MB."""
        peaks = []
        for pid in self.workers():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
            if found:
                peaks.append(int(found[1]) / 1024)
        return round(max(peaks), 1) if peaks else None

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


# Measuring --------------------------------------------------------------------------------------------------


class Client:
    """One keep-alive connection; reconnects when the server closes it."""

    def __init__(self, port, timeout):
        self.port, self.timeout = port, timeout
        self.connection = None

    def get(self, path):
        """(seconds, status, body bytes, SQL queries or None); status None for a timeout or a broken answer."""
        started = time.perf_counter()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            self.connection.request("GET", quote(path, safe="/?&=%:;,+"), headers={"Accept-Language": LANG})
            response = self.connection.getresponse()
            body = response.read()
            queries = response.getheader("X-SQL-Queries")
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return time.perf_counter() - started, response.status, body, int(queries) if queries else None
        except (OSError, http.client.HTTPException):
            self.close()
            return time.perf_counter() - started, None, b"", None

    def text(self, path):
        return self.get(path)[2].decode("utf-8", "replace")

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


@dataclass
class Measure:
    label: str
    kind: str
    path: str | None
    samples: int = 0
    timeouts: int = 0
    status: int | None = None
    p50_ms: float | None = None
    p95_ms: float | None = None
    floor_p50_ms: float | None = None
    x_floor: float | None = None
    queries: int | None = None
    kb: float | None = None
    worker_mb: float | None = None


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else None


def measure_page(site, client, settings, label, kind, path):
    result = Measure(label, kind, path)
    if path is None:
        return result
    times, floors, queries = [], [], []
    spent = 0.0
    for number in itertools.count():
        floor_seconds, *_ = client.get(FLOOR)
        seconds, status, body, count = client.get(path)
        spent += seconds
        result.status = status
        if status is None:
            result.timeouts += 1
            break
        warming = number < settings.warmups and (number == 0 or seconds < 1)
        if not warming:
            # A page slower than a second is warm after one request: more warm-ups would only stretch the run.
            times.append(seconds)
            floors.append(floor_seconds)
            queries.append(count)
            result.kb = round(len(body) / 1024, 1)
        if len(times) >= settings.rounds or (spent > settings.page_seconds and times):
            break
    if times:
        result.samples = len(times)
        result.p50_ms = round(statistics.median(times) * 1000, 1)
        result.p95_ms = round(percentile(times, 0.95) * 1000, 1)
        result.floor_p50_ms = round(statistics.median(floors) * 1000, 2)
        result.x_floor = round(result.p50_ms / result.floor_p50_ms, 1)
        counted = [count for count in queries if count is not None]
        result.queries = max(counted) if counted else None
    result.worker_mb = site.peak_memory_mb()
    return result


def measure_site(settings, env, pages):
    site = Site(env)
    try:
        client = Client(site.port, settings.timeout)
        results = []
        for label, kind, path in pages:
            try:
                path = path(client) if callable(path) else path
                result = measure_page(site, client, settings, label, kind, path)
            except Unanswered as leading:
                result = Measure(label, kind, str(leading), timeouts=1)
            print(f"  {label:<28} {fmt(result.p50_ms)} ms  ×{fmt(result.x_floor)}  {result.status}", flush=True)
            results.append(result)
        client.close()
        return results
    finally:
        site.stop()


def present_pages(settings, env):
    """The page types this code has: the fixed ones, and the optional ones that answer 200."""
    site = Site(env)
    try:
        client = Client(site.port, settings.timeout)
        found = [page for page in OPTIONAL_PAGES if client.get(page[2])[1] == 200]
        client.close()
        return PAGES + found
    finally:
        site.stop()


def flush_redis(url):
    import redis

    redis.Redis.from_url(url).flushdb()


# Report -----------------------------------------------------------------------------------------------------


def fmt(value, digits=1):
    if value is None:
        return "—"
    return f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}"


def table(runs):
    bundled, large = runs.get("bundled", []), runs.get("large", [])
    cached = {m["label"]: m for m in runs.get("large_cached", [])}
    by_label = {m["label"]: m for m in large}
    header = ["page", "bundled p50", "large p50", "p95", "large/bundled", "×floor", "queries", "kB", "MB"]
    if cached:
        header += ["cached p50", "cached ×floor"]
    rows = [header]
    for b in bundled:
        lg = by_label.get(b["label"], {})
        ratio = lg.get("p50_ms") / b["p50_ms"] if lg.get("p50_ms") and b.get("p50_ms") else None
        note = " (timeout)" if lg.get("timeouts") or b.get("timeouts") else ""
        if not b.get("path") and not lg.get("path"):
            note = " (one page only)"
        row = [
            b["label"] + note,
            fmt(b.get("p50_ms")),
            fmt(lg.get("p50_ms")),
            fmt(lg.get("p95_ms")),
            fmt(ratio, 2),
            fmt(lg.get("x_floor")),
            fmt(lg.get("queries")),
            fmt(lg.get("kb")),
            fmt(lg.get("worker_mb"), 0),
        ]
        if cached:
            c = cached.get(b["label"], {})
            row += [fmt(c.get("p50_ms")), fmt(c.get("x_floor"))]
        rows.append(row)
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    lines = []
    for index, row in enumerate(rows):
        cells = [str(cell).ljust(widths[0]) if i == 0 else str(cell).rjust(widths[i]) for i, cell in enumerate(row)]
        lines.append("| " + " | ".join(cells) + " |")
        if index == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def targets(results):
    """The issue's targets, each (what, met, detail)."""
    runs = results["runs"]
    bundled = {m["label"]: m for m in runs.get("bundled", [])}
    # A page type this size does not have (a deep page of a list that fits on one page) is no miss.
    large = [m for m in runs.get("large", []) if m.get("path")]
    checks = []

    def check(what, failures):
        checks.append((what, not failures, "; ".join(failures[:8]) + (" …" if len(failures) > 8 else "")))

    check(
        "at the large size every page's p50 within 1.25× of its bundled p50",
        [
            f"{m['label']} {m['p50_ms'] / bundled[m['label']]['p50_ms']:.2f}×" if m.get("p50_ms") else f"{m['label']} —"
            for m in large
            if m["label"] in bundled
            and bundled[m["label"]].get("p50_ms")
            and (not m.get("p50_ms") or m["p50_ms"] > 1.25 * bundled[m["label"]]["p50_ms"])
        ],
    )
    check(
        "every page's HTML under 200 kB at the large size",
        [f"{m['label']} {m['kb']:.0f} kB" for m in large if m.get("kb") and m["kb"] >= 200],
    )
    peak = max((m.get("worker_mb") or 0 for m in large), default=0)
    check("worker memory under 250 MB", [f"{peak:.0f} MB"] if peak >= 250 else [])
    check(
        "uncached p50 of every list and detail page ≤ 3× the floor (large)",
        [
            f"{m['label']} ×{m['x_floor']}" if m.get("x_floor") else f"{m['label']} —"
            for m in large
            if m["kind"] in ("list", "detail") and (not m.get("x_floor") or m["x_floor"] > 3)
        ],
    )
    check(
        "search p95 ≤ 50 ms (large)",
        [
            f"{m['label']} {fmt(m.get('p95_ms'))} ms"
            for m in large
            if m["kind"] == "search" and not (m.get("p95_ms") or 1e9) <= 50
        ],
    )
    cached = runs.get("large_cached", [])
    if cached:
        check(
            "cached pages ≤ 1.2× the floor",
            [f"{m['label']} ×{m['x_floor']}" for m in cached if m.get("path") and not (m.get("x_floor") or 1e9) <= 1.2],
        )
    load = results.get("load_kb_seconds")
    if load is not None:
        check("load_kb of the bundled content under 10 s", [f"{load:.1f} s"] if load >= 10 else [])
    return checks


def machine():
    memory = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
    return {
        "system": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "memory_gb": round(int(memory[1]) / 1024 / 1024, 1) if memory else None,
        "load_average": os.getloadavg(),
    }


def commit():
    def git(*arguments):
        return subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    return {"sha": git("rev-parse", "HEAD"), "branch": git("rev-parse", "--abbrev-ref", "HEAD"),
            "dirty": bool(git("status", "--porcelain", "--untracked-files=no"))}  # fmt: skip


def main():
    settings = Settings()
    started = time.monotonic()
    ensure_postgres(settings.server)
    load_kb_seconds = prepare_bundled(settings)
    prepare_large(settings)
    results = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": machine(),
        "commit": commit(),
        "settings": asdict(settings),
        "sizes": {},
        "load_kb_seconds": round(load_kb_seconds, 1),
        "runs": {},
    }
    for database in ("kb_bench_bundled", settings.large_database):
        results["sizes"][database] = {
            table_name: int(psql(settings.server, database, f"SELECT count(*) FROM {table_name}"))
            for table_name in ("timeline_event", "people_person", "people_tenure")
        }
    pages = present_pages(settings, site_env(settings, "kb_bench_bundled"))
    redis_url = f"redis://127.0.0.1:6379/{settings.redis_db}"
    for run, database, extra in [
        ("bundled", "kb_bench_bundled", {}),
        ("large", settings.large_database, {}),
        ("large_cached", settings.large_database, {"PAGE_CACHE": "1", "REDIS_URL": redis_url}),
    ]:
        if extra and not settings.cached:
            continue
        if extra:
            try:
                flush_redis(redis_url)
            except Exception as error:  # noqa: BLE001 — no Redis: the cached run is left out, and said so
                print(f"No cached run: Redis at {redis_url} did not answer ({error}).", flush=True)
                continue
        print(f"Measuring {run} ({database}) ...", flush=True)
        measures = measure_site(settings, site_env(settings, database, **extra), pages)
        results["runs"][run] = [asdict(m) for m in measures]
    results["seconds"] = round(time.monotonic() - started)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    sizes = results["sizes"]
    large = sizes[settings.large_database]
    print()
    print(
        f"bundled: {sizes['kb_bench_bundled']['timeline_event']:,} events; large: "
        f"{large['timeline_event']:,} events, {large['people_person']:,} people, {large['people_tenure']:,} tenures; "
        f"p50/p95 in ms over {settings.rounds} rounds; "
        f"×floor = p50 / the interleaved floor's p50; queries, kB and worker MB at the large size."
    )
    print(table(results["runs"]))
    print()
    for what, met, detail in targets(results):
        print(f"{'met' if met else 'NOT MET'}: {what}" + (f" — {detail}" if detail else ""))
    print(f"\nWritten to {RESULTS.relative_to(ROOT)} in {results['seconds']} s.")


if __name__ == "__main__":
    main()
