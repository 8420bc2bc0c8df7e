"""A Redis that is down or unreachable: the site works uncached, and the log says so once, not per request."""

import logging

import pytest
from django.core.cache import cache
from django.test import override_settings

from osce_kb import cache as forgiving
from tests.pgcluster import free_port


@pytest.fixture
def redis_down(monkeypatch):
    """The cache points at a loopback port where nothing listens; each call tries Redis again."""
    monkeypatch.setattr(forgiving, "HEALTH", forgiving._Health())
    monkeypatch.setattr(forgiving, "RETRY_SECONDS", 0)
    location = f"redis://127.0.0.1:{free_port()}/0"
    backend = {
        "BACKEND": "osce_kb.cache.ForgivingRedisCache",
        "LOCATION": location,
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    }
    with override_settings(CACHES={"default": backend}, SESSION_ENGINE="django.contrib.sessions.backends.cached_db"):
        yield location


def test_the_cache_answers_as_an_empty_cache_when_redis_cannot_be_reached(redis_down):
    cache.set("answer", 42)
    assert cache.get("answer") is None
    assert cache.get_or_set("answer", 42) == 42
    assert cache.add("answer", 42) is False


def test_an_unreachable_redis_is_logged_once_not_per_request(redis_down, caplog):
    with caplog.at_level(logging.WARNING, logger="osce_kb.cache"):
        for _ in range(5):
            cache.get("anything")
    (record,) = caplog.records
    assert record.getMessage().startswith(f"Redis at {redis_down} cannot be reached")


@pytest.mark.django_db
def test_an_editor_keeps_working_in_the_admin_when_redis_cannot_be_reached(editor_client, redis_down):
    # The sessions are cached in Redis (cached_db) and kept in the database, which answers alone.
    assert editor_client.get("/admin/").status_code == 200
    assert editor_client.get("/admin/organs/organ/").status_code == 200


@pytest.fixture
def redis_up(monkeypatch, request):
    """The machine's Redis, under a key prefix of this test's own."""
    import redis

    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/0", socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("No Redis at 127.0.0.1:6379.")
    monkeypatch.setattr(forgiving, "HEALTH", forgiving._Health())
    backend = {
        "BACKEND": "osce_kb.cache.ForgivingRedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
        "KEY_PREFIX": f"kb-test-{free_port()}",
        "TIMEOUT": 60,
    }
    with override_settings(CACHES={"default": backend}):
        yield
        # Only this test's key: clear() would empty the machine's whole Redis database.
        cache.delete("answer")


def test_a_redis_that_answers_is_used_as_the_cache(redis_up):
    cache.set("answer", 42)
    assert cache.get("answer") == 42


def test_a_redis_that_answers_again_is_used_again_and_the_log_says_so_once(redis_up, caplog):
    forgiving.HEALTH.down = True
    with caplog.at_level(logging.WARNING, logger="osce_kb.cache"):
        cache.set("answer", 42)
        assert cache.get("answer") == 42
    (record,) = caplog.records
    assert "answers again" in record.getMessage()
