"""The place rule, in one place: who gets a place, who waits, who is moved up.

- A session takes bookings when it has places (pages.EventSession.places); booking closes at
  `booking_closes`, or when the session starts.
- A booking asks for 1 to `max_per_booking` places. It is confirmed if that many places are left.
  If none are left it joins the waiting list, when the session has one; otherwise it is refused.
  If some are left but fewer than asked, it is refused with how many are left, so the person can
  ask for fewer (or, once none are left, join the waiting list).
- A cancellation, or a change to fewer places, frees places; people on the waiting list are moved
  up in the order they joined, each one whose places fit in what is free (someone waiting for 2
  does not hold up someone behind them waiting for 1). Each person moved up is emailed. Nobody is
  moved up once the session has started.

Every change locks the session's row first (SELECT … FOR UPDATE), so bookings and cancellations
of one session happen one at a time and the count of confirmed places never passes the places.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from events import emails
from events.models import Booking, BookingStatus
from pages.models import EventSession


class BookingRefused(Exception):
    """A booking that cannot be made; `message` says why, in words for the person booking."""

    code = "refused"
    message = "This session cannot be booked."

    def __init__(self, message=None):
        super().__init__(message or self.message)
        if message:
            self.message = message


class NotBookable(BookingRefused):
    code = "not_bookable"
    message = "This session does not take bookings."


class BookingClosed(BookingRefused):
    code = "closed"
    message = "Booking has closed for this session."


class TooManyForOneBooking(BookingRefused):
    code = "too_many"

    def __init__(self, most):
        self.most = most
        noun = "place" if most == 1 else "places"
        super().__init__(f"You can book up to {most} {noun} at a time.")


class NotEnoughPlaces(BookingRefused):
    code = "not_enough"

    def __init__(self, left):
        self.left = left
        if left == 1:
            message = "Only 1 place is left. Book 1 place, or fewer people."
        else:
            message = f"Only {left} places are left. Book {left} places or fewer."
        super().__init__(message)


class FullyBooked(BookingRefused):
    code = "full"
    message = "This session is fully booked."


class InvalidPlaces(BookingRefused):
    code = "invalid_places"
    message = "Enter how many places you need, 1 or more."


@dataclass(frozen=True)
class Counts:
    """What a session's bookings add up to; `attended` is None until attendance is marked."""

    places: int
    confirmed_bookings: int
    confirmed_places: int
    waiting_bookings: int
    waiting_places: int
    cancelled_bookings: int
    attended: int | None

    @property
    def places_left(self):
        return max(0, self.places - self.confirmed_places)


def counts(session):
    """The session's counts, in one query."""
    confirmed, waiting = Q(status=BookingStatus.CONFIRMED), Q(status=BookingStatus.WAITING)
    totals = Booking.objects.filter(session_id=session.pk).aggregate(
        confirmed_bookings=Count("pk", filter=confirmed),
        confirmed_places=Sum("places", filter=confirmed),
        waiting_bookings=Count("pk", filter=waiting),
        waiting_places=Sum("places", filter=waiting),
        cancelled_bookings=Count("pk", filter=Q(status=BookingStatus.CANCELLED)),
        marked=Count("pk", filter=Q(attended__isnull=False)),
        attended=Sum("attended_places", filter=Q(attended=True)),
    )
    marked = totals.pop("marked")
    values = {name: value or 0 for name, value in totals.items()}
    values["attended"] = values["attended"] if marked else None
    return Counts(places=session.places or 0, **values)


def places_left_of(sessions):
    """{session pk: places still free} for several sessions, in one query."""
    sessions = list(sessions)
    taken = dict(
        Booking.objects.filter(session__in=[s.pk for s in sessions], status=BookingStatus.CONFIRMED)
        .values("session")
        .annotate(total=Sum("places"))
        .values_list("session", "total")
    )
    return {
        session.pk: max(0, session.places - (taken.get(session.pk) or 0)) if session.takes_bookings else 0
        for session in sessions
    }


def places_left(session):
    """How many places are still free (0 for a session that takes no bookings)."""
    return places_left_of([session])[session.pk]


def lock(session):
    """The session, re-read with its row locked until the transaction ends."""
    return EventSession.objects.select_for_update().get(pk=session.pk)


