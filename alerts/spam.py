"""The subscribe form's protection from robots: the honeypot and a rate limit per connection.

The same approach as the register's forms: the honeypot of pages/forms.py, core's rate limit.
"""

from core.addresses import client_ip
from core.ratelimit import RateLimit
from pages.forms import HONEYPOT_MESSAGE, honeypot_filled

__all__ = ["HONEYPOT_MESSAGE", "RATE_LIMIT_MESSAGE", "honeypot_filled", "limiter"]
RATE_LIMIT_MESSAGE = (
    "You have asked for alerts several times in a short time. To protect this service from "
    "automated requests we cannot accept any more from your connection for now. "
    "Please try again in an hour."
)

# Subscription requests accepted per connection per hour.
LIMIT, WINDOW = 10, 60 * 60


def limiter(request):
    return RateLimit("alerts.subscribe", client_ip(request), LIMIT, WINDOW)
