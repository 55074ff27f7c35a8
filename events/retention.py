"""Bookings are kept only as long as they are needed: names, contact details and access needs go
`EVENT_BOOKING_RETENTION_DAYS` (default 90) days after the session ended.

Run daily by `manage.py remove_old_bookings` (docs/operations.md). What is removed is what erasure
removes (events/personal_data.py: BLANK), and the outbox forgets the booking's messages; the
booking keeps its session, places, status, dates and attendance, so the sessions' counts, the
outcome's "people who took part" and the annual report stay true.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from events.models import Booking
from events.personal_data import blank


def retention_days():
    return settings.EVENT_BOOKING_RETENTION_DAYS


def cutoff(now=None, days=None):
    """Sessions that ended before this moment have had their time."""
    days = retention_days() if days is None else days
    return (now or timezone.now()) - datetime.timedelta(days=days)


def due(now=None, days=None):
    """Bookings whose session ended before the cutoff, not yet removed or erased."""
    return Booking.objects.filter(
        session__ends__lt=cutoff(now, days),
        redacted_at__isnull=True,
        erased_at__isnull=True,
    )


def remove_old_bookings(now=None, days=None):
    """Blank every booking that is due; returns how many."""
    return len(blank(due(now, days), redacted_at=now or timezone.now()))
