"""What the whole suite shares: editors of each role logged in, and the count of requests the fuzz sweep made,
shown at the end of every run."""

from collections import Counter

import pytest

from osce_kb.roles import CHIEF_EDITORS, EDITORS
from tests.admin_pages import staff

FUZZ_REQUESTS = pytest.StashKey[Counter]()


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """The suite measures pages as rendered (their queries, size and content after the factories' changes),
    so the page cache is off unless a test turns it on: inside a test's transaction the commit that would drop
    the cached pages never comes, and a second read would measure the cache instead (tests/test_page_cache.py
    turns it on and runs the commits' callbacks itself)."""
    settings.PAGE_CACHE = False


@pytest.fixture(autouse=True)
def _no_api_throttle(settings):
    """The sweeps make thousands of API requests from one address; tests/test_api.py turns the throttle on."""
    settings.API_ANON_RATE = None


@pytest.fixture(scope="session")
def fuzz_requests(request):
    """Requests made by the fuzz sweep, by language; printed in the terminal summary."""
    return request.config.stash.setdefault(FUZZ_REQUESTS, Counter())


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    counts = config.stash.get(FUZZ_REQUESTS, None)
    if counts:
        by_language = ", ".join(f"{lang} {counts[lang]}" for lang in sorted(counts))
        total = sum(counts.values())
        terminalreporter.write_line(f"Fuzz sweep: {total} requests to public pages and the API ({by_language}).")


def _logged_in(client, username, group):
    client.force_login(staff(username, group))
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def editor_client(client, db):
    """A member of Editors (no deleting, no publishing), reading the admin in English."""
    return _logged_in(client, "editor", EDITORS)


@pytest.fixture
def chief_client(client, db):
    """A member of Chief editors, reading the admin in English."""
    return _logged_in(client, "chief", CHIEF_EDITORS)


@pytest.fixture(scope="session")
def pg_cluster():
    """A PostgreSQL server of the suite's own (tests/pgcluster.py) that tests may stop and start, with a database
    `kb_template` migrated once, from which each test copies a fresh one."""
    from tests import pgcluster

    reason = pgcluster.missing_reason()
    if reason:
        pytest.skip(f"No private PostgreSQL cluster: {reason}.")
    cluster = pgcluster.Cluster()
    try:
        cluster.start()
        cluster.create_database("kb_template")
        pgcluster.manage(cluster.url("kb_template"), "migrate", "--noinput")
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture
def fresh_database(pg_cluster, request):
    """The URL of a migrated, empty database on the private cluster, for this test alone."""
    name = f"kb_{abs(hash(request.node.nodeid)) % 10**12}"
    pg_cluster.create_database(name, template="kb_template")
    yield pg_cluster.url(name)
    if not pg_cluster.running():
        pg_cluster.start()
    pg_cluster.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
