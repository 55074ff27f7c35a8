"""Bookings and access needs are for the Engagement team, superusers and the event's own organisers:
every staff view, export and form refuses everyone else and changes nothing for them."""

import pytest
from django.urls import reverse

from events.models import Booking
from events.tests.staff.conftest import ACCESS_TEXT, NAME
from messaging.models import Message

ALLOWED = {"engagement", "admin", "organiser"}
REFUSED = {"editor", "clinical", "other_organiser", None}


def views(session):
    return [
        reverse("events_session_bookings", args=[session.pk]),
        reverse("events_session_access_needs", args=[session.pk]),
        reverse("events_session_attendance", args=[session.pk]),
        reverse("events_session_sign_in_sheet", args=[session.pk]),
        reverse("events_session_sign_in_sheet", args=[session.pk]) + "?format=csv",
        reverse("events_session_message", args=[session.pk]),
    ]


def content(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def sign_in(client, staff, role):
    if role:
        client.force_login(staff[role])


def assert_refused(response, role):
    if role is None:
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    else:
        assert response.status_code in (302, 403), response.status_code
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home")
    assert NAME not in content(response) and ACCESS_TEXT not in content(response)


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(ALLOWED | REFUSED, key=str))
def test_each_view_opens_for_those_allowed_and_refuses_everyone_else(client, staff, session, booked, role):
    sign_in(client, staff, role)
    for url in views(session):
        response = client.get(url)
        if role in ALLOWED:
            assert response.status_code == 200, url
            if "message" not in url:
                # Each shows the person's name, or on the access needs page what they need.
                assert NAME in content(response) or ACCESS_TEXT in content(response), url
        else:
            assert_refused(response, role)


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(REFUSED, key=str))
def test_refused_posts_change_nothing(client, staff, session, booked, role):
    sign_in(client, staff, role)
    attendance = client.post(
        reverse("events_session_attendance", args=[session.pk]),
        {f"attended-{booked.pk}": "yes", f"places-{booked.pk}": "2"},
    )
    message = client.post(
        reverse("events_session_message", args=[session.pk]),
        {"subject": "Room change", "text": "Room 2", "message_id": "a" * 32, "action": "send"},
    )
    assert_refused(attendance, role)
    assert_refused(message, role)
    booked.refresh_from_db()
    assert booked.attended is None
    assert not Message.objects.filter(purpose="event_message").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(ALLOWED | REFUSED, key=str))
def test_the_index_lists_only_the_events_someone_may_see(client, staff, session, booked, role):
    sign_in(client, staff, role)
    response = client.get(reverse("events_bookings"))
    if role in {"engagement", "admin"}:
        assert "Drop-in about the new clinic" in content(response)
        assert "Another event" in content(response)
    elif role == "organiser":
        assert "Drop-in about the new clinic" in content(response)
        assert "Another event" not in content(response)
    elif role == "other_organiser":
        assert "Another event" in content(response)
        assert "Drop-in about the new clinic" not in content(response)
    else:
        assert_refused(response, role)


@pytest.mark.django_db
def test_a_session_that_does_not_exist_is_refused_like_someone_elses(client, staff, session):
    client.force_login(staff["other_organiser"])
    missing = client.get(reverse("events_session_bookings", args=[999999]))
    theirs = client.get(reverse("events_session_bookings", args=[session.pk]))
    assert missing.status_code == theirs.status_code
    client.force_login(staff["engagement"])
    assert client.get(reverse("events_session_bookings", args=[999999])).status_code == 404
    huge = client.get(reverse("events_session_bookings", args=[10**30]))
    assert huge.status_code == 404


@pytest.mark.django_db
def test_the_bookings_button_shows_on_the_page_for_those_allowed(client, staff, event, session, booked):
    edit = reverse("wagtailadmin_pages:edit", args=[event.pk])
    target = reverse("events_opportunity_bookings", args=[event.pk])
    for role, shown in [("organiser", True), ("engagement", True), ("editor", False)]:
        client.force_login(staff[role])
        response = client.get(edit)
        assert response.status_code == 200
        assert (target in content(response)) is shown, role
    assert Booking.objects.count() == 5
