"""Django's Redis cache, made to survive Redis being down (docs/deployment.md, "When Redis is down").

The site treats its cache as an optimisation, never as the record: with Redis unreachable (a
restart, a failover, a network blip) a read is a miss, a write stores nothing, and the request goes
on as if the cache were empty. Only counting cannot pretend: `incr` (and so `decr`) raises
CacheUnavailable, and the rate limit (core/ratelimit.py) decides what that means for it.

A warning is logged at most once every WARN_EVERY_SECONDS per process, so an outage does not flood
the log. Each call gives up after the short socket timeouts in site/settings/caches.py.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("core.cache")

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
WARN_EVERY_SECONDS = 10


class CacheUnavailable(Exception):
    """The shared cache cannot be reached, so a counter cannot be read or changed."""


class ResilientRedisCache(RedisCache):
    _last_warning = 0.0

    def _unreachable(self, operation, error):
        now = time.monotonic()
        if now - ResilientRedisCache._last_warning >= WARN_EVERY_SECONDS:
            ResilientRedisCache._last_warning = now
            logger.warning("Redis unreachable (%s): carrying on without the cache", operation)
        logger.debug("Redis unreachable: %s", error)

    def _quietly(self, operation, fallback, call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except UNREACHABLE as error:
            self._unreachable(operation, error)
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._quietly("add", False, super().add, key, value, timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._quietly("get", default, super().get, key, default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._quietly("set", None, super().set, key, value, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._quietly("touch", False, super().touch, key, timeout, version=version)

    def delete(self, key, version=None):
        return self._quietly("delete", False, super().delete, key, version=version)

    def get_many(self, keys, version=None):
        return self._quietly("get_many", {}, super().get_many, keys, version=version)

    def has_key(self, key, version=None):
        return self._quietly("has_key", False, super().has_key, key, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._quietly("set_many", list(data), super().set_many, data, timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._quietly("delete_many", None, super().delete_many, keys, version=version)

    def clear(self):
        return self._quietly("clear", False, super().clear)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version=version)
        except UNREACHABLE as error:
            self._unreachable("incr", error)
            raise CacheUnavailable(str(error)) from error
