"""Sharing an experience: signposting, the form, its errors and spam protection."""

import html

import pytest
from django.test import override_settings
from wagtail.models import Site

from involvement.models import Feedback
from involvement.spam import HONEYPOT_MESSAGE, RATE_LIMIT_MESSAGE
from pages.models import OrganisationSettings

URL = "/share-your-experience/"


def form_data(**overrides):
    data = {
        "kind": "concern",
        "service": "Example Road Surgery",
        "topic": "",
        "experience": "I waited a long time on the phone.",
        "name": "",
        "email": "",
        "phone": "",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def page_text(response):
    return html.unescape(response.content.decode())


def assert_refused(response, message, *kept):
    assert response.status_code == 200
    text = page_text(response)
    assert 'class="nhsuk-error-summary"' in text
    assert message in text
    for value in kept:
        assert value in text, value
    assert Feedback.objects.count() == 0


@pytest.mark.django_db
def test_pals_and_urgent_help_come_before_the_form(client, feedback_page):
    org = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    org.pals_details = "<p>Call PALS on 01632 960 430.</p>"
    org.save()
    content = client.get(URL).content.decode()
    form_at = content.index('<form method="post" action="/share-your-experience/"')
    assert content.index("Call PALS on 01632 960 430.") < form_at
    assert content.index("not for urgent medical help or complaints") < form_at
    assert content.index("111") < form_at and content.index("999") < form_at


@pytest.mark.django_db
def test_sending_feedback_stores_it_and_confirms(client, feedback_page, topics):
    response = client.post(
        URL,
        form_data(
            topic=str(topics[0].pk),
            consent_to_contact="on",
            name="Pat Example",
            email="pat@example.com",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == "/share-your-experience/thank-you/"
    item = Feedback.objects.get()
    assert (item.kind, item.service, item.topic) == ("concern", "Example Road Surgery", topics[0])
    assert item.status == "new" and item.theme is None
    assert (item.name, item.email, item.consent_to_contact) == ("Pat Example", "pat@example.com", True)

    confirmation = client.get(response["Location"])
    assert "Thank you for sharing your experience" in confirmation.content.decode()
    assert "waited a long time" not in confirmation.content.decode()


@pytest.mark.django_db
def test_contact_details_are_not_kept_without_consent(client, feedback_page):
    client.post(URL, form_data(name="Pat Example", email="pat@example.com", phone="01632 960 111"))
    item = Feedback.objects.get()
    assert (item.name, item.email, item.phone, item.consent_to_contact) == ("", "", "", False)


@pytest.mark.django_db
def test_consent_to_contact_needs_a_way_to_contact(client, feedback_page):
    response = client.post(URL, form_data(consent_to_contact="on", name="Pat Example"))
    assert_refused(
        response,
        "Enter an email address or phone number so we can contact you",
        "Pat Example",
        "I waited a long time on the phone.",
    )


@pytest.mark.django_db
def test_missing_kind_and_experience_are_refused(client, feedback_page):
    response = client.post(URL, form_data(kind=None, experience=""))
    assert_refused(
        response,
        "Select whether this is a compliment, comment, concern or suggestion",
        "Tell us about your experience",
        "Example Road Surgery",
    )
    assert 'href="#id_kind_0"' in response.content.decode()


@pytest.mark.django_db
def test_invalid_email_is_refused(client, feedback_page):
    response = client.post(URL, form_data(consent_to_contact="on", email="pat@"))
    assert_refused(response, "Enter an email address in the correct format, like name@example.com", "pat@")


@pytest.mark.django_db
def test_oversized_fields_are_refused(client, feedback_page):
    story = "A" * 5001
    response = client.post(URL, form_data(experience=story, service="S" * 201))
    assert_refused(
        response,
        "Your experience must be 5000 characters or fewer",
        "The name of the service must be 200 characters or fewer",
        story,
    )


@pytest.mark.django_db
def test_html_and_script_are_kept_as_text_and_escaped(client, feedback_page):
    script = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    response = client.post(URL, form_data(experience=script, kind=None))
    assert script not in response.content.decode()
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in response.content.decode()
    )
    assert Feedback.objects.count() == 0

    client.post(URL, form_data(experience=script))
    assert Feedback.objects.get().experience == script


@pytest.mark.django_db
def test_filled_honeypot_stores_nothing(client, feedback_page):
    response = client.post(URL, form_data(website="buy now"))
    assert_refused(response, HONEYPOT_MESSAGE, "I waited a long time on the phone.")


@pytest.mark.django_db
@override_settings(INVOLVEMENT_RATE_LIMIT=(3, 3600))
def test_rapid_repeats_are_refused(client, feedback_page):
    for n in range(3):
        assert client.post(URL, form_data(experience=f"Story {n}")).status_code == 302
    response = client.post(URL, form_data(experience="Story 4"))
    assert response.status_code == 200
    assert RATE_LIMIT_MESSAGE in page_text(response)
    assert "Story 4" in page_text(response)
    assert Feedback.objects.count() == 3
