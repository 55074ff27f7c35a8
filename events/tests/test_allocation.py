"""The place rule (events/allocation.py): confirmed while places last, then the waiting list, in order."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from events import allocation
from events.models import BookingStatus
from events.tests.factories import EventSessionFactory

pytestmark = pytest.mark.django_db


def book(session, places=1, **kwargs):
    kwargs.setdefault("name", "Sam Patel")
    kwargs.setdefault("email", "sam@example.org")
    return allocation.book(session, places=places, consent_version="v1", **kwargs)


def test_bookings_are_confirmed_while_places_last_then_wait(session):
    session.places = 3
    session.save()
    first = book(session, 2)
    second = book(session, 1)
    third = book(session, 1, email="late@example.org")

    assert [first.status, second.status, third.status] == ["confirmed", "confirmed", "waiting"]
    assert allocation.places_left(session) == 0
    counts = allocation.counts(session)
    assert (counts.confirmed_places, counts.waiting_bookings, counts.places_left) == (3, 1, 0)
    assert len(first.reference) == 9 and first.reference != second.reference


def test_without_a_waiting_list_a_full_session_refuses(session):
    session.places, session.waiting_list = 1, False
    session.save()
    book(session)
    with pytest.raises(allocation.FullyBooked):
        book(session)


def test_more_places_than_are_left_is_refused_saying_how_many(session):
    session.places = 3
    session.save()
    book(session, 2)
    with pytest.raises(allocation.NotEnoughPlaces) as refused:
        book(session, 2)
    assert refused.value.message.startswith("Only 1 place is left")


def test_more_than_one_booking_allows_is_refused(session):
    with pytest.raises(allocation.TooManyForOneBooking) as refused:
        book(session, 3)
    assert refused.value.message == "You can book up to 2 places at a time."


@pytest.mark.parametrize("places", [0, -1, None, "2"])
def test_nonsense_places_are_refused(session, places):
    with pytest.raises(allocation.InvalidPlaces):
        book(session, places)


def test_booking_closes_at_the_stated_time(event):
    now = timezone.now()
    session = EventSessionFactory(
        page=event,
        starts=now + datetime.timedelta(days=1),
        booking_closes=now + datetime.timedelta(seconds=30),
    )
    assert book(session).status == "confirmed"
    session.booking_closes = now
    session.save()
    with pytest.raises(allocation.BookingClosed):
        book(session)


def test_a_cancellation_promotes_the_first_in_line_and_emails_them(session):
    session.places = 2
    session.save()
    confirmed = book(session, 2)
    first = book(session, 2, email="first@example.org")
    second = book(session, 1, email="second@example.org")
    mail.outbox.clear()

    promoted = allocation.cancel(confirmed)

    assert [b.pk for b in promoted] == [first.pk]
    second.refresh_from_db()
    assert second.status == "waiting"
    assert [m.to for m in mail.outbox] == [["first@example.org"]]
    assert "A place has come free" in mail.outbox[0].subject


def test_someone_waiting_for_more_than_is_free_does_not_hold_up_those_behind(session):
    session.places = 2
    session.save()
    leaving, _stays = book(session, 1), book(session, 1)
    wants_two = book(session, 2, email="two@example.org")
    wants_one = book(session, 1, email="one@example.org")

    assert [b.pk for b in allocation.cancel(leaving)] == [wants_one.pk]
    wants_two.refresh_from_db()
    assert wants_two.status == "waiting"


def test_fewer_places_free_some_and_more_need_them_free(session):
    session.places, session.max_per_booking = 3, 3
    session.save()
    booking = book(session, 2)
    other = book(session, 1)
    waiting = book(session, 1, email="w@example.org")
    with pytest.raises(allocation.NotEnoughPlaces):
        allocation.change(booking, places=3)
    booking.refresh_from_db()
    assert booking.places == 2

    assert [b.pk for b in allocation.change(booking, places=1)] == [waiting.pk]
    assert allocation.counts(session).confirmed_places == 3
    other.refresh_from_db()
    assert other.status == "confirmed"


def test_cancelling_twice_changes_nothing(session):
    booking = book(session)
    allocation.cancel(booking)
    assert allocation.cancel(booking) == []
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_a_booking_page_is_its_sessions_page(session):
    assert book(session).cached_page().pk == session.page.pk
