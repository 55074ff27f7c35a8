"""Joining the involvement register: the form, its errors, spam protection and de-duplication."""

import html

import pytest
from django.test import override_settings

from involvement.models import Member, ParticipationMethod
from involvement.spam import HONEYPOT_MESSAGE, RATE_LIMIT_MESSAGE
from involvement.tests.mailbox import confirm
from pages.tests.factories import AudienceFactory

URL = "/get-involved/join/"


def form_data(register_page, terms, **overrides):
    data = {
        "name": "Robin Example",
        "email": "robin@example.com",
        "phone": "",
        "address": "",
        "postcode": "",
        "preferred_contact": "email",
        "topics": [str(terms[0].pk)],
        "methods": [str(ParticipationMethod.objects.get(slug="online-surveys").pk)],
        "access_needs": "",
        "consent": "on",
        "privacy_revision": str(register_page.consent_record()[0] or ""),
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def page_text(response):
    return html.unescape(response.content.decode())


@pytest.mark.django_db
def test_form_renders_with_fieldsets_honeypot_and_privacy_link(client, register_page, topics):
    response = client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert (
        '<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Which topics are you interested in?'
        in (content)
    )
    assert "How would you prefer us to contact you?" in content
    assert 'class="app-honeypot"' in content
    assert 'tabindex="-1"' in content and 'autocomplete="off"' in content
    assert "Leave this field empty" in content
    assert 'href="/privacy-notice/"' in content
    assert "Prefer not to say" in content
    assert "no-cache" in response.headers["Cache-Control"]
    assert "nhsuk-error-summary" not in content


@pytest.mark.django_db
def test_joining_stores_member_and_shows_confirmation(client, register_page, topics, privacy_notice):
    carers = AudienceFactory(name="Carers")
    data = form_data(
        register_page,
        topics,
        topics=[str(topics[0].pk), str(topics[1].pk)],
        audiences=[str(carers.pk)],
        age_band="prefer_not",
        carer="yes",
        access_needs="Large print",
    )
    response = client.post(URL, data)
    assert response.status_code == 302
    assert response["Location"] == "/get-involved/join/thank-you/"

    member = Member.objects.get()
    assert member.name == "Robin Example"
    assert member.email == "robin@example.com"
    assert set(member.topics.all()) == {topics[0], topics[1]}
    assert list(member.audiences.all()) == [carers]
    assert [m.slug for m in member.methods.all()] == ["online-surveys"]
    assert member.age_band == "prefer_not" and member.carer == "yes"
    assert member.access_needs == "Large print"
    assert member.consent_revision_id == privacy_notice.live_revision_id
    assert "Privacy notice" in member.consent_version
    assert f"revision {privacy_notice.live_revision_id}" in member.consent_version
    assert member.consented_at is not None

    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    assert "Check your email" in confirmation.content.decode()
    assert "Robin" not in confirmation.content.decode()
    assert not member.is_confirmed


@pytest.mark.django_db
def test_joining_twice_updates_the_same_member_once_confirmed(client, register_page, topics):
    client.post(URL, form_data(register_page, topics))
    first = Member.objects.get()
    first.confirm()

    response = client.post(
        URL,
        form_data(
            register_page,
            topics,
            email="  ROBIN@Example.COM ",
            topics=[str(topics[2].pk)],
            phone="01632 960 123",
        ),
    )
    assert response.status_code == 302
    member = Member.objects.get()
    assert member.pk == first.pk
    assert list(member.topics.all()) == [topics[0]]
    assert confirm(client, "robin@example.com", "/confirm-change/").status_code == 200
    member = Member.objects.get()
    assert list(member.topics.all()) == [topics[2]]
    assert member.phone == "01632 960 123"
    assert member.joined_at == first.joined_at
    assert member.last_activity_at > first.last_activity_at


@pytest.mark.django_db
def test_joining_twice_without_email_matches_name_and_phone(client, register_page, topics):
    data = form_data(register_page, topics, email="", phone="01632 960 555", preferred_contact="phone")
    client.post(URL, data)
    client.post(URL, {**data, "name": "robin  EXAMPLE", "phone": "+44 1632 960555"})
    assert Member.objects.count() == 1


@pytest.mark.django_db
def test_different_people_at_one_phone_number_are_two_members(client, register_page, topics):
    data = form_data(register_page, topics, email="", phone="01632 960 555", preferred_contact="phone")
    client.post(URL, data)
    client.post(URL, {**data, "name": "Sam Example"})
    assert Member.objects.count() == 2


def assert_refused(response, message, *kept):
    """The form comes back with the message in the summary and inline, and keeps what was typed."""
    assert response.status_code == 200
    text = page_text(response)
    assert 'class="nhsuk-error-summary"' in text
    assert 'role="alert"' in text
    assert message in text
    for value in kept:
        assert value in text, value


@pytest.mark.django_db
def test_missing_consent_is_refused(client, register_page, topics):
    response = client.post(URL, form_data(register_page, topics, consent=None, access_needs="Hearing loop"))
    assert_refused(
        response, "Tick the box to agree to us keeping your details", "Robin Example", "robin@example.com"
    )
    assert "Hearing loop" in page_text(response)
    assert 'href="#id_consent"' in response.content.decode()
    assert Member.objects.count() == 0


@pytest.mark.django_db
def test_invalid_email_is_refused(client, register_page, topics):
    response = client.post(URL, form_data(register_page, topics, email="robin-at-example"))
    assert_refused(
        response, "Enter an email address in the correct format, like name@example.com", "robin-at-example"
    )
    assert 'class="nhsuk-error-message"' in response.content.decode()
    assert 'href="#id_email"' in response.content.decode()
    assert Member.objects.count() == 0


@pytest.mark.django_db
def test_no_contact_details_is_refused(client, register_page, topics):
    response = client.post(URL, form_data(register_page, topics, email=""))
    assert_refused(
        response,
        "Enter at least one way to contact you: an email address, phone number or postal address",
        "Robin Example",
    )
    assert Member.objects.count() == 0


@pytest.mark.django_db
def test_preferred_method_needs_its_detail(client, register_page, topics):
    response = client.post(URL, form_data(register_page, topics, preferred_contact="post"))
    assert_refused(response, "Enter your address, or choose another way to contact you")
    assert Member.objects.count() == 0


@pytest.mark.django_db
def test_no_topic_is_refused_with_a_link_to_the_first_checkbox(client, register_page, topics):
    response = client.post(URL, form_data(register_page, topics, topics=None))
    assert_refused(response, "Select at least one topic you are interested in")
    assert 'href="#id_topics_0"' in response.content.decode()


@pytest.mark.django_db
def test_oversized_fields_are_refused(client, register_page, topics):
    long_name = "N" * 151
    response = client.post(
        URL, form_data(register_page, topics, name=long_name, access_needs="x" * 1001, phone="0" * 31)
    )
    assert_refused(
        response,
        "Full name must be 150 characters or fewer",
        "Access needs must be 1000 characters or fewer",
        "Phone number must be 30 characters or fewer",
        long_name,
    )
    assert ' maxlength="' not in response.content.decode()
    assert Member.objects.count() == 0


@pytest.mark.django_db
def test_html_and_script_are_kept_as_text_and_escaped(client, register_page, topics):
    script = '<script>alert("x")</script>'
    response = client.post(
        URL, form_data(register_page, topics, name=script, email="bad", access_needs=script)
    )
    content = response.content.decode()
    assert script not in content
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in content
    assert Member.objects.count() == 0

    client.post(URL, form_data(register_page, topics, name=script, access_needs="<b>bold</b> & more"))
    member = Member.objects.get()
    assert member.name == script
    assert member.access_needs == "<b>bold</b> & more"


@pytest.mark.django_db
def test_filled_honeypot_stores_nothing_and_says_why(client, register_page, topics):
    response = client.post(URL, form_data(register_page, topics, website="http://spam.example"))
    assert_refused(response, HONEYPOT_MESSAGE, "Robin Example", "robin@example.com")
    assert Member.objects.count() == 0


@pytest.mark.django_db
@override_settings(INVOLVEMENT_RATE_LIMIT=(2, 3600))
def test_rapid_repeats_from_one_address_are_refused(client, register_page, topics):
    for n in range(2):
        response = client.post(URL, form_data(register_page, topics, email=f"person{n}@example.com"))
        assert response.status_code == 302
    response = client.post(URL, form_data(register_page, topics, email="person3@example.com"))
    assert_refused(response, RATE_LIMIT_MESSAGE, "person3@example.com", "Robin Example")
    assert Member.objects.count() == 2

    # Another address is not affected.
    response = client.post(
        URL, form_data(register_page, topics, email="other@example.com"), REMOTE_ADDR="192.0.2.9"
    )
    assert response.status_code == 302
    assert Member.objects.count() == 3


@pytest.mark.django_db
def test_consent_must_be_given_again_when_the_privacy_notice_changed(
    client, register_page, topics, privacy_notice
):
    data = form_data(register_page, topics)
    privacy_notice.title = "Privacy notice (updated)"
    privacy_notice.save_revision().publish()
    response = client.post(URL, data)
    assert_refused(response, "Our privacy notice has changed since you opened this page", "Robin Example")
    assert Member.objects.count() == 0

    response = client.post(URL, form_data(register_page, topics))
    assert response.status_code == 302
    assert "Privacy notice (updated)" in Member.objects.get().consent_version


@pytest.mark.django_db
def test_unknown_choices_are_refused(client, register_page, topics):
    response = client.post(URL, form_data(register_page, topics, age_band="ancient", topics=["99999"]))
    assert_refused(response, "Select an answer from the list", "Select topics from the list")
    assert Member.objects.count() == 0
