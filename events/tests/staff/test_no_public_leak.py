"""Nothing a booker told us appears anywhere the public can reach: the event's page, its booking
page, listings, search, the API, the feeds, the sitemap and the calendars."""

from urllib.parse import quote

import pytest

from events.tests.staff.conftest import SECRETS
from workflows.tests.evidence import publish_signed_off


@pytest.fixture
def live_event(event, session, booked):
    publish_signed_off(event)
    event.refresh_from_db()
    return event


def text_of(response):
    content = response.content if not response.streaming else b"".join(response.streaming_content)
    return content.decode(errors="replace")


def assert_no_secrets(response, url, allowed=""):
    text = text_of(response)
    if allowed:  # a search page repeats the query back, as typed and in its links
        text = text.replace(allowed, "").replace(quote(allowed), "")
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} found at {url}"


@pytest.mark.django_db
def test_public_addresses_show_nothing_a_booker_told_us(client, live_event):
    urls = [
        "/",
        "/get-involved/",
        live_event.url,
        live_event.url + "book/",
        live_event.url + "event.ics",
        "/feeds/events.ics",
        "/feeds/opportunities.rss",
        "/feeds/opportunities.atom",
        "/sitemap.xml",
        "/api/v2/pages/?fields=*",
        f"/api/v2/pages/{live_event.pk}/",
    ]
    served = 0
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        served += response.status_code == 200
        assert_no_secrets(response, url)
    assert served >= len(urls) - 1  # the booking page may not be built yet; everything else is
    assert "Drop-in about the new clinic" in text_of(client.get(live_event.url))


@pytest.mark.django_db
def test_search_never_finds_a_booker(client, live_event):
    found = client.get("/search/?q=clinic")
    assert found.status_code == 200 and found.context["result_count"] >= 1  # search does work
    for term in ["Quillfeatherstone", "Zebedee", "Xylophonia", "zebedee.q@example.com", "900456"]:
        response = client.get("/search/", {"q": term})
        assert response.status_code == 200
        assert response.context["result_count"] == 0, term
        assert_no_secrets(response, f"/search/?q={term}", allowed=term)
