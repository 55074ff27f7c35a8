"""Bookings in the subject access export and in erasure (by email address, through the commands),
and the retention job: names, contact details and access needs go, the counts stay."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.models import PageLogEntry

from events import attendance, emails, retention
from events.allocation import counts
from events.models import Booking
from events.tests.factories import BookingFactory, EventSessionFactory
from events.tests.staff.conftest import ACCESS_TEXT, EMAIL, NAME, PHONE, SECRETS, in_past
from messaging.models import Message


def export(email):
    out = io.StringIO()
    call_command("export_personal_data", email, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_the_subject_access_export_lists_the_person_s_bookings_and_nobody_else_s(session, booked):
    data = export(EMAIL.upper())
    [record] = data["event_bookings"]
    assert record["reference"] == booked.reference
    assert record["event"] == "Drop-in about the new clinic"
    assert record["session"] == session.when
    assert (record["name"], record["email"], record["phone"]) == (NAME, EMAIL, PHONE)
    assert record["places"] == 2 and record["status"] == "Confirmed"
    assert record["access_needs"] == [
        "British Sign Language (BSL) interpreter",
        "Step-free access",
        "Something else",
    ]
    assert record["access_needs_in_their_words"] == ACCESS_TEXT
    others = [b.name for b in Booking.objects.exclude(pk=booked.pk)]
    text = json.dumps(data)
    assert not any(name in text for name in others)
    logged = PageLogEntry.objects.get(action="events.subject_access")
    assert logged.data["bookings"] == [f"Booking {booked.pk}"]
    assert not any(secret in json.dumps(logged.data) for secret in SECRETS)


@pytest.mark.django_db
def test_erasure_blanks_the_booking_and_its_messages_and_keeps_the_counts(session, booked):
    attendance.mark(session, {booked.pk: (True, 2)})
    before = counts(session)
    emails.booked(booked)
    booking_message = Message.objects.filter(subject_ref=f"booking:{booked.pk}")
    assert booking_message.count() == 1
    out = io.StringIO()
    call_command("erase_personal_data", EMAIL, "--yes", stdout=out)
    assert "event_bookings." in out.getvalue().split("Also held:")[1]
    booked.refresh_from_db()
    assert (booked.name, booked.email, booked.phone, booked.access_needs, booked.access_other) == (
        "",
        "",
        "",
        [],
        "",
    )
    assert booked.erased_at is not None
    assert (booked.places, booked.status, booked.attended, booked.attended_places) == (
        2,
        "confirmed",
        True,
        2,
    )
    assert counts(session) == before
    for message in Message.objects.filter(pk__in=booking_message.values("pk")):
        assert message.to == "(erased)" and message.text == ""
    assert export(EMAIL)["event_bookings"] == []
    assert PageLogEntry.objects.filter(action="events.erase").exists()
    # Nothing left to erase.
    out = io.StringIO()
    call_command("erase_personal_data", EMAIL, "--yes", stdout=out)
    assert "Nothing to erase" in out.getvalue()


@pytest.mark.django_db
def test_the_retention_job_removes_old_bookings_and_keeps_the_counts(event, readme_cron):
    now = timezone.now()
    old = EventSessionFactory(
        page=event,
        starts=now - datetime.timedelta(days=91),
        ends=now - datetime.timedelta(days=91) + datetime.timedelta(hours=2),
    )
    recent = EventSessionFactory(
        page=event,
        starts=now - datetime.timedelta(days=89),
        ends=now - datetime.timedelta(days=89) + datetime.timedelta(hours=2),
    )
    gone = BookingFactory(
        session=old,
        name=NAME,
        places=2,
        access_needs=["bsl"],
        access_other=ACCESS_TEXT,
        attended=True,
        attended_places=2,
    )
    also_gone = BookingFactory(session=old, status="cancelled")
    kept = BookingFactory(session=recent, name="Recent Person")
    before = counts(old)

    readme_cron("remove_old_bookings")

    gone.refresh_from_db()
    assert (gone.name, gone.email, gone.access_needs, gone.access_other) == ("", "", [], "")
    assert gone.redacted_at is not None and gone.erased_at is None
    assert (gone.places, gone.attended, gone.attended_places) == (2, True, 2)
    also_gone.refresh_from_db()
    assert also_gone.name == "" and also_gone.status == "cancelled"
    kept.refresh_from_db()
    assert kept.name == "Recent Person" and kept.redacted_at is None
    assert counts(old) == before
    assert attendance.people_who_came(event) == 2
    # A second run finds nothing new.
    assert retention.due().count() == 0


@pytest.mark.django_db
def test_the_retention_period_is_a_setting_and_an_option(event):
    session = in_past(EventSessionFactory(page=event), days=10)
    BookingFactory(session=session)

    def run(*args):
        out = io.StringIO()
        call_command("remove_old_bookings", *args, stdout=out)
        return out.getvalue()

    assert "Removed the personal data of 0 booking(s)" in run()
    assert "1 booking(s)" in run("--days", "5", "--dry-run")
    with override_settings(EVENT_BOOKING_RETENTION_DAYS=5):
        assert "Removed the personal data of 1 booking(s)" in run()
    with pytest.raises(Exception, match="1 or more"):
        run("--days", "0")
