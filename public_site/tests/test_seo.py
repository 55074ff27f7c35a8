"""What search engines and link previews read: description, canonical, Open Graph, JSON-LD."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail_factories import ImageFactory

from pages.tests.factories import OpportunityPageFactory, StandardPageFactory


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").head


def meta(head, prop=None, name=None):
    """The content of the one <meta property=…> or <meta name=…> (there must be exactly one)."""
    attrs = {"property": prop} if prop else {"name": name}
    found = head.find_all("meta", attrs=attrs)
    assert len(found) == 1, (attrs, found)
    return found[0]["content"]


def canonical(head):
    [link] = head.find_all("link", rel="canonical")
    return link["href"]


def json_ld(head):
    return [json.loads(script.string) for script in head.find_all("script", type="application/ld+json")]


@pytest.mark.django_db
def test_description_is_the_search_description_else_the_summary(client, opportunity_index):
    OpportunityPageFactory(parent=opportunity_index, slug="plain", summary="Tell us about <b>hearing</b>.")
    OpportunityPageFactory(
        parent=opportunity_index, slug="described", summary="Summary.", search_description="For search."
    )
    plain = head_of(client, "/get-involved/plain/")
    assert meta(plain, name="description") == "Tell us about hearing."
    assert meta(head_of(client, "/get-involved/described/"), name="description") == "For search."


@pytest.mark.django_db
def test_a_filtered_or_paged_listing_names_the_listing_as_canonical(client, opportunity_index):
    head = head_of(client, "/get-involved/?status=closed&topic=nothing&page=3")
    assert canonical(head) == "http://testserver/get-involved/"


@pytest.mark.django_db
def test_og_image_is_the_first_image_of_the_body(client, home):
    image = ImageFactory(title="Clinic")
    body = json.dumps(
        [
            {"type": "paragraph", "value": "<p>Our clinic.</p>"},
            {
                "type": "image",
                "value": {"content_image": image.pk, "alt_text": "The new clinic", "caption": ""},
            },
        ]
    )
    StandardPageFactory(parent=home, slug="with-image", body=body)
    StandardPageFactory(parent=home, slug="without-image")
    head = head_of(client, "/with-image/")
    image_url = meta(head, prop="og:image")
    assert image_url.startswith("http://testserver/")
    assert ".fill-1200x630" in image_url
    assert meta(head, prop="og:image:alt") == "The new clinic"
    assert not head_of(client, "/without-image/").find_all("meta", attrs={"property": "og:image"})


def london(*args):
    return timezone.make_aware(datetime.datetime(*args))


@pytest.mark.django_db
def test_an_event_is_described_in_schema_org_json_ld(client, opportunity_index):
    OpportunityPageFactory(
        parent=opportunity_index,
        slug="cafe",
        title="Urgent care café",
        summary="Come and talk to us.",
        event_start=london(2030, 7, 1, 18, 30),
        event_end=london(2030, 7, 1, 20, 0),
        location="Community Hall\nHigh Street\nMansfield",
    )
    [data] = json_ld(head_of(client, "/get-involved/cafe/"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Urgent care café"
    assert data["description"] == "Come and talk to us."
    assert data["url"] == "http://testserver/get-involved/cafe/"
    assert data["startDate"] == "2030-07-01T18:30:00+01:00"
    assert data["endDate"] == "2030-07-01T20:00:00+01:00"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "Community Hall",
        "address": "Community Hall, High Street, Mansfield",
    }
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "NHS Engagement Hub",
        "url": "http://testserver/",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("location", "online_link", "mode"),
    [
        ("", "https://meet.example.org/x", "OnlineEventAttendanceMode"),
        ("Town Hall", "https://meet.example.org/x", "MixedEventAttendanceMode"),
    ],
)
def test_an_online_event_has_a_virtual_location(client, opportunity_index, location, online_link, mode):
    OpportunityPageFactory(
        parent=opportunity_index,
        slug="panel",
        event_start=london(2030, 1, 15, 14, 0),
        location=location,
        online_link=online_link,
    )
    [data] = json_ld(head_of(client, "/get-involved/panel/"))
    assert data["startDate"] == "2030-01-15T14:00:00+00:00"
    assert "endDate" not in data
    assert data["eventAttendanceMode"] == f"https://schema.org/{mode}"
    locations = data["location"] if isinstance(data["location"], list) else [data["location"]]
    assert {"@type": "VirtualLocation", "url": online_link} in locations
    assert len(locations) == (2 if location else 1)


@pytest.mark.django_db
def test_only_events_have_json_ld(client, home, opportunity_index):
    OpportunityPageFactory(parent=opportunity_index, slug="survey", event_start=None)
    assert json_ld(head_of(client, "/get-involved/survey/")) == []
    assert json_ld(head_of(client, "/")) == []


@pytest.mark.django_db
def test_markup_in_a_title_cannot_break_out_of_the_json_ld(client, opportunity_index):
    title = '</script><script>alert("x")</script> & <!-- café'
    OpportunityPageFactory(
        parent=opportunity_index, slug="tricky", title=title, event_start=london(2030, 7, 1, 18, 30)
    )
    html = client.get("/get-involved/tricky/").content.decode()
    assert "<script>alert" not in html
    assert "\\u003C/script\\u003E" in html
    soup = BeautifulSoup(html, "html.parser")
    [script] = soup.find_all("script", type="application/ld+json")
    assert json.loads(script.string)["name"] == title
    assert [
        s for s in soup.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"
    ] == []


@pytest.mark.django_db
def test_the_search_page_asks_not_to_be_indexed(client, home):
    head = head_of(client, "/search/?q=anything")
    assert meta(head, name="robots") == "noindex"
    assert meta(head, name="description")
