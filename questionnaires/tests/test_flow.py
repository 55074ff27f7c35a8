"""The public questionnaire, driven as a respondent does with the test client."""

import datetime

import pytest
from django.core import mail

from pages.tests.factories import today
from questionnaires.models import Response
from questionnaires.tests.builders import questionnaire_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(opportunity_index):
    return questionnaire_page(opportunity_index, questionnaire_minutes=5)


def respond_url(page, step=""):
    return f"{page.url}respond/{step}"


def test_the_opportunity_page_offers_respond_online_while_open(client, page):
    html = client.get(page.url).content.decode()
    assert "Respond online" in html and respond_url(page) in html


def test_a_full_response_from_start_to_reference(client, page):
    start = client.get(respond_url(page))
    assert start.status_code == 200
    html = start.content.decode()
    assert "Start now" in html and "about 5 minutes" in html and "2 sections" in html

    first = client.get(respond_url(page, "section-1/"))
    assert "section 1 of 2" in first.content.decode()
    answered = client.post(respond_url(page, "section-1/"), {"visited": "yes", "visit-story": "Long wait"})
    assert answered.status_code == 302 and answered.url == respond_url(page, "section-2/")
    second = client.post(respond_url(page, "section-2/"), {"travel": "Bus", "comments": "Thanks"})
    assert second.url == respond_url(page, "check/")

    check = client.get(respond_url(page, "check/")).content.decode()
    assert "Long wait" in check and "Bus" in check and "section-2/?change=1" in check
    sent = client.post(respond_url(page, "check/"), {"email": "someone@example.com"})
    assert sent.url == respond_url(page, "done/")
    done = client.get(sent.url).content.decode()
    response = Response.objects.get()
    assert response.reference in done
    assert response.answers == {
        "visited": "yes",
        "visit-story": "Long wait",
        "travel": "Bus",
        "comments": "Thanks",
    }
    assert not response.late and response.channel == "online" and response.client_hash
    receipt = mail.outbox[-1]
    assert response.reference in receipt.subject and "Long wait" in receipt.body


def test_errors_are_summarised_and_typed_values_kept(client, page):
    client.get(respond_url(page, "section-1/"))
    reply = client.post(respond_url(page, "section-1/"), {"visited": "yes", "visit-story": ""})
    html = reply.content.decode()
    assert reply.status_code == 200 and "There is a problem" in html and html.count("Enter an answer") == 2
    assert 'value="yes" checked' in html.replace("  ", " ") or "checked" in html


def test_answers_hidden_by_a_later_change_are_dropped(client, page):
    client.post(respond_url(page, "section-1/"), {"visited": "yes", "visit-story": "Long wait"})
    client.post(respond_url(page, "section-2/"), {"travel": "Car"})
    changed = client.post(
        respond_url(page, "section-1/"), {"visited": "no", "visit-story": "ignored", "change": "1"}
    )
    assert changed.url == respond_url(page, "check/")
    # The travel question depends on having visited: it is no longer asked, and its answer is gone.
    second = client.get(respond_url(page, "section-2/")).content.decode()
    assert 'name="travel"' not in second
    client.post(respond_url(page, "check/"), {})
    assert Response.objects.get().answers == {"visited": "no"}


def test_before_opening_it_says_when_it_opens(client, opportunity_index):
    page = questionnaire_page(opportunity_index, opens=today() + datetime.timedelta(days=3))
    html = client.get(respond_url(page)).content.decode()
    assert "not open yet" in html and "Start now" not in html
    assert client.get(respond_url(page, "section-1/")).url == respond_url(page)
    assert "Respond online" not in client.get(page.url).content.decode()


def test_after_closing_a_newcomer_is_told_it_has_closed(client, opportunity_index):
    page = questionnaire_page(
        opportunity_index,
        opens=today() - datetime.timedelta(days=30),
        closes=today() - datetime.timedelta(days=1),
    )
    html = client.get(respond_url(page)).content.decode()
    assert "has closed" in html and "Start now" not in html
    posted = client.post(respond_url(page, "section-1/"), {"visited": "no"})
    assert posted.url == respond_url(page)
    assert not Response.objects.exists()


def test_unknown_steps_and_pages_are_not_found(client, page, opportunity_index):
    assert client.get(respond_url(page, "section-9/")).status_code == 404
    assert client.get(respond_url(page, "about-you/")).status_code == 404
    assert client.get("/get-involved/nothing-here/respond/").status_code == 404
    plain = questionnaire_page(opportunity_index, [], title="No questions")
    assert client.get(respond_url(plain)).status_code == 404


def test_the_honeypot_refuses_without_storing(client, page):
    client.post(respond_url(page, "section-1/"), {"visited": "no"})
    client.post(respond_url(page, "section-2/"), {})
    refused = client.post(respond_url(page, "check/"), {"website": "http://spam.example"})
    assert refused.status_code == 200 and not Response.objects.exists()


def test_the_flow_is_never_cached(client, page):
    reply = client.get(respond_url(page))
    assert "no-store" in reply["Cache-Control"] or "max-age=0" in reply["Cache-Control"]
    assert "X-Page-Cache" not in reply or reply["X-Page-Cache"] != "hit"
