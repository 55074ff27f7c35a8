"""A message from staff to everyone booked on a session: a change of room, a cancellation.

It goes through the outbox (docs/messaging.md), to each booking the way its confirmation went
(email, else a text message: events/emails.py `route`), with the session's details, the booking's
reference and a fresh link to change or cancel. Each message has an id, made when staff first
preview it; the dedupe key is that id and the booking, so sending the same message again (a double
click, a reload of the confirm step) queues nothing more. Bookings without an email address or a
phone (erased, or removed by the retention job) are counted as unreachable and left out.
"""

from dataclasses import dataclass, field

from events.emails import context_for, route
from events.models import Booking
from messaging import outbox
from messaging.models import Channel, Message

PURPOSE = "event_message"


@dataclass
class Plan:
    """Who a message would reach: the bookings, how many by each channel, and who cannot be reached."""

    reachable: list = field(default_factory=list)
    by_email: int = 0
    by_text: int = 0
    unreachable: int = 0

    @property
    def total(self):
        return len(self.reachable)


def plan(session, statuses):
    result = Plan()
    for booking in Booking.objects.filter(session=session, status__in=statuses).order_by("created_at", "pk"):
        reach = route(booking)
        if reach is None:
            result.unreachable += 1
            continue
        result.reachable.append((booking, *reach))
        if reach[0] == Channel.SMS:
            result.by_text += 1
        else:
            result.by_email += 1
    return result


def dedupe_key(message_id, booking):
    return f"event-message:{message_id}:booking:{booking.pk}"


def send(session, statuses, *, subject, text, message_id, request=None):
    """Queue the message to every reachable booking; returns (plan, how many were newly queued)."""
    planned = plan(session, statuses)
    keys = [dedupe_key(message_id, booking) for booking, _channel, _to in planned.reachable]
    already = Message.objects.filter(dedupe_key__in=keys).count()
    recipients = [
        outbox.Recipient(
            to=to,
            name=booking.name,
            channel=channel,
            context={
                **context_for(booking, request),
                "subject": subject,
                "text": text,
            },
            dedupe_key=dedupe_key(message_id, booking),
            subject_ref=f"booking:{booking.pk}",
        )
        for booking, channel, to in planned.reachable
    ]
    for kind, chosen in (("email", Channel.EMAIL), ("sms", Channel.SMS)):
        batch = [r for r in recipients if r.channel == chosen]
        if batch:
            outbox.send_many(batch, template=f"events/admin/message/{kind}", context={}, purpose=PURPOSE)
    return planned, len(keys) - already
