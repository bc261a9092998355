"""A Redis cache that a Redis outage cannot take the site down with.

Django's RedisCache raises on every call while Redis is unreachable. Everything here uses the cache
as an optimisation (the API throttle counts, cached sessions, page fragments), so an outage should
cost speed, not availability: each call that fails behaves as a miss (reads return the default,
writes do nothing), the failure is logged at most once per `LOG_INTERVAL` seconds, and for
`RETRY_AFTER` seconds after a failure Redis is not even tried, so a host that times out does not
add its timeout to every request.

`gmg.settings` uses this backend for every redis:// / rediss:// / unix:// CACHE_URL or REDIS_URL.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _miss(fallback):
    """Run the RedisCache method; on a Redis error (or while Redis is known down) return `fallback(*args)`."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self._down_until > time.monotonic():
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except RedisError as exc:
                self._failed(exc)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _empty(*args, **kwargs):
    return {}


def _all_failed(data, *args, **kwargs):
    # set_many returns the keys it could not store.
    return list(data)


def _missing_key(key, *args, **kwargs):
    # incr/decr on a key the cache does not hold raise ValueError; an unreachable cache holds nothing.
    raise ValueError(f"Key {key!r} not found (cache unavailable).")


class ResilientRedisCache(RedisCache):
    RETRY_AFTER = 5.0  # seconds Redis is skipped after a failure
    LOG_INTERVAL = 60.0  # seconds between two warnings about the same outage

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0
        self._last_logged = float("-inf")

    def _failed(self, exc):
        now = time.monotonic()
        self._down_until = now + self.RETRY_AFTER
        if now - self._last_logged >= self.LOG_INTERVAL:
            self._last_logged = now
            logger.warning("Cache unavailable, serving without it: %s: %s", type(exc).__name__, exc)

    add = _miss(_false)(RedisCache.add)
    get = _miss(_default)(RedisCache.get)
    set = _miss(_nothing)(RedisCache.set)
    touch = _miss(_false)(RedisCache.touch)
    delete = _miss(_false)(RedisCache.delete)
    get_many = _miss(_empty)(RedisCache.get_many)
    has_key = _miss(_false)(RedisCache.has_key)
    incr = _miss(_missing_key)(RedisCache.incr)
    set_many = _miss(_all_failed)(RedisCache.set_many)
    delete_many = _miss(_nothing)(RedisCache.delete_many)
    clear = _miss(_false)(RedisCache.clear)
