"""Event bookings in the subject access export and in erasure, by email address.

involvement/personal_data.py calls `export` and `erase` for every app whose AppConfig has a
`personal_data` module (events/apps.py), for `manage.py export_personal_data` and
`erase_personal_data`. A booking made with only a phone number cannot be found by an email address;
staff find it from the session's bookings instead.

Erasure blanks what identifies the person (name, email address, phone number, access needs and
their own words about them) and keeps the booking's session, places, status, dates and attendance,
so the counts stay true. Messages about the booking lose their address and text in the outbox
(messaging.outbox.forget); messages to the address itself are blanked by the outbox's own holder
(messaging/personal_data.py). Each export and erasure is in the audit log against the event, as
"Booking 12", never the address.
"""

from django.db import transaction
from django.utils import timezone

from events.models import Booking
from events.staff_access import audit
from messaging import outbox

KEY = "event_bookings"

# What erasure and the retention job write over a booking (events/retention.py).
BLANK = {"name": "", "email": "", "phone": "", "access_needs": [], "access_other": ""}


def subject_ref(booking):
    """How the outbox names the person a booking's messages went to (events/emails.py)."""
    return f"booking:{booking.pk}"


def bookings_for(email):
    address = (email or "").strip()
    if not address:
        return Booking.objects.none()
    return Booking.objects.filter(email__iexact=address).select_related("session__page")


def _when(value):
    return timezone.localtime(value).isoformat() if value else None


def record(booking):
    """One booking in plain words: the event, the session, what they told us and what happened."""
    session = booking.session
    return {
        "reference": booking.reference,
        "event": session.page.title,
        "session": session.when,
        "place": session.place,
        "name": booking.name,
        "email": booking.email,
        "phone": booking.phone,
        "places": booking.places,
        "status": booking.get_status_display(),
        "booked_at": _when(booking.created_at),
        "offered_a_place_from_the_waiting_list_at": _when(booking.promoted_at),
        "cancelled_at": _when(booking.cancelled_at),
        "access_needs": booking.access_need_labels,
        "access_needs_in_their_words": booking.access_other,
        "privacy_notice": booking.consent_version,
        "attended": booking.attended,
        "places_that_came": booking.attended_places,
    }


def _audit(bookings, action, user, **data):
    """One entry per event in its history: how many of its bookings, not whose."""
    by_page = {}
    for booking in bookings:
        by_page.setdefault(booking.session.page_id, (booking.session.page, []))[1].append(booking.pk)
    for page, pks in by_page.values():
        audit(page, action, user=user, bookings=[f"Booking {pk}" for pk in pks], **data)


def export(email, user=None):
    """Every booking made with `email`; each export is in its event's history."""
    bookings = list(bookings_for(email).order_by("created_at", "pk"))
    _audit(bookings, "events.subject_access", user)
    return [record(booking) for booking in bookings]


def blank(bookings, **stamp):
    """Blank the personal fields of `bookings` (a queryset) and their outbox rows; returns how many."""
    bookings = list(bookings.select_related("session__page"))
    with transaction.atomic():
        for booking in bookings:
            outbox.forget(subject_ref=subject_ref(booking))
        Booking.objects.filter(pk__in=[b.pk for b in bookings]).update(**BLANK, **stamp)
    return bookings


def erase(email, user=None):
    """Erase every booking made with `email`; returns their references ("Booking 12")."""
    if not (email or "").strip():
        return []
    with transaction.atomic():
        erased = blank(bookings_for(email).order_by("pk"), erased_at=timezone.now())
        _audit(erased, "events.erase", user, reason="request")
    return [f"Booking {booking.pk}" for booking in erased]


def holds(email):
    """Whether anything is held about `email` here (the erase command's "nothing to erase")."""
    return bookings_for(email).exists()
