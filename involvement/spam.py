"""Spam protection for the public forms, without third-party services: a honeypot and a rate limit."""

import hashlib

from django.conf import settings
from django.core.cache import cache

HONEYPOT_FIELD = "website"

HONEYPOT_MESSAGE = (
    "We could not accept this form. If you filled in the box labelled 'Leave this field empty', "
    "clear it and send the form again."
)
RATE_LIMIT_MESSAGE = (
    "You have sent this form several times in a short time. To protect this service from "
    "automated messages we cannot accept any more from your connection for now. "
    "Please try again in an hour, or contact us by phone or email instead."
)

DEFAULT_RATE_LIMIT = (5, 60 * 60)


def honeypot_filled(data):
    """True when the field humans cannot see (and are told to leave empty) has something in it."""
    return bool((data.get(HONEYPOT_FIELD) or "").strip())


def rate_limit():
    """(submissions, seconds) from settings.INVOLVEMENT_RATE_LIMIT: a count per hour or a pair."""
    value = getattr(settings, "INVOLVEMENT_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    if isinstance(value, int):
        return value, DEFAULT_RATE_LIMIT[1]
    count, seconds = value
    return int(count), int(seconds)


def client_ip(request):
    """The visitor's address; behind N trusted proxies, the Nth address from the right of XFF.

    settings.INVOLVEMENT_TRUSTED_PROXIES (default 0) says how many proxies in front of the
    app append to X-Forwarded-For; with none, the header is ignored because anyone can set it.
    """
    proxies = int(getattr(settings, "INVOLVEMENT_TRUSTED_PROXIES", 0))
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


class RateLimiter:
    """Counts accepted submissions of one form from one address in Django's cache."""

    def __init__(self, request, scope):
        self.limit, self.window = rate_limit()
        # Hashed, so the cache never holds visitors' addresses.
        address = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
        self.key = f"involvement:rate:{scope}:{address}"

    def exceeded(self):
        return self.limit > 0 and (cache.get(self.key) or 0) >= self.limit

    def hit(self):
        if cache.add(self.key, 1, self.window):
            return
        try:
            cache.incr(self.key)
        except ValueError:  # expired between add() and incr()
            cache.set(self.key, 1, self.window)
