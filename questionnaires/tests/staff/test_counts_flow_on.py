"""Counts flow on: the closed page says how many responded, and "You said, We did" offers the number."""

import datetime

import pytest
from django.urls import reverse

from pages.tests.factories import YouSaidWeDidPageFactory, today
from questionnaires.models import Response
from questionnaires.tests.builders import questionnaire_page
from questionnaires.tests.staff.conftest import aware, consultation_stream
from questionnaires.tests.staff.helpers import respond

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(opportunity_index):
    return questionnaire_page(
        opportunity_index,
        consultation_stream(),
        title="Closed consultation",
        slug="closed",
        opens=today() - datetime.timedelta(days=90),
        closes=today() - datetime.timedelta(days=1),
    )


def responses(page):
    on_time = aware(page.closes - datetime.timedelta(days=5))
    made = [respond(page, submitted_at=on_time) for _ in range(4)]
    Response.objects.filter(pk=made[0].pk).update(status="duplicate")
    Response.objects.filter(pk=made[1].pk).update(status="withdrawn")
    late = respond(page)  # after the closing day: late, not counted until accepted
    return made, late


def test_a_closed_page_shows_how_many_responded(client, closed):
    _made, late = responses(closed)
    assert late.late
    page = client.get(closed.url)
    assert "2 responses were received." in page.content.decode()
    late.status = "late_accepted"
    late.save(update_fields=["status"])  # saved as marking saves it: the cached page goes stale
    assert "3 responses were received." in client.get(closed.url).content.decode()


def test_an_open_page_shows_no_running_total(client, consultation):
    respond(consultation)
    assert "received." not in client.get(consultation.url).content.decode()


def test_you_said_we_did_offers_the_count(client, users, closed, outcome_index):
    responses(closed)
    outcome = YouSaidWeDidPageFactory(parent=outcome_index, opportunity=closed, participants=None)
    client.force_login(users["admin"])
    form = client.get(reverse("wagtailadmin_pages:edit", args=[outcome.pk]))
    html = form.content.decode()
    assert "The site&#x27;s records count 2 people for" in html or "The site's records count 2 people" in html
    assert form.context["form"].initial["participants"] == 2


def test_you_said_we_did_keeps_a_number_already_typed(client, users, closed, outcome_index):
    responses(closed)
    outcome = YouSaidWeDidPageFactory(parent=outcome_index, opportunity=closed, participants=40)
    client.force_login(users["admin"])
    form = client.get(reverse("wagtailadmin_pages:edit", args=[outcome.pk]))
    assert form.context["form"]["participants"].value() == 40
