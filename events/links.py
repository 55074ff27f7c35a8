"""The emailed link to change or cancel a booking: signed, single use, and dead once the session starts.

Its subject names the booking and a fingerprint of its state (status, places, last change), so a
link from an older email stops working once the booking has changed; each change or cancellation
sends a fresh link. The token is consumed when a change or cancellation is made, so a link works
once.
"""

import hashlib

from django.utils import timezone

from messaging import links

PURPOSE = "event-booking"

LinkError, LinkInvalid = links.LinkError, links.LinkInvalid
link_problem = links.link_problem


def _state(booking):
    changed = booking.changed_at.isoformat() if booking.changed_at else ""
    raw = f"{booking.pk}:{booking.reference}:{booking.status}:{booking.places}:{changed}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def subject_of(booking):
    return f"booking:{booking.pk}:{_state(booking)}"


def manage_token(booking):
    """A token that lets its holder change or cancel `booking` once, until the session starts."""
    seconds = (booking.session.starts - timezone.now()).total_seconds()
    return links.make_token(PURPOSE, subject_of(booking), max_age=max(0, int(seconds)), single_use=True)


def manage_url(booking, request=None):
    page = booking.session.page
    return f"{page.get_full_url(request)}book/manage/?t={manage_token(booking)}"


def read(token, *, consume=False):
    """(booking pk, state) from a token; raises LinkInvalid, LinkExpired or LinkUsed."""
    subject = links.read_token(token, PURPOSE, consume=consume)
    kind, _, rest = str(subject).partition(":")
    number, _, state = rest.partition(":")
    if kind != "booking" or not number.isdigit() or not state:
        raise LinkInvalid()
    return int(number), state


def matches(booking, state):
    """Whether a token's state is this booking's current one (an older link no longer works)."""
    return _state(booking) == state
