"""The emailed link to change or cancel a booking: works once, until the session starts; a bad one
shows a clear page, never a 500."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from events import allocation
from events.models import Booking

pytestmark = pytest.mark.django_db


def book(session, **kwargs):
    kwargs.setdefault("email", "sam@example.org")
    return allocation.book(session, name="Sam", places=1, consent_version="v1", **kwargs)


def link_in(message):
    url = re.search(r"https?://\S+/book/manage/\?t=\S+", message.body).group(0)
    return url.split("testserver", 1)[-1] if "testserver" in url else "/" + url.split("/", 3)[3]


def test_the_link_cancels_once_and_promotes_the_next(client, session):
    session.places = 1
    session.save()
    booking = book(session)
    waiting = book(session, email="next@example.org")
    url = link_in(mail.outbox[0])
    mail.outbox.clear()

    page = client.get(url)
    assert page.status_code == 200 and booking.reference in page.content.decode()
    response = client.post(url, {"action": "cancel"})

    assert response.status_code == 200 and "Your booking is cancelled" in response.content.decode()
    booking.refresh_from_db()
    waiting.refresh_from_db()
    assert (booking.status, waiting.status) == ("cancelled", "confirmed")
    assert sorted(m.to[0] for m in mail.outbox) == ["next@example.org", "sam@example.org"]

    again = client.post(url, {"action": "cancel"})
    assert again.status_code == 410 and "already been used" in again.content.decode()


def test_a_change_reruns_the_place_rule_and_sends_a_new_link(client, session):
    session.places = 2
    session.save()
    booking = book(session)
    book(session, email="other@example.org")
    url = link_in(mail.outbox[0])
    mail.outbox.clear()

    refused = client.post(url, {"action": "change", "places": "2", "access_needs": ["hearing_loop"]})
    assert "Only 1 place is left" in refused.content.decode()
    assert 'value="2"' in refused.content.decode()  # what was typed is kept
    assert client.get(url).status_code == 200  # a refused change does not use the link up

    response = client.post(url, {"action": "change", "places": "1", "access_needs": ["hearing_loop"]})
    assert "Your booking has changed" in response.content.decode()
    booking.refresh_from_db()
    assert booking.access_needs == ["hearing_loop"]
    new_url = link_in(mail.outbox[0])
    assert new_url != url
    assert client.get(url).status_code == 410
    assert client.get(new_url).status_code == 200


def test_an_altered_link_shows_a_clear_page(client, session):
    book(session)
    url = link_in(mail.outbox[0])
    response = client.get(url[:-3] + "xyz")
    assert response.status_code == 400 and "This link does not work" in response.content.decode()
    assert client.post(url[:-3] + "xyz", {"action": "cancel"}).status_code == 400
    assert Booking.objects.get().status == "confirmed"


def test_the_link_expires_when_the_session_starts(client, session, monkeypatch):
    book(session)
    url = link_in(mail.outbox[0])
    later = session.starts + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    import time

    monkeypatch.setattr(time, "time", lambda: later.timestamp())
    response = client.post(url, {"action": "cancel"})
    assert response.status_code == 410 and "expired" in response.content.decode()
    assert Booking.objects.get().status == "confirmed"


@pytest.mark.parametrize("token", ["", "x" * 5000, "%00", "booking:1", "<script>"])
def test_garbage_tokens_never_500(client, session, token):
    response = client.get("/get-involved/drop-in/book/manage/", {"t": token})
    assert response.status_code == 400
    posted = client.post("/get-involved/drop-in/book/manage/?t=" + token, {"action": "cancel"})
    assert posted.status_code == 400


def test_the_confirmation_page_needs_its_own_signed_reference(client, session):
    response = client.get("/get-involved/drop-in/book/done/", {"r": "forged"})
    assert response.status_code == 302 and response["Location"].endswith("/book/")
