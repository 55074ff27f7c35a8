"""Spam protection for the public forms, without third-party services: a honeypot and a rate limit."""

from django.conf import settings

from core.addresses import client_ip
from core.ratelimit import RateLimit
from pages.forms import HONEYPOT_FIELD, HONEYPOT_MESSAGE, honeypot_filled

__all__ = ["HONEYPOT_FIELD", "HONEYPOT_MESSAGE", "RATE_LIMIT_MESSAGE", "RateLimiter", "honeypot_filled"]
RATE_LIMIT_MESSAGE = (
    "You have sent this form several times in a short time. To protect this service from "
    "automated messages we cannot accept any more from your connection for now. "
    "Please try again in an hour, or contact us by phone or email instead."
)

# A count alone in settings.INVOLVEMENT_RATE_LIMIT is per hour.
RATE_LIMIT_WINDOW = 60 * 60


def rate_limit():
    """(submissions, seconds) from settings.INVOLVEMENT_RATE_LIMIT: a count per hour or a pair."""
    value = settings.INVOLVEMENT_RATE_LIMIT
    if isinstance(value, int):
        return value, RATE_LIMIT_WINDOW
    count, seconds = value
    return int(count), int(seconds)


class RateLimiter:
    """Counts accepted submissions of one form from one address (core.ratelimit, atomic and keyed)."""

    def __init__(self, request, scope):
        limit, window = rate_limit()
        self.counter = RateLimit(f"involvement.{scope}", client_ip(request), limit, window)

    def exceeded(self):
        return self.counter.exceeded()

    def take(self):
        """Reserve a slot for a submission about to be stored; False when none is left."""
        return self.counter.take()

    def release(self):
        """Give the slot back: the submission could not be stored after all."""
        self.counter.release()

    def hit(self):
        """Count a refused robot's post, whatever the limit."""
        self.counter.hit()
