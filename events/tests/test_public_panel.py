"""What the opportunity's page says about its sessions, kept right by the page cache."""

import datetime

import pytest
from django.utils import timezone

from events import allocation
from events.tests.factories import BookingFactory, EventSessionFactory

pytestmark = pytest.mark.django_db


def warm(client, url):
    for _ in range(3):
        response = client.get(url)
        if response.get("X-Page-Cache") == "hit":
            return response.content.decode()
    raise AssertionError("the page never came from the cache")


def test_a_booking_shows_one_place_fewer_at_once_with_the_page_cache_on(client, session):
    session.places = 12
    session.save()
    html = warm(client, session.page.url)
    assert "12 places left" in html and "Book a place" in html

    booking = allocation.book(session, name="Sam", email="sam@example.org", places=1)

    response = client.get(session.page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "11 places left" in response.content.decode()

    warm(client, session.page.url)
    allocation.cancel(booking)
    assert "12 places left" in client.get(session.page.url).content.decode()


def test_full_closed_and_waiting_list_states(client, event):
    now, day = timezone.now(), datetime.timedelta(days=1)
    waiting = EventSessionFactory(page=event, places=1, starts=now + 3 * day)
    no_list = EventSessionFactory(page=event, places=1, waiting_list=False, starts=now + 4 * day)
    closed = EventSessionFactory(page=event, places=5, starts=now + 5 * day, booking_closes=now - day / 24)
    BookingFactory(session=waiting)
    BookingFactory(session=no_list)

    html = client.get(event.url).content.decode()

    assert "Fully booked: join the waiting list" in html
    assert html.count("Fully booked") == 2
    assert "Booking has closed" in html
    assert closed.pk and 'href="/get-involved/drop-in/book/"' in html


def test_nothing_to_book_shows_no_panel_or_button(client, event):
    EventSessionFactory(page=event, places=None)
    html = client.get(event.url).content.decode()
    assert "Book a place" not in html and "places left" not in html
