"""The instruments of `make bench`: the floor page, the query count header, and the runner's measuring."""

import http.server
import socket
import threading

import pytest
from django.test import override_settings

from osce_kb import bench
from osce_kb.measuring import QueryCountHeaderMiddleware
from tests.factories import make_event


def test_the_floor_page_renders_the_site_frame_with_one_heading(client, db):
    response = client.get("/kk/floor/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1>") == 1
    assert '<html lang="kk">' in html


def test_the_floor_page_asks_search_engines_not_to_index_it(client, db):
    assert client.get("/en/floor/")["X-Robots-Tag"] == "noindex"


def test_the_floor_page_is_not_in_the_sitemap(client, db):
    assert "/floor/" not in client.get("/sitemap.xml").content.decode()


def test_answers_carry_no_query_count_unless_the_benchmark_asks(client, db):
    assert "X-SQL-Queries" not in client.get("/en/timeline/")


def test_with_the_benchmark_middleware_an_answer_says_how_many_sql_queries_it_took(client, db, settings):
    make_event()
    with override_settings(MIDDLEWARE=[f"{QueryCountHeaderMiddleware.__module__}.QueryCountHeaderMiddleware",
                                       *settings.MIDDLEWARE]):  # fmt: skip
        count = int(client.get("/en/timeline/")["X-SQL-Queries"])
    assert count > 0


class FakeSite:
    def peak_memory_mb(self):
        return 42.0


def settings_for_test(**values):
    return bench.Settings(**{"rounds": 3, "warmups": 1, "timeout": 5, "page_seconds": 5, **values})


class Answer(http.server.BaseHTTPRequestHandler):
    """A page of 2,048 bytes that took 4 queries, as the site answers with KB_BENCH=1."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.send_response(200)
        self.send_header("X-SQL-Queries", "4")
        self.send_header("Content-Length", "2048")
        self.end_headers()
        self.wfile.write(b"x" * 2048)

    def log_message(self, *args):
        pass


@pytest.fixture
def answering_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_a_page_is_measured_with_its_median_its_size_its_queries_and_its_ratio_to_the_floor(answering_server):
    client = bench.Client(answering_server, timeout=5)
    result = bench.measure_page(FakeSite(), client, settings_for_test(), "sources", "list", "/kk/sources/?q=ЕҚЫҰ")
    assert (result.status, result.samples, result.queries, result.kb, result.worker_mb) == (200, 3, 4, 2.0, 42.0)
    assert result.p50_ms > 0 and result.floor_p50_ms > 0 and result.x_floor > 0


@pytest.fixture
def silent_server():
    """A server that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted = []
    thread = threading.Thread(target=lambda: accepted.append(listener.accept()), daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    listener.close()


def test_a_page_that_does_not_answer_in_time_counts_as_a_timeout_instead_of_hanging_the_run(silent_server):
    client = bench.Client(silent_server, timeout=0.3)
    result = bench.measure_page(FakeSite(), client, settings_for_test(), "slow", "list", "/kk/timeline/")
    assert (result.timeouts, result.samples, result.p50_ms) == (1, 0, None)


def test_the_deep_page_is_the_one_before_the_last_by_the_lists_own_links():
    pages = {
        "/kk/timeline/": '<a rel="last" href="?after=9">last</a>',
        "/kk/timeline/?after=9": '<link rel="prev" href="/kk/timeline/?before=8">',
    }

    class Pages:
        def get(self, path):
            return 0.1, 200, pages[path].encode(), 1

        def text(self, path):
            return pages[path]

    assert bench.deep_page("/kk/timeline/")(Pages()) == "/kk/timeline/?before=8"


def test_without_rel_links_the_deep_page_is_the_highest_numbered_page():
    class Pages:
        def get(self, path):
            return 0.1, 200, b'<a href="?page=2">2</a> <a href="?page=17">17</a>', 1

    assert bench.deep_page("/kk/people/")(Pages()) == "/kk/people/?page=17"


def test_a_deep_page_behind_a_list_that_does_not_answer_counts_as_a_timeout(silent_server):
    client = bench.Client(silent_server, timeout=0.3)
    with pytest.raises(bench.Unanswered):
        bench.deep_page("/kk/timeline/")(client)


def page(label, kind, p50, x_floor=2.0, kb=10.0, mb=100.0, p95=None):
    return {"label": label, "kind": kind, "path": f"/{label}/", "p50_ms": p50, "p95_ms": p95 or p50,
            "x_floor": x_floor, "kb": kb, "worker_mb": mb, "queries": 3, "timeouts": 0}  # fmt: skip


def test_a_page_slower_at_the_large_size_is_reported_as_a_target_not_met():
    results = {
        "runs": {
            "bundled": [page("home", "home", 10), page("people", "list", 10)],
            "large": [page("home", "home", 11), page("people", "list", 30)],
        }
    }
    checks = {what: (met, detail) for what, met, detail in bench.targets(results)}
    met, detail = checks["at the large size every page's p50 within 1.25× of its bundled p50"]
    assert not met and "people 3.00×" in detail and "home" not in detail


def test_a_page_over_200_kb_and_a_worker_over_250_mb_are_reported():
    results = {"runs": {"bundled": [page("home", "home", 10)], "large": [page("home", "home", 10, kb=818, mb=3000)]}}
    checks = {what: (met, detail) for what, met, detail in bench.targets(results)}
    assert checks["every page's HTML under 200 kB at the large size"] == (False, "home 818 kB")
    assert checks["worker memory under 250 MB"] == (False, "3000 MB")


def test_a_deep_page_that_a_one_page_list_does_not_have_is_no_miss():
    missing = {**page("organs, deep page", "list", None), "path": None, "x_floor": None}
    results = {"runs": {"bundled": [missing], "large": [missing]}}
    assert all(met for _what, met, _detail in bench.targets(results))


def test_the_table_shows_both_sizes_side_by_side():
    runs = {"bundled": [page("home", "home", 10.0)], "large": [page("home", "home", 20.0, x_floor=4.0)]}
    line = bench.table(runs).splitlines()[2]
    assert [cell.strip() for cell in line.strip("|").split("|")] == [
        "home", "10.0", "20.0", "20.0", "2.00", "4.0", "3", "10.0", "100",
    ]  # fmt: skip
