"""The day-before reminder: every confirmed booking of a session that starts tomorrow (UK days), once.

`manage.py send_booking_reminders` runs it from cron each morning (docs/events.md); the messages go
through the outbox and the queue like every other. Each booking's reminder has its own dedupe key,
so running the command again, or twice in a day, sends nobody a second one.
"""

import datetime

from django.utils import timezone

from core.dates import day_bounds, start_of_day
from events import emails
from events.models import Booking, BookingStatus


def due(now=None):
    """Confirmed bookings, not erased, of sessions starting tomorrow in London."""
    today, _start, _end = day_bounds(now)
    tomorrow = today + datetime.timedelta(days=1)
    starts, ends = start_of_day(tomorrow), start_of_day(tomorrow + datetime.timedelta(days=1))
    return (
        Booking.objects.filter(
            status=BookingStatus.CONFIRMED,
            erased_at__isnull=True,
            session__starts__gte=starts,
            session__starts__lt=ends,
        )
        .select_related("session", "session__page")
        .order_by("pk")
    )


def send_reminders(now=None):
    """Queue tomorrow's reminders; returns how many bookings were reminded (now or before)."""
    now = now or timezone.now()
    count = 0
    for booking in due(now):
        if emails.reminder(booking) is not None:
            count += 1
    return count
