"""The Redis cache, forgiving: a Redis that is down or unreachable makes the site run uncached, not fail.

Every call that cannot reach Redis answers as an empty cache would (a miss, nothing stored), the log says so
once when Redis goes away and once when it comes back (never once per request), and for RETRY_SECONDS
after a failure no call waits for Redis at all, so a Redis that times out cannot slow every request down.
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
_UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class _Health:
    """Whether Redis answered last time, shared by the threads of a process (each has its own cache object)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down = False
        self.retry_at = 0.0

    def skip(self):
        return self.down and time.monotonic() < self.retry_at

    def failed(self, location, exc):
        with self.lock:
            self.retry_at = time.monotonic() + RETRY_SECONDS
            if self.down:
                return
            self.down = True
        logger.warning(
            "Redis at %s cannot be reached (%s); the site runs without its cache until it returns.", location, exc
        )

    def answered(self, location):
        if not self.down:
            return
        with self.lock:
            if not self.down:
                return
            self.down = False
        logger.warning("Redis at %s answers again; the cache is back in use.", location)


HEALTH = _Health()


def _forgiving(name, fallback):
    def method(self, *args, **kwargs):
        if HEALTH.skip():
            return fallback(*args, **kwargs)
        try:
            result = getattr(super(ForgivingRedisCache, self), name)(*args, **kwargs)
        except _UNREACHABLE as exc:
            HEALTH.failed(self._servers[0], exc)
            return fallback(*args, **kwargs)
        HEALTH.answered(self._servers[0])
        return result

    method.__name__ = name
    return method


def _default(key, default=None, *args, **kwargs):
    return default


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _no_keys(keys, *args, **kwargs):
    return {}


def _all_failed(data, *args, **kwargs):
    return list(data)


def _incr(key, delta=1, version=None):
    raise ValueError(f"Key '{key}' not found (the cache is unreachable).")


class ForgivingRedisCache(RedisCache):
    get = _forgiving("get", _default)
    set = _forgiving("set", _nothing)
    add = _forgiving("add", _false)
    touch = _forgiving("touch", _false)
    delete = _forgiving("delete", _false)
    has_key = _forgiving("has_key", _false)
    get_many = _forgiving("get_many", _no_keys)
    set_many = _forgiving("set_many", _all_failed)
    delete_many = _forgiving("delete_many", _nothing)
    incr = _forgiving("incr", _incr)
    clear = _forgiving("clear", _false)
