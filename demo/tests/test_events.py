"""The demo's drop-in sessions take bookings: one full with a waiting list, access needs, and a past
session with attendance marked; loading again (the same day or a later one) adds nothing."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from events import attendance
from events.allocation import counts
from events.models import Booking
from pages.models import OpportunityPage


def load():
    call_command("load_demo_content", stdout=io.StringIO())


@pytest.mark.django_db
def test_the_urgent_care_drop_ins_take_bookings_and_loading_again_adds_nothing(home, monkeypatch):
    load()
    page = OpportunityPage.objects.get(slug="future-of-urgent-care")
    sessions = list(page.sessions.order_by("sort_order"))
    assert len(sessions) == 4 and all(s.takes_bookings for s in sessions)
    numbers = [counts(s) for s in sessions]
    full = numbers[2]
    assert full.places_left == 0 and full.waiting_bookings == 2 and full.cancelled_bookings == 1
    past = sessions[0]
    assert past.ends < timezone.now() and numbers[0].attended == 3
    assert attendance.people_who_came(page) == 3
    assert Booking.objects.exclude(access_needs=[]).count() >= 5
    assert sessions[3].online and sessions[3].joining_link
    ids = [s.pk for s in sessions]
    bookings = Booking.objects.count()

    load()
    assert Booking.objects.count() == bookings
    assert [s.pk for s in page.sessions.order_by("sort_order")] == ids

    # A day later the dates move on; the sessions keep their bookings.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    load()
    moved = list(OpportunityPage.objects.get(pk=page.pk).sessions.order_by("sort_order"))
    assert [s.pk for s in moved] == ids
    assert moved[0].starts == sessions[0].starts + datetime.timedelta(days=1)
    assert Booking.objects.count() == bookings
