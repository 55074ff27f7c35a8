"""What an opportunity's page says about its sessions: places left, full, closed, and "Book a place".

Registered as the opportunity's "actions" panel (pages/extensions.py) from EventsConfig.ready().
What it shows is part of the anonymous page cache: a booking's `cached_page()` makes the page stale
whenever one is made, changed or cancelled. It says how many places are left and nothing about
who booked, and never the joining link.
"""

from dataclasses import dataclass

from django.utils import timezone

from events.allocation import places_left_of


@dataclass(frozen=True)
class SessionState:
    """One session as the public sees it."""

    session: object
    left: int
    closed: bool

    @property
    def waiting(self):
        """Full, open, with a waiting list to join."""
        return not self.closed and self.left == 0 and self.session.waiting_list

    @property
    def full(self):
        return self.left == 0

    @property
    def can_book(self):
        return not self.closed and (self.left > 0 or self.session.waiting_list)

    @property
    def sentence(self):
        if self.closed:
            return "Booking has closed"
        if self.left == 0:
            return "Fully booked: join the waiting list" if self.session.waiting_list else "Fully booked"
        return "1 place left" if self.left == 1 else f"{self.left} places left"


def session_states(page, now=None):
    """A SessionState for each of the page's sessions that take bookings, soonest first, in two queries."""
    now = now or timezone.now()
    sessions = [session for session in page.sessions.order_by("starts", "pk") if session.takes_bookings]
    if not sessions:
        return []
    sessions = [session for session in sessions if session.ends > now]
    left = places_left_of(sessions)
    return [SessionState(session, left[session.pk], not session.booking_open(now)) for session in sessions]


def booking_panel(page, request):
    """The panel's context, or None for an opportunity with no sessions to book."""
    states = session_states(page)
    if not states:
        return None
    return {"states": states, "book_url": f"{page.url}book/", "can_book": any(s.can_book for s in states)}
