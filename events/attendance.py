"""Who came: marking attendance, and the one rule for how many people an event's bookings brought.

Staff mark each booking on the day (events/admin_views.py): came or did not come, and how many of
its places came. A booking marked as come without a number counts all its places; one marked as
not come counts none; one not marked is not counted. These numbers are kept when the retention job
or an erasure removes the names (events/retention.py), so the counts stay true.

They go to the "You said, We did" item answering the opportunity ("people who took part",
offered through pages/participation.py) and to the annual report (reporting/figures.py).
"""

import datetime

from django.db import transaction
from django.db.models import Count, F, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce

from core.dates import start_of_day
from events.models import Booking

CAME = Q(attended=True)
# The places that came for one booking: those marked, else all it booked.
PLACES_THAT_CAME = Coalesce(F("attended_places"), F("places"), output_field=IntegerField())


def mark(session, marks, *, user=None):
    """Record attendance for bookings of `session`: {booking pk: (attended, places)}; returns
    how many bookings changed. Bookings of other sessions in `marks` are ignored."""
    changed = 0
    with transaction.atomic():
        bookings = {
            b.pk: b for b in Booking.objects.select_for_update().filter(session=session, pk__in=marks)
        }
        for pk, (attended, places) in marks.items():
            booking = bookings.get(pk)
            if booking is None:
                continue
            if attended is not True:
                places = None if attended is None else 0
            elif places is None:
                places = booking.places
            if (booking.attended, booking.attended_places) != (attended, places):
                booking.attended, booking.attended_places = attended, places
                booking.save(update_fields=["attended", "attended_places"])
                changed += 1
    return changed


def totals(bookings):
    """{people, bookings_marked}: how many people came, and how many bookings were marked at all."""
    result = bookings.order_by().aggregate(
        people=Coalesce(Sum(PLACES_THAT_CAME, filter=CAME), Value(0)),
        marked=Count("pk", filter=Q(attended__isnull=False)),
    )
    return {"people": result["people"], "bookings_marked": result["marked"]}


def people_who_came(opportunity):
    """How many people came to this opportunity's sessions, or None if nobody marked attendance."""
    counted = totals(Booking.objects.filter(session__page=opportunity))
    return counted["people"] if counted["bookings_marked"] else None


def attended_between(first_day, last_day, *, root=None):
    """People who came to sessions starting on `first_day` to `last_day` (London dates), in one
    query: {people, sessions, events}, counting only sessions where attendance was marked."""
    bookings = Booking.objects.filter(
        session__starts__gte=start_of_day(first_day),
        session__starts__lt=start_of_day(last_day + datetime.timedelta(days=1)),
        attended__isnull=False,
    )
    if root is not None:
        bookings = bookings.filter(session__page__path__startswith=root.path)
    return bookings.order_by().aggregate(
        people=Coalesce(Sum(PLACES_THAT_CAME, filter=CAME), Value(0)),
        sessions=Count("session", distinct=True),
        events=Count("session__page", distinct=True),
    )
