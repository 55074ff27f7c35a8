"""iCalendar: the events calendar and each opportunity's own event.ics, for calendar apps."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from pages.tests.factories import OpportunityPageFactory, days
from workflows.tests.evidence import publish_signed_off

LONDON = zoneinfo.ZoneInfo("Europe/London")


def london(*args):
    return datetime.datetime(*args, tzinfo=LONDON)


def in_days(n, hour=18):
    d = days(n)
    return london(d.year, d.month, d.day, hour, 0)


def fetch_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response, Calendar.from_ical(response.content)


@pytest.fixture
def cafe(opportunity_index):
    return OpportunityPageFactory(
        parent=opportunity_index,
        title="Urgent care café",
        slug="urgent-care-cafe",
        summary="Come and talk to us about urgent care.",
        opportunity_type="involvement_cafe",
        event_start=london(2030, 7, 1, 18, 30),  # British Summer Time: 17:30 UTC
        event_end=london(2030, 7, 1, 20, 0),
        location="Community Hall\nHigh Street\nMansfield",
    )


@pytest.mark.django_db
def test_opportunity_event_ics_describes_its_event(client, cafe):
    response, calendar = fetch_calendar(client, "/get-involved/urgent-care-cafe/event.ics")
    assert 'filename="urgent-care-cafe.ics"' in response["Content-Disposition"]
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Urgent care café"
    assert event.decoded("DTSTART") == london(2030, 7, 1, 18, 30)
    assert event.decoded("DTSTART").utcoffset() == datetime.timedelta(0)  # written in UTC
    assert event.decoded("DTEND") == london(2030, 7, 1, 20, 0)
    assert str(event["UID"]) == f"opportunity-{cafe.pk}@testserver"
    assert str(event["LOCATION"]) == "Community Hall, High Street, Mansfield"
    assert str(event["URL"]) == "http://testserver/get-involved/urgent-care-cafe/"
    assert "Come and talk to us about urgent care." in str(event["DESCRIPTION"])
    assert "http://testserver/get-involved/urgent-care-cafe/" in str(event["DESCRIPTION"])
    assert "DTSTAMP" in event


@pytest.mark.django_db
def test_online_event_gives_its_link_as_the_location(client, opportunity_index):
    OpportunityPageFactory(
        parent=opportunity_index,
        slug="online-panel",
        event_start=in_days(5),
        online_link="https://meet.example.org/panel",
    )
    _response, calendar = fetch_calendar(client, "/get-involved/online-panel/event.ics")
    [event] = calendar.walk("VEVENT")
    assert str(event["LOCATION"]) == "https://meet.example.org/panel"
    assert "DTEND" not in event


@pytest.mark.django_db
def test_event_uid_is_stable(client, cafe):
    _r, first = fetch_calendar(client, "/get-involved/urgent-care-cafe/event.ics")
    cafe.title = "Urgent care café (new venue)"
    publish_signed_off(cafe)
    _r, second = fetch_calendar(client, "/get-involved/urgent-care-cafe/event.ics")
    assert first.walk("VEVENT")[0]["UID"] == second.walk("VEVENT")[0]["UID"]
    assert str(second.walk("VEVENT")[0]["SUMMARY"]) == "Urgent care café (new venue)"


@pytest.mark.django_db
def test_event_ics_is_404_without_dates_or_a_page(client, opportunity_index):
    # An ongoing opportunity, with no event time and no closing date, has nothing for a calendar.
    OpportunityPageFactory(parent=opportunity_index, slug="plain-survey", event_start=None, closes=None)
    OpportunityPageFactory(parent=opportunity_index, slug="draft-event", event_start=in_days(3), live=False)
    assert client.get("/get-involved/plain-survey/event.ics").status_code == 404
    assert client.get("/get-involved/no-such-page/event.ics").status_code == 404
    assert client.get("/get-involved/draft-event/event.ics").status_code == 404
    assert client.get("/get-involved/event.ics").status_code == 404  # the index is not an opportunity
    assert client.get("/get-involved/%00/event.ics").status_code == 404


@pytest.mark.django_db
def test_event_ics_is_404_for_a_private_opportunity(client, cafe):
    PageViewRestriction.objects.create(page=cafe, restriction_type="password", password="secret")
    assert client.get("/get-involved/urgent-care-cafe/event.ics").status_code == 404


@pytest.mark.django_db
def test_events_calendar_lists_upcoming_and_recent_events_only(client, cafe, opportunity_index):
    OpportunityPageFactory(parent=opportunity_index, title="Last week's workshop", event_start=in_days(-7))
    OpportunityPageFactory(
        parent=opportunity_index, title="Workshop two years ago", event_start=in_days(-730)
    )
    OpportunityPageFactory(parent=opportunity_index, title="Survey with no event")
    OpportunityPageFactory(parent=opportunity_index, title="Draft event", event_start=in_days(4), live=False)
    private = OpportunityPageFactory(parent=opportunity_index, title="Private event", event_start=in_days(4))
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")

    response, calendar = fetch_calendar(client, "/feeds/events.ics")
    assert 'filename="events.ics"' in response["Content-Disposition"]
    assert str(calendar["X-WR-CALNAME"]) == "Engagement Hub events"
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Last week's workshop", "Urgent care café"]
    assert events[1].decoded("DTSTART") == london(2030, 7, 1, 18, 30)
    assert len({str(e["UID"]) for e in events}) == 2


@pytest.mark.django_db
def test_events_calendar_is_valid_when_empty(client, home):
    _response, calendar = fetch_calendar(client, "/feeds/events.ics")
    assert calendar.walk("VEVENT") == []
    assert str(calendar["VERSION"]) == "2.0"


@pytest.mark.django_db
def test_opportunity_page_links_to_its_event_ics(client, cafe):
    html = client.get("/get-involved/urgent-care-cafe/").content.decode()
    assert 'href="/get-involved/urgent-care-cafe/event.ics"' in html


@pytest.mark.django_db
def test_an_opportunity_without_an_event_time_gives_its_open_days(client, opportunity_index):
    survey = OpportunityPageFactory(
        parent=opportunity_index,
        title="Maternity survey",
        slug="maternity-survey",
        opens=datetime.date(2030, 3, 1),
        closes=datetime.date(2030, 5, 31),
    )
    response, calendar = fetch_calendar(client, "/get-involved/maternity-survey/event.ics")
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Maternity survey"
    # All-day dates, not times: open from 1 March to the end of 31 May (DTEND is exclusive).
    assert event.decoded("DTSTART") == datetime.date(2030, 3, 1)
    assert event.decoded("DTEND") == datetime.date(2030, 6, 1)
    assert b"DTSTART;VALUE=DATE:20300301" in response.content
    assert b"DTEND;VALUE=DATE:20300601" in response.content
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert str(event["UID"]) == f"opportunity-{survey.pk}@testserver"
    html = client.get("/get-involved/maternity-survey/").content.decode()
    assert '<a href="/get-involved/maternity-survey/event.ics">Add the dates to your calendar</a>' in html


@pytest.mark.django_db
def test_the_events_calendar_lists_events_not_open_days(client, cafe, opportunity_index):
    OpportunityPageFactory(parent=opportunity_index, title="Survey with dates only")
    _response, calendar = fetch_calendar(client, "/feeds/events.ics")
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Urgent care café"]


# 2030: the clocks go forward at 01:00 GMT on Sunday 31 March and back on Sunday 27 October.
CLOCK_CHANGE_DAYS = [
    (datetime.datetime(2030, 3, 30, 10, 0), datetime.timedelta(hours=0)),  # GMT, the day before
    (datetime.datetime(2030, 3, 31, 10, 0), datetime.timedelta(hours=1)),  # BST, the first morning
    (datetime.datetime(2030, 10, 26, 10, 0), datetime.timedelta(hours=1)),  # BST, the last day
    (datetime.datetime(2030, 10, 27, 10, 0), datetime.timedelta(hours=0)),  # GMT again
]


@pytest.mark.django_db
@pytest.mark.parametrize(("entered", "offset"), CLOCK_CHANGE_DAYS, ids=lambda v: str(v))
def test_event_times_are_right_in_london_either_side_of_a_clock_change(
    client, opportunity_index, entered, offset
):
    """An editor types 10:00 into the admin (local time); every calendar says 10:00 in London."""
    start = timezone.make_aware(entered)  # as the admin form reads a typed time: Europe/London
    assert start.utcoffset() == offset
    OpportunityPageFactory(
        parent=opportunity_index,
        slug="workshop",
        title="Workshop",
        event_start=start,
        event_end=start + datetime.timedelta(hours=2),
    )
    for url in ("/get-involved/workshop/event.ics", "/feeds/events.ics"):
        response, calendar = fetch_calendar(client, url)
        [event] = calendar.walk("VEVENT")
        dtstart, dtend = event.decoded("DTSTART"), event.decoded("DTEND")
        assert dtstart.astimezone(LONDON).replace(tzinfo=None) == entered, url
        assert dtend.astimezone(LONDON).replace(tzinfo=None) == entered + datetime.timedelta(hours=2)
        # Written in UTC, so no calendar has to guess the time zone.
        utc = (entered - offset).strftime("%Y%m%dT%H%M%SZ")
        assert f"DTSTART:{utc}".encode() in response.content
    html = client.get("/get-involved/workshop/").content.decode()
    assert f"{entered:%A %-d %B %Y}, 10:00" in html


@pytest.mark.django_db
def test_calendar_files_keep_to_rfc_5545(client, cafe, opportunity_index):
    """CRLF lines of at most 75 octets; the required properties; no floating (zone-less) times."""
    OpportunityPageFactory(parent=opportunity_index, slug="survey", title="Survey " + "long " * 30)
    for url in (
        "/feeds/events.ics",
        "/get-involved/urgent-care-cafe/event.ics",
        "/get-involved/survey/event.ics",
    ):
        response, calendar = fetch_calendar(client, url)
        body = response.content
        assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.endswith(b"END:VCALENDAR\r\n")
        lines = body.split(b"\r\n")[:-1]
        assert all(len(line) <= 75 for line in lines), url
        assert b"\n" not in b"".join(lines)
        assert {"VERSION", "PRODID"} <= set(calendar.keys())
        for event in calendar.walk("VEVENT"):
            assert {"UID", "DTSTAMP", "DTSTART"} <= set(event.keys())
        for line in body.decode().replace("\r\n ", "").split("\r\n"):
            if line.startswith(("DTSTART", "DTEND", "DTSTAMP", "LAST-MODIFIED")):
                value = line.split(":", 1)[1]
                assert value.endswith("Z") or ";VALUE=DATE:" in line, line
