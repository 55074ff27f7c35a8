"""The calendar file sent with a booking parses, and gives the right times across the clock change."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.core import mail

from events import allocation
from events.tests.factories import EventSessionFactory

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def attached_calendar():
    [message] = mail.outbox
    [(filename, content, mimetype)] = message.attachments
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    return icalendar.Calendar.from_ical(content)


def next_last_sunday(month):
    """The next last Sunday of `month` (the UK's clock change), at least a day away."""
    year = datetime.date.today().year
    while True:
        day = datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)
        day -= datetime.timedelta(days=(day.weekday() - 6) % 7)
        if day > datetime.date.today() + datetime.timedelta(days=1):
            return day
        year += 1


@pytest.mark.parametrize(
    ("month", "utc_hour"),
    [
        # The last Sunday of October: the clocks go back at 02:00 BST; 10:00 is GMT, 10:00 UTC.
        (10, 10),
        # The last Sunday of March: the clocks go forward at 01:00 GMT; 10:00 is BST, 09:00 UTC.
        (3, 9),
    ],
)
def test_a_session_on_the_day_the_clocks_change_keeps_its_uk_time(event, month, utc_hour):
    day = next_last_sunday(month)
    assert day.weekday() == 6 and day.month == month and (day + datetime.timedelta(days=7)).month != month
    starts = datetime.datetime.combine(day, datetime.time(10), tzinfo=LONDON)
    session = EventSessionFactory(page=event, starts=starts, ends=starts + datetime.timedelta(hours=2))
    mail.outbox.clear()

    booking = allocation.book(session, name="Sam", email="sam@example.org", places=1)

    [vevent] = attached_calendar().walk("VEVENT")
    start, end = vevent.decoded("dtstart"), vevent.decoded("dtend")
    assert (start.hour, start.utcoffset()) == (utc_hour, datetime.timedelta(0))
    assert start.astimezone(LONDON).hour == 10 and end.astimezone(LONDON).hour == 12
    assert str(vevent["summary"]) == event.title
    assert booking.reference in str(vevent["description"])


def test_one_event_per_session_with_the_joining_link_only_for_a_confirmed_place(event):
    session = EventSessionFactory(
        page=event, location="", online=True, joining_link="https://meet.example/j/123"
    )
    session.places = 1
    session.save()
    allocation.book(session, name="Sam", email="sam@example.org", places=1)
    [vevent] = attached_calendar().walk("VEVENT")
    assert "https://meet.example/j/123" in str(vevent["description"])
    assert "https://meet.example/j/123" in mail.outbox[0].body
    mail.outbox.clear()

    allocation.book(session, name="Kim", email="kim@example.org", places=1)  # the waiting list

    [message] = mail.outbox
    assert message.attachments == [] and "meet.example" not in message.body
