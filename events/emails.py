"""What a booking sends the person who made it: confirmation, a place from the waiting list, a reminder.

Each goes through the outbox (docs/messaging.md), by email when the booking has an address, else by
text message to its phone, with a dedupe key per booking and kind so it is sent once. The joining
link of an online session is in these messages only, and only for a confirmed place.
"""

from events.links import manage_url
from involvement.notices import route  # email if there is an address, else a text message
from messaging import outbox
from messaging.models import Channel
from pages.calendars import new_calendar, session_event
from pages.models import OrganisationSettings

PURPOSE = "booking"


def context_for(booking, request=None):
    session = booking.session
    page = session.page
    confirmed = booking.status == "confirmed"
    return {
        "name": booking.name,
        "reference": booking.reference,
        "places": booking.places,
        "status": booking.status,
        "confirmed": confirmed,
        "event": {
            "title": page.title,
            "when": session.when,
            "place": session.place,
            "online": session.online,
            "url": page.get_full_url(request),
            "contact_email": page.contact_email,
            "contact_phone": page.contact_phone,
        },
        "joining_link": session.joining_link if (confirmed and session.online) else "",
        "access_needs": booking.access_need_labels,
        "access_other": booking.access_other,
        "manage_url": manage_url(booking, request),
    }


def calendar_file(booking, request=None):
    """The .ics for a confirmed place: the session as one event, with the joining link if online."""
    session = booking.session
    page = session.page
    site = page.get_site()
    org = OrganisationSettings.for_site(site)
    calendar = new_calendar(org, page.title)
    event = session_event(
        session,
        site.hostname if site else "localhost",
        url=page.get_full_url(request),
        joining_link=session.joining_link if session.online else "",
        extra=f"Booking reference: {booking.reference}",
    )
    calendar.add_component(event)
    return outbox.attachment(f"{page.slug}.ics", calendar.to_ical().decode(), "text/calendar")


def _send(booking, kind, request=None, *, key=None):
    reach = route(booking)
    if reach is None:
        return None
    channel, address = reach
    folder = "sms" if channel == Channel.SMS else "email"
    confirmed = booking.status == "confirmed"
    attachments = [calendar_file(booking, request)] if confirmed and kind != "cancelled" else []
    return outbox.send(
        to=address,
        channel=channel,
        template=f"events/{folder}/{kind}",
        context=context_for(booking, request),
        purpose=PURPOSE,
        dedupe_key=key or f"booking:{booking.pk}:{kind}",
        subject_ref=f"booking:{booking.pk}",
        attachments=attachments,
    )


def booked(booking, request=None):
    """The confirmation of a new booking, or of a place on the waiting list."""
    return _send(booking, "booked", request)


def promoted(booking, request=None):
    """A place for someone who was on the waiting list."""
    return _send(booking, "promoted", request)


def changed(booking, request=None):
    """The booking as it now stands, after a change, with a fresh link."""
    key = f"booking:{booking.pk}:changed:{booking.changed_at.isoformat() if booking.changed_at else ''}"
    return _send(booking, "changed", request, key=key)


def cancelled(booking, request=None):
    return _send(booking, "cancelled", request)


def reminder(booking):
    """The day-before reminder, once per booking."""
    return _send(booking, "reminder")
