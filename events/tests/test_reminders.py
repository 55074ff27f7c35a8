"""The day-before reminder: confirmed places at tomorrow's sessions, once each, through the outbox."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from events.models import BookingStatus
from events.tests.factories import BookingFactory, EventSessionFactory, in_days
from messaging.models import Message

pytestmark = pytest.mark.django_db


def test_tomorrows_confirmed_bookings_are_reminded_once(event):
    tomorrow = EventSessionFactory(
        page=event,
        starts=in_days(1, hour=18),
        online=True,
        location="",
        joining_link="https://meet.example/j/9",
    )
    later = EventSessionFactory(page=event, starts=in_days(2))
    confirmed = BookingFactory(session=tomorrow, email="yes@example.org")
    BookingFactory(session=tomorrow, email="waiting@example.org", status=BookingStatus.WAITING)
    BookingFactory(session=tomorrow, email="gone@example.org", status=BookingStatus.CANCELLED)
    BookingFactory(session=later, email="later@example.org")

    call_command("send_booking_reminders", stdout=io.StringIO())
    call_command("send_booking_reminders", stdout=io.StringIO())

    assert [m.to for m in mail.outbox] == [["yes@example.org"]]
    [message] = mail.outbox
    assert "tomorrow" in message.subject and "https://meet.example/j/9" in message.body
    assert Message.objects.get(subject_ref=f"booking:{confirmed.pk}").dedupe_key.endswith(":reminder")
