"""What the whole suite shares: editors of each role logged in, and the count of requests the fuzz sweep made,
shown at the end of every run."""

from collections import Counter

import pytest

from osce_kb.roles import CHIEF_EDITORS, EDITORS
from tests.admin_pages import staff

FUZZ_REQUESTS = pytest.StashKey[Counter]()


@pytest.fixture(scope="session")
def fuzz_requests(request):
    """Requests made by the fuzz sweep, by language; printed in the terminal summary."""
    return request.config.stash.setdefault(FUZZ_REQUESTS, Counter())


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    counts = config.stash.get(FUZZ_REQUESTS, None)
    if counts:
        by_language = ", ".join(f"{lang} {counts[lang]}" for lang in sorted(counts))
        terminalreporter.write_line(f"Fuzz sweep: {sum(counts.values())} requests to public pages ({by_language}).")


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
