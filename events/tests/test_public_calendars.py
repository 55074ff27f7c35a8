"""The public calendar files list an event's sessions, one VEVENT each, without the joining link."""

import datetime

import icalendar
import pytest

from events.tests.factories import EventSessionFactory, in_days

pytestmark = pytest.mark.django_db
JOINING = "https://meet.example.org/only-for-people-booked"


@pytest.fixture
def sessions(event):
    return [
        EventSessionFactory(page=event, starts=in_days(3), ends=in_days(3, hour=12)),
        EventSessionFactory(
            page=event, starts=in_days(10), ends=in_days(10, hour=12), online=True, joining_link=JOINING
        ),
    ]


def vevents(response):
    assert response.status_code == 200
    assert JOINING not in response.content.decode()
    return list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


@pytest.mark.parametrize("address", ["/feeds/events.ics", "/get-involved/drop-in/event.ics"])
def test_each_session_is_an_event_in_the_public_calendars(client, event, sessions, address):
    events = vevents(client.get(address))
    assert sorted(str(item["uid"]) for item in events) == sorted(
        f"session-{s.pk}@testserver" for s in sessions
    )
    starts = sorted(item.decoded("dtstart") for item in events)
    assert starts == sorted(s.starts.astimezone(datetime.UTC) for s in sessions)


def test_an_event_without_sessions_is_still_one_event(client, event):
    # Straight into the row: publishing an opportunity's edit needs its sign-off.
    type(event).objects.filter(pk=event.pk).update(event_start=in_days(5), event_end=in_days(5, hour=12))
    [item] = vevents(client.get("/get-involved/drop-in/event.ics"))
    assert str(item["uid"]) == f"opportunity-{event.pk}@testserver"
