"""The public booking form at <opportunity URL>book/: booking, refusals that keep what was typed, spam."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from events.models import Booking
from events.tests.factories import BookingFactory, EventSessionFactory

pytestmark = pytest.mark.django_db

URL = "/get-involved/drop-in/book/"


def answers(session, **overrides):
    data = {
        "session": str(session.pk),
        "name": "Sam Patel",
        "email": "sam@example.org",
        "phone": "",
        "places": "1",
        "access_needs": ["bsl"],
        "access_other": "",
        "consent": "on",
        "privacy_revision": "",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_booking_confirms_shows_the_reference_and_emails_it(client, session):
    response = client.post(URL, answers(session), follow=True)

    booking = Booking.objects.get()
    assert booking.status == "confirmed" and booking.access_needs == ["bsl"]
    assert response.status_code == 200
    assert booking.reference in response.content.decode()
    assert "Your place is booked" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["sam@example.org"]]
    assert booking.reference in mail.outbox[0].body
    assert "/book/manage/?t=" in mail.outbox[0].body


def test_the_form_is_never_cached(client, session):
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_one_way_to_confirm_is_needed(client, session):
    response = client.post(URL, answers(session, email=""))
    assert "Enter an email address or a mobile phone number" in response.content.decode()
    assert not Booking.objects.exists()


def test_a_phone_alone_is_confirmed_by_text(client, session):
    client.post(URL, answers(session, email="", phone="07700 900982"))
    booking = Booking.objects.get()
    assert booking.phone == "07700 900982"
    from messaging.models import Message

    message = Message.objects.get(subject_ref=f"booking:{booking.pk}")
    assert message.channel == "sms" and booking.reference in message.text


def test_more_places_than_left_is_refused_keeping_what_was_typed(client, session):
    session.places = 3
    session.save()
    BookingFactory(session=session, places=2)
    response = client.post(URL, answers(session, places="2", name="Ada Typed", access_other="A ramp"))
    html = response.content.decode()
    assert "Only 1 place is left" in html
    assert 'value="Ada Typed"' in html and "A ramp" in html
    assert Booking.objects.count() == 1


def test_more_than_one_booking_allows_is_refused_keeping_what_was_typed(client, session):
    response = client.post(URL, answers(session, places="3", name="Ada Typed"))
    html = response.content.decode()
    assert "You can book up to 2 places at a time" in html
    assert 'value="Ada Typed"' in html
    assert not Booking.objects.exists()


def test_a_full_session_offers_the_waiting_list(client, session):
    session.places = 1
    session.save()
    BookingFactory(session=session)
    other = EventSessionFactory(page=session.page, starts=session.starts + datetime.timedelta(days=1))
    html = client.get(URL).content.decode()
    assert "Fully booked: join the waiting list" in html
    client.post(URL, answers(session))
    assert Booking.objects.latest("pk").status == "waiting"
    client.post(URL, answers(other))
    assert Booking.objects.latest("pk").status == "confirmed"


def test_a_closed_session_cannot_be_booked(client, event):
    now = timezone.now()
    EventSessionFactory(page=event, starts=now + datetime.timedelta(days=2), booking_closes=now)
    response = client.get(URL)
    html = response.content.decode()
    assert "Booking has closed" in html and "You cannot book a place now" in html
    assert 'name="places"' not in html
    assert client.post(URL, {"session": "1", "name": "x"}).status_code == 200


def test_an_opportunity_without_sessions_has_no_booking_form(client, event):
    assert client.get(URL).status_code == 404


def test_a_robot_filling_the_honeypot_books_nothing(client, session):
    response = client.post(URL, answers(session, website="http://spam.example"))
    assert response.status_code == 200
    assert not Booking.objects.exists()


def test_too_many_bookings_from_one_address_are_refused(client, session, settings):
    settings.INVOLVEMENT_RATE_LIMIT = 2
    for n in range(3):
        client.post(URL, answers(session, email=f"p{n}@example.org"))
    assert Booking.objects.count() == 2
