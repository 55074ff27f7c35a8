"""The subscribe form's protection from robots: the honeypot and a rate limit per connection.

The same approach as the register's forms, built from core's pieces (core/ratelimit.py).
"""

from core.addresses import client_ip
from core.ratelimit import RateLimit

HONEYPOT_MESSAGE = (
    "We could not accept this form. If you filled in the box labelled 'Leave this field empty', "
    "clear it and send the form again."
)
RATE_LIMIT_MESSAGE = (
    "You have asked for alerts several times in a short time. To protect this service from "
    "automated requests we cannot accept any more from your connection for now. "
    "Please try again in an hour."
)

# Subscription requests accepted per connection per hour.
LIMIT, WINDOW = 10, 60 * 60


def limiter(request):
    return RateLimit("alerts.subscribe", client_ip(request), LIMIT, WINDOW)


def honeypot_filled(data, field):
    return bool((data.get(field) or "").strip())
