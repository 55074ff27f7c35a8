"""Attendance marked at the door becomes "people who took part" on the outcome answering the event,
and the annual report's count of people who came to events."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from events import attendance
from events.tests.factories import BookingFactory, EventSessionFactory
from pages.participation import counted_participants
from pages.tests.factories import OpportunityPageFactory, YouSaidWeDidPageFactory
from reporting.figures import compute
from reporting.tests.factories import EngagementReportPageFactory


def at(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def session_on(page, moment, **fields):
    return EventSessionFactory(page=page, starts=moment, ends=moment + datetime.timedelta(hours=2), **fields)


def participants_field(html):
    return re.search(r'<input[^>]*name="participants"[^>]*>', html).group(0)


@pytest.mark.django_db
def test_attendance_marked_in_the_admin_is_offered_on_the_outcome(
    client, staff, event, session, booked, outcome_index
):
    client.force_login(staff["organiser"])
    confirmed = list(session.bookings.filter(status="confirmed").order_by("pk"))
    client.post(
        reverse("events_session_attendance", args=[session.pk]),
        {
            f"attended-{confirmed[0].pk}": "yes",
            f"attended-{confirmed[1].pk}": "yes",
            f"places-{confirmed[1].pk}": "1",
        },
    )
    assert attendance.people_who_came(event) == 3  # 2 + 1
    assert counted_participants(event) == 3

    outcome = YouSaidWeDidPageFactory(parent=outcome_index, title="The clinic moves", opportunity=event)
    client.force_login(staff["engagement"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[outcome.pk])).content.decode()
    assert 'value="3"' in participants_field(html)
    assert "The site&#x27;s records count 3 people for &#x27;Drop-in about the new clinic&#x27;" in html

    # A number an editor typed is kept; the count is still said beside it.
    outcome.participants = 40
    outcome.save_revision().publish()
    html = client.get(reverse("wagtailadmin_pages:edit", args=[outcome.pk])).content.decode()
    assert 'value="40"' in participants_field(html)
    assert "records count 3 people" in html


@pytest.mark.django_db
def test_nothing_is_offered_before_anyone_marks_attendance(
    client, staff, event, session, booked, outcome_index
):
    assert counted_participants(event) is None
    outcome = YouSaidWeDidPageFactory(parent=outcome_index, opportunity=event)
    client.force_login(staff["engagement"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[outcome.pk])).content.decode()
    assert "value=" not in participants_field(html)
    assert "records count" not in html


@pytest.mark.django_db
def test_the_annual_report_counts_the_people_who_came_to_sessions_in_its_year(
    client, home, event, opportunity_index
):
    other = OpportunityPageFactory(parent=opportunity_index, title="Carers' café", slug="carers-cafe")
    june = session_on(event, at(2024, 6, 15))
    march = session_on(other, at(2025, 3, 31, 18))  # the last evening of the year
    april = session_on(event, at(2025, 4, 1))  # the next year
    unmarked = session_on(event, at(2024, 9, 1))
    for session, rows in [
        (june, [(True, 2, 2), (True, None, 1), (False, None, 2)]),
        (march, [(True, 1, 2)]),
        (april, [(True, 2, 2)]),
    ]:
        for came, places_came, places in rows:
            booking = BookingFactory(session=session, places=places)
            attendance.mark(session, {booking.pk: (came, places_came)})
    BookingFactory(session=unmarked, places=2)

    report = compute(2024, today=datetime.date(2025, 6, 1))
    assert report.attendance == {"people": 2 + 1 + 1, "sessions": 2, "events": 2}

    page = EngagementReportPageFactory(parent=home, year_start=2024)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "4 people came to 2 sessions of events booked on this website" in html
    csv = client.get(page.url + "figures.csv")
    assert csv.status_code == 200
    assert "People who came,4" in csv.content.decode()
