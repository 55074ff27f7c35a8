"""What staff see and do for a session: the access needs summary, marking attendance, the
sign-in sheet in print and CSV, and a message to everyone booked; each in the audit log, with no
personal data in the log."""

import csv
import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry

from events.models import Booking
from events.tests.factories import BookingFactory
from events.tests.staff.conftest import ACCESS_TEXT, SECRETS
from messaging.models import Message


@pytest.fixture
def organiser_client(client, staff):
    client.force_login(staff["organiser"])
    return client


def url(name, session):
    return reverse(name, args=[session.pk])


def need_counts(html):
    """{need: (confirmed bookings, places, waiting bookings)} read from the summary table."""
    rows = re.findall(
        r'<th scope="row">([^<]+)</th><td data-need-count>(\d+)</td><td>(\d+)</td><td>(\d+)</td>', html
    )
    return {label: (int(a), int(b), int(c)) for label, a, b, c in rows}


@pytest.mark.django_db
def test_access_needs_summary_counts_each_need_and_lists_other_needs(organiser_client, session, booked):
    response = organiser_client.get(url("events_session_access_needs", session))
    html = response.content.decode()
    counts = need_counts(html)
    # Confirmed: the secret booking (2 places: BSL, step-free, other), another of 2 (BSL), one of 1
    # (hearing loop); waiting: BSL and a quiet space; the cancelled booking counts nowhere.
    assert counts["British Sign Language (BSL) interpreter"] == (2, 4, 1)
    assert counts["Step-free access"] == (1, 2, 0)
    assert counts["Hearing loop"] == (1, 1, 0)
    assert counts["A quiet space"] == (0, 0, 1)
    assert counts["Large print"] == (0, 0, 0)
    assert ACCESS_TEXT in html and booked.reference in html


@pytest.mark.django_db
def test_what_people_typed_is_escaped_in_every_staff_view(organiser_client, session):
    BookingFactory(
        session=session, name="<script>alert(1)</script>", access_other="<b>bold</b>", access_needs=["other"]
    )
    for name in [
        "events_session_bookings",
        "events_session_access_needs",
        "events_session_attendance",
        "events_session_sign_in_sheet",
    ]:
        html = organiser_client.get(url(name, session)).content.decode()
        assert "<script>alert(1)</script>" not in html and "<b>bold</b>" not in html, name
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "&lt;b&gt;bold&lt;/b&gt;" in html, name


@pytest.mark.django_db
def test_marking_attendance_records_who_came_and_how_many(organiser_client, session, booked):
    others = list(Booking.objects.filter(session=session, status="confirmed").exclude(pk=booked.pk))
    waiting = Booking.objects.get(session=session, status="waiting")
    form = organiser_client.get(url("events_session_attendance", session))
    assert form.status_code == 200 and booked.name in form.content.decode()
    response = organiser_client.post(
        url("events_session_attendance", session),
        {
            f"attended-{booked.pk}": "yes",
            f"places-{booked.pk}": "1",
            f"attended-{others[0].pk}": "yes",  # no number: all its 2 places came
            f"attended-{others[1].pk}": "no",
            f"attended-{waiting.pk}": "",
        },
    )
    assert response.status_code == 302
    states = {b.pk: (b.attended, b.attended_places) for b in Booking.objects.filter(session=session)}
    assert states[booked.pk] == (True, 1)
    assert states[others[0].pk] == (True, 2)
    assert states[others[1].pk] == (False, 0)
    assert states[waiting.pk] == (None, None)
    page = organiser_client.get(url("events_session_bookings", session)).content.decode()
    assert "3 came" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value, field",
    [
        ("3", "places"),  # booked 2
        ("-1", "places"),
        ("lots", "places"),
        ("9" * 40, "places"),
        ("maybe", "attended"),
        ("\x00", "attended"),
    ],
)
def test_impossible_attendance_is_the_form_s_message_and_changes_nothing(
    organiser_client, session, booked, value, field
):
    data = {f"attended-{booked.pk}": "yes", f"places-{booked.pk}": "2"}
    data[f"{field}-{booked.pk}"] = value
    response = organiser_client.post(url("events_session_attendance", session), data)
    assert response.status_code == 200
    assert "Some rows need correcting" in response.content.decode()
    booked.refresh_from_db()
    assert booked.attended is None


@pytest.mark.django_db
def test_contradictory_attendance_is_refused(organiser_client, session, booked):
    response = organiser_client.post(
        url("events_session_attendance", session), {f"attended-{booked.pk}": "no", f"places-{booked.pk}": "2"}
    )
    assert "Leave empty, or mark the booking as come" in response.content.decode()


@pytest.mark.django_db
def test_sign_in_sheet_prints_confirmed_then_waiting_with_a_print_stylesheet(
    organiser_client, session, booked
):
    response = organiser_client.get(url("events_session_sign_in_sheet", session))
    html = response.content.decode()
    assert "@media print" in html
    assert booked.name in html and ACCESS_TEXT in html
    waiting = Booking.objects.get(session=session, status="waiting")
    assert html.index(booked.reference) < html.index(f"{waiting.reference} (waiting list)")
    cancelled = Booking.objects.get(session=session, status="cancelled")
    assert cancelled.reference not in html


