"""The staff buttons on an opportunity's editor (pages/admin_buttons.py): Responses, Analysis, Who we
heard from, Responses to publish, Bookings and Matching register members each show only to those
who may open what they link to, and only where there is something to see."""

import pytest


def buttons_on_editor(client, user, page):
    client.force_login(user)
    content = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    return {
        "responses": f"/admin/questionnaires/{page.pk}/responses/" in content,
        "analysis": f"/admin/analysis/{page.pk}/" in content,
        "reach": f"/admin/reach/{page.pk}/" in content,
        "to publish": f"/admin/published-responses/{page.pk}/" in content,
        "bookings": f"/admin/event-bookings/opportunity/{page.pk}/" in content,
        "matches": f"/admin/involvement/opportunity/{page.pk}/matches/" in content,
    }


@pytest.mark.django_db
def test_the_engagement_team_sees_every_button_on_an_event_that_takes_bookings(client, staff, session):
    assert all(buttons_on_editor(client, staff["engagement"], session.page).values())


@pytest.mark.django_db
def test_an_organiser_sees_only_bookings_and_an_editor_nothing(client, staff, session):
    shown = buttons_on_editor(client, staff["organiser"], session.page)
    assert {name for name, on in shown.items() if on} == {"bookings"}
    assert not any(buttons_on_editor(client, staff["editor"], session.page).values())


@pytest.mark.django_db
def test_no_bookings_button_where_no_session_takes_bookings(client, staff, event):
    assert buttons_on_editor(client, staff["engagement"], event)["bookings"] is False


@pytest.mark.django_db
def test_no_opportunity_buttons_on_other_pages(client, staff, opportunity_index):
    assert not any(buttons_on_editor(client, staff["admin"], opportunity_index).values())