def _check_places(session, places):
    if not isinstance(places, int) or places < 1:
        raise InvalidPlaces()
    if places > session.max_per_booking:
        raise TooManyForOneBooking(session.max_per_booking)


def book(
    session, *, name, email="", phone="", places=1, access_needs=(), access_other="", consent_version=""
):
    """Book `places` places on `session` for one person: a confirmed or waiting Booking, or BookingRefused.

    The confirmation (email, else text) is queued in the same transaction.
    """
    with transaction.atomic():
        session = lock(session)
        now = timezone.now()
        if not session.takes_bookings:
            raise NotBookable()
        if not session.booking_open(now):
            raise BookingClosed()
        _check_places(session, places)
        left = places_left(session)
        if places <= left:
            status = BookingStatus.CONFIRMED
        elif left == 0 and session.waiting_list:
            status = BookingStatus.WAITING
        elif left == 0:
            raise FullyBooked()
        else:
            raise NotEnoughPlaces(left)
        booking = Booking.objects.create(
            session=session,
            name=name,
            email=email,
            phone=phone,
            places=places,
            status=status,
            created_at=now,
            access_needs=list(access_needs),
            access_other=access_other,
            consent_version=consent_version,
        )
        emails.booked(booking)
    return booking


def promote(session, now=None):
    """Move up, in the order they joined, everyone waiting whose places fit in what is free.

    The caller holds the session's lock. Returns the bookings moved up (each emailed).
    """
    now = now or timezone.now()
    if now >= session.starts:
        return []
    left = places_left(session)
    promoted = []
    waiting = Booking.objects.filter(session_id=session.pk, status=BookingStatus.WAITING).order_by(
        "created_at", "pk"
    )
    for booking in waiting:
        if left <= 0:
            break
        if booking.places <= left:
            booking.status = BookingStatus.CONFIRMED
            booking.promoted_at = now
            booking.save(update_fields=["status", "promoted_at"])
            left -= booking.places
            promoted.append(booking)
            emails.promoted(booking)
    return promoted


def cancel(booking):
    """Cancel `booking` (again is harmless) and move up whoever now fits; returns those moved up."""
    with transaction.atomic():
        session = lock(booking.session)
        current = Booking.objects.select_for_update().get(pk=booking.pk)
        if current.status == BookingStatus.CANCELLED:
            return []
        now = timezone.now()
        was_confirmed = current.status == BookingStatus.CONFIRMED
        current.status = BookingStatus.CANCELLED
        current.cancelled_at = now
        current.save(update_fields=["status", "cancelled_at"])
        booking.status, booking.cancelled_at = current.status, current.cancelled_at
        return promote(session, now) if was_confirmed else []


def change(booking, *, places, access_needs=None, access_other=None):
    """Change how many places a booking holds (and its access needs), by the same rule as booking.

    More places for a confirmed booking need that many more to be free; otherwise NotEnoughPlaces
    is raised and nothing changes. A waiting booking keeps its turn and is moved up if it now fits.
    Fewer places free some, and whoever fits is moved up. Returns the bookings moved up.
    """
    with transaction.atomic():
        session = lock(booking.session)
        current = Booking.objects.select_for_update().get(pk=booking.pk)
        now = timezone.now()
        if current.status == BookingStatus.CANCELLED:
            raise BookingRefused("This booking has been cancelled.")
        if now >= session.starts:
            raise BookingClosed("This session has started, so the booking can no longer be changed.")
        _check_places(session, places)
        if current.status == BookingStatus.CONFIRMED and places > current.places:
            extra_free = places_left(session)
            if places - current.places > extra_free:
                raise NotEnoughPlaces(current.places + extra_free)
        fields = ["places", "changed_at"]
        current.places, current.changed_at = places, now
        if access_needs is not None:
            current.access_needs = list(access_needs)
            fields.append("access_needs")
        if access_other is not None:
            current.access_other = access_other
            fields.append("access_other")
        current.save(update_fields=fields)
        for name in fields:
            setattr(booking, name, getattr(current, name))
        promoted = promote(session, now)
        if current.pk in {item.pk for item in promoted}:
            booking.status, booking.promoted_at = BookingStatus.CONFIRMED, now
        return promoted