@pytest.mark.django_db
def test_sign_in_sheet_csv_neutralises_formulas(organiser_client, session):
    BookingFactory(
        session=session, name='=HYPERLINK("http://evil")', access_other="+SUM(A1)", access_needs=["other"]
    )
    BookingFactory(session=session, name="@cmd", phone="-1+1", email="")
    response = organiser_client.get(url("events_session_sign_in_sheet", session) + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Reference", "Name", "Places"]
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil")' in cells
    assert "'@cmd" in cells and "'-1+1" in cells
    assert any(cell.startswith("Something else") or "'+SUM(A1)" in cell for cell in cells)
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def send_message(client, session, include_waiting=False):
    data = {"subject": "Change of room", "text": "We have moved to Room 2, upstairs."}
    if include_waiting:
        data["include_waiting"] = "on"
    preview = client.post(url("events_session_message", session), {**data, "action": "preview"})
    message_id = re.search(r'name="message_id" value="([0-9a-f]{32})"', preview.content.decode()).group(1)
    return preview, {**data, "message_id": message_id, "action": "send"}


@pytest.mark.django_db
def test_a_message_says_how_many_it_will_reach_then_goes_to_each_once(organiser_client, session, booked):
    preview, data = send_message(organiser_client, session)
    text = preview.content.decode()
    # Confirmed: two by email, one by text message; the waiting list and the cancelled are left out.
    assert "This message will go to <strong>3 people</strong>" in text
    assert "2 by email, 1 by text message" in text
    assert not Message.objects.filter(purpose="event_message").exists()

    first = organiser_client.post(url("events_session_message", session), data)
    again = organiser_client.post(url("events_session_message", session), data)
    assert first.status_code == again.status_code == 302
    sent = Message.objects.filter(purpose="event_message")
    assert sent.count() == 3
    assert sorted(sent.values_list("channel", flat=True)) == ["email", "email", "sms"]
    secret = sent.get(to=booked.email)
    assert "We have moved to Room 2, upstairs." in secret.text
    assert booked.reference in secret.text and secret.subject.startswith("Change of room: ")
    assert len([m for m in mail.outbox if m.to == [booked.email]]) == 1
    followed = organiser_client.get(again["Location"])
    assert "already sent" in followed.content.decode()


@pytest.mark.django_db
def test_a_message_can_go_to_the_waiting_list_too(organiser_client, session, booked):
    preview, data = send_message(organiser_client, session, include_waiting=True)
    assert "4 people" in preview.content.decode()
    organiser_client.post(url("events_session_message", session), data)
    assert Message.objects.filter(purpose="event_message").count() == 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {},
        {"subject": "", "text": "x", "action": "send", "message_id": "a" * 32},
        {"subject": "x" * 500, "text": "x", "action": "send", "message_id": "a" * 32},
        {"subject": "Hi\x00", "text": "x", "action": "send", "message_id": "a" * 32},
        {"subject": "Hi", "text": "x", "action": "send", "message_id": "../../etc"},
        {"subject": "Hi", "text": "x", "action": "send"},  # no id: only the confirm step
        {"subject": ["a", "b"], "text": "x" * 5000, "include_waiting": "\x00"},
    ],
)
def test_hostile_message_posts_never_send_or_fail(organiser_client, session, booked, data):
    response = organiser_client.post(url("events_session_message", session), data)
    assert response.status_code == 200
    assert not Message.objects.filter(purpose="event_message").exists()


@pytest.mark.django_db
def test_every_look_and_action_is_logged_without_personal_data(organiser_client, event, session, booked):
    organiser_client.get(url("events_session_bookings", session))
    organiser_client.get(url("events_session_access_needs", session))
    organiser_client.get(url("events_session_sign_in_sheet", session))
    organiser_client.get(url("events_session_sign_in_sheet", session) + "?format=csv")
    organiser_client.post(url("events_session_attendance", session), {f"attended-{booked.pk}": "yes"})
    _preview, data = send_message(organiser_client, session)
    organiser_client.post(url("events_session_message", session), data)
    entries = PageLogEntry.objects.filter(page=event, action__startswith="events.")
    assert sorted(entries.values_list("action", flat=True)) == sorted(
        [
            "events.bookings_viewed",
            "events.access_needs_viewed",
            "events.sign_in_sheet",
            "events.sign_in_sheet",
            "events.attendance",
            "events.message",
        ]
    )
    assert all(entry.user.username == "organiser" for entry in entries)
    assert {entry.data.get("session") for entry in entries} == {session.pk}
    for entry in entries:
        written = f"{entry.label} {entry.data} {entry.message}"
        for secret in SECRETS:
            assert secret not in written, (entry.action, secret)
    history = organiser_client.get(reverse("wagtailadmin_pages:history", args=[event.pk]))
    assert "Sign-in sheet printed or downloaded" in history.content.decode()
