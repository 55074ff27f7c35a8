"""Event bookings in the permission matrix (permission_matrix.py).

Bookings hold names, contact details and access needs: the Engagement team, superusers and the
event's own organisers only. An organiser is an editor named on the opportunity; an organiser of
another event, and every other role, is refused and changes nothing (events/staff_access.py).
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import (
    PageLogEntry,
)

from pages.tests.factories import OpportunityPageFactory
from workflows.tests.permission_matrix import (
    EDITORS,
    ENGAGEMENT,
    MARKER,
    ROLES,
    SUPERUSER,
    Matrix,
    assert_refused,
    assert_shown_or_refused,
    body,
)

ORGANISER = "organiser of the event"
OTHER_ORGANISER = "organiser of another event"
EVENT_ROLES = [*ROLES, ORGANISER, OTHER_ORGANISER]
EVENT_STAFF = {ENGAGEMENT, SUPERUSER, ORGANISER}
MATRIX = Matrix(
    {
        "see a session's bookings, access needs and sign-in sheet (printed and CSV)": EVENT_STAFF,
        "mark attendance at a session": EVENT_STAFF,
        "send a message to everyone booked on a session": EVENT_STAFF,
    },
    roles=EVENT_ROLES,
)


@pytest.fixture
def booked_event(world):
    from events.tests.factories import BookingFactory, EventSessionFactory

    def organiser(username, page):
        user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
        user.groups.add(Group.objects.get(name=EDITORS))
        page.event_organisers.add(user)
        page.save()
        return user

    page = OpportunityPageFactory(parent=world.index, title="The drop-in", opportunity_type="event")
    other = OpportunityPageFactory(parent=world.index, title="Another drop-in", slug="another-drop-in")
    session = EventSessionFactory(page=page)
    EventSessionFactory(page=other)
    booking = BookingFactory(session=session, name=f"Alex {MARKER}", access_other=f"{MARKER} ramp")
    world.by_role[ORGANISER] = organiser("organiser", page)
    world.by_role[OTHER_ORGANISER] = organiser("other-organiser", other)
    return session, booking


@MATRIX.action("see a session's bookings, access needs and sign-in sheet (printed and CSV)")
def see_bookings(client, session, booking, role, allowed):
    names = ["bookings", "access_needs", "sign_in_sheet"]
    urls = [reverse(f"events_session_{name}", args=[session.pk]) for name in names]
    responses = [client.get(url) for url in [*urls, urls[-1] + "?format=csv"]]
    assert_shown_or_refused(responses, role, allowed)
    # Each look is in the event's history; a refusal leaves none.
    assert PageLogEntry.objects.filter(action__startswith="events.").count() == (4 if allowed else 0)


@MATRIX.action("mark attendance at a session")
def mark_attendance(client, session, booking, role, allowed):
    url = reverse("events_session_attendance", args=[session.pk])
    form = client.get(url)
    response = client.post(url, {f"attended-{booking.pk}": "yes"})
    booking.refresh_from_db()
    if allowed:
        assert form.status_code == 200 and response.status_code == 302
        assert (booking.attended, booking.attended_places) == (True, booking.places)
    else:
        assert_refused(form, role)
        assert_refused(response, role)
        assert booking.attended is None


@MATRIX.action("send a message to everyone booked on a session")
def message_everyone(client, session, booking, role, allowed):
    from messaging.models import Message

    url = reverse("events_session_message", args=[session.pk])
    data = {"subject": "Change of room", "text": "Room 2", "message_id": "b" * 32}
    form = client.get(url)
    preview = client.post(url, {**data, "action": "preview"})
    response = client.post(url, {**data, "action": "send"})
    sent = Message.objects.filter(purpose="event_message")
    if allowed:
        assert form.status_code == 200 and preview.status_code == 200 and response.status_code == 302
        assert "This message will go to" in body(preview)
        assert sent.count() == 1
    else:
        for refused in (form, preview, response):
            assert_refused(refused, role)
        assert not sent.exists()


def test_every_event_action_has_a_check():
    MATRIX.assert_complete()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), MATRIX.cases())
def test_event_bookings_permission_matrix(client, world, booked_event, name, role):
    MATRIX.run(client, world, name, role, scene=booked_event)
