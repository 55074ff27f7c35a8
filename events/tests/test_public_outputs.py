"""Nothing personal about a booking, and no joining link, in any public output: the page, the booking
form, the API, search, the feeds, the sitemap and the calendars."""

import pytest
from django.core.exceptions import ValidationError

from events import allocation
from events.tests.factories import EventSessionFactory

pytestmark = pytest.mark.django_db

JOINING = "https://meet.example/j/secret-room-42"
SECRETS = [JOINING, "Zebedee Quixote", "zebedee@example.org", "07700 900555", "needs a hoist"]


@pytest.fixture
def booked(event):
    session = EventSessionFactory(page=event, location="", online=True, joining_link=JOINING, places=5)
    allocation.book(
        session,
        name="Zebedee Quixote",
        email="zebedee@example.org",
        phone="07700 900555",
        places=1,
        access_needs=["other"],
        access_other="needs a hoist",
    )
    return session


PUBLIC_URLS = [
    "/get-involved/drop-in/",
    "/get-involved/drop-in/book/",
    "/get-involved/drop-in/event.ics",
    "/get-involved/",
    "/",
    "/api/v2/pages/?type=pages.OpportunityPage&fields=*",
    "/api/v2/pages/?search=Drop-in",
    "/search/?q=Drop-in",
    "/search/?q=Zebedee",
    "/feeds/opportunities.rss",
    "/feeds/opportunities.atom",
    "/feeds/events.ics",
    "/sitemap.xml",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_no_public_output_shows_a_booking_or_the_joining_link(client, booked, url):
    response = client.get(url, HTTP_ACCEPT="application/json" if url.startswith("/api/") else "*/*")
    assert response.status_code in (200, 404), url
    body = b"".join(response) if response.streaming else response.content
    text = body.decode()
    for secret in SECRETS:
        assert secret not in text, (url, secret)


def test_the_page_itself_shows_the_session_as_online(client, booked):
    html = client.get("/get-involved/drop-in/").content.decode()
    assert "Online" in html and "4 places left" in html


def test_an_api_detail_shows_no_sessions(client, booked):
    detail = client.get(f"/api/v2/pages/{booked.page.pk}/", HTTP_ACCEPT="application/json").json()
    assert "sessions" not in detail and JOINING not in str(detail)


def test_the_joining_link_cannot_also_be_the_public_online_link(event):
    event.online_link = JOINING
    session = EventSessionFactory.build(page=event, online=True, joining_link=JOINING)
    with pytest.raises(ValidationError) as refused:
        session.full_clean()
    assert "joining_link" in refused.value.message_dict
