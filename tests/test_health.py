"""/healthz and /readyz: what a load balancer asks an app server, outside the language prefix and never cached."""

import threading
import time

import pytest

from osce_kb import operations
from osce_kb.middleware import DatabaseUnavailableMiddleware


def test_healthz_answers_without_asking_the_database(client):
    # No `db` fixture: pytest-django refuses any database access here, so the view must make none.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize("address", ["/healthz", "/readyz"])
def test_health_checks_are_never_cached(client, db, address):
    assert "no-store" in client.get(address)["Cache-Control"]


@pytest.mark.parametrize("address", ["/healthz", "/readyz"])
def test_health_checks_answer_over_plain_http_even_when_https_is_enforced(client, db, settings, address):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(address).status_code == 200


def test_readyz_answers_200_when_the_database_and_the_cache_answer(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


def test_readyz_answers_503_when_the_cache_does_not_answer(client, db, settings):
    # Nothing listens on port 9 of the loopback: the connection is refused at once.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "ok"
    assert "ConnectionError" in body["checks"]["cache"]


def test_readyz_answers_503_in_time_when_a_check_hangs(client, db, settings, monkeypatch):
    settings.READINESS_TIMEOUT = 0.3
    released = threading.Event()
    monkeypatch.setattr(operations, "check_database", lambda: released.wait(10))
    try:
        started = time.monotonic()
        response = client.get("/readyz")
        elapsed = time.monotonic() - started
    finally:
        released.set()
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "no answer within 0.3 s"
    assert elapsed < 1.5


@pytest.mark.django_db
def test_the_health_checks_answer_for_themselves_while_the_site_waits_to_reconnect(client, monkeypatch):
    monkeypatch.setattr(DatabaseUnavailableMiddleware, "reconnect_at", time.monotonic() + 60)
    assert client.get("/en/").status_code == 503
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
