"""A session people have booked cannot be removed in the editor: the form says why, not a 500."""

import pytest

from events.tests.factories import BookingFactory, EventSessionFactory
from pages.models import EventSession, OpportunityPage
from workflows.tests.helpers import edit_url, editor_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")


def remove_first_session(client, page):
    data = editor_form(client, page)
    assert data["sessions-TOTAL_FORMS"] == "1"
    data["sessions-0-DELETE"] = "1"
    return client.post(edit_url(page), data)


def test_a_booked_session_is_kept_with_a_message(client, admin, session):
    BookingFactory(session=session)
    client.force_login(admin)
    response = remove_first_session(client, session.page)
    assert response.status_code == 200
    assert "has bookings, so it cannot be removed" in response.content.decode()
    assert EventSession.objects.filter(pk=session.pk).exists()
    assert (
        OpportunityPage.objects.get(pk=session.page_id).get_latest_revision_as_object().sessions.count() == 1
    )


def test_a_session_nobody_booked_can_be_removed(client, admin, event):
    EventSessionFactory(page=event)
    event.save_revision()
    client.force_login(admin)
    response = remove_first_session(client, event)
    assert response.status_code == 302
    assert OpportunityPage.objects.get(pk=event.pk).get_latest_revision_as_object().sessions.count() == 0
