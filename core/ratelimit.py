"""Counting requests per visitor in Django's cache, atomically: `cache.add` then `cache.incr`.

Twenty requests arriving at once against a limit of five get exactly five slots: each `take()`
increments the counter first and only then compares, so no two requests can both read "four".
The counter's key holds a keyed hash of who is counted (core.hashing.keyed_hash), never the
address or email itself. With several processes the cache must be shared (REDIS_URL).

With Redis unreachable the limit fails open: the request is let through and a warning is logged
(core/cache_backends.py). Refusing everyone's form while Redis restarts would do more harm than a
few seconds without a limit; the sign-in lockout is in the database and keeps counting.
"""

import logging

from django.core.cache import cache

from core.cache_backends import CacheUnavailable
from core.hashing import keyed_hash

logger = logging.getLogger("core.ratelimit")


class RateLimit:
    """At most `limit` counted events per `window` seconds for one `identity` in one `scope`.

    A limit of 0 or less means no limit.
    """

    def __init__(self, scope, identity, limit, window):
        self.limit, self.window = int(limit), int(window)
        self.key = f"ratelimit:{scope}:{keyed_hash(f'ratelimit.{scope}', identity)[:40]}"

    @property
    def unlimited(self):
        return self.limit <= 0

    def count(self):
        return cache.get(self.key) or 0

    def exceeded(self):
        """True when no slot is left (without using one)."""
        return not self.unlimited and self.count() >= self.limit

    def hit(self):
        """Count one event, whatever the limit; returns the new count (0 if it cannot be counted)."""
        try:
            return self._hit()
        except CacheUnavailable:
            logger.warning("Rate limit not applied: the cache is unreachable")
            return 0

    def _hit(self):
        cache.add(self.key, 0, self.window)
        try:
            count = cache.incr(self.key)
        except ValueError:  # expired between add() and incr()
            cache.add(self.key, 0, self.window)
            count = cache.incr(self.key)
        if count == 1:
            # The counter is new: make sure it expires (Redis' INCR of a key that has just expired
            # creates it without a timeout).
            cache.touch(self.key, self.window)
        return count

    def take(self):
        """Use a slot: True if one was left, False (and nothing used) if the limit is reached."""
        if self.unlimited:
            return True
        if self.hit() <= self.limit:
            return True
        self.release()
        return False

    def release(self):
        """Give back a slot taken for something that then did not happen."""
        try:
            cache.decr(self.key)
        except (ValueError, CacheUnavailable):  # expired meanwhile, or unreachable: nothing to give back
            pass
