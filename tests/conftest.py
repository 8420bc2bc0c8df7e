"""What the whole suite shares: the count of requests the fuzz sweep made, shown at the end of every run."""

from collections import Counter

import pytest

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
