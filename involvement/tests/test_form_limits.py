"""Every field of the public forms has a size limit; over-long input gets a clear error naming the
field and its limit, the form keeps what was typed, and nothing is stored."""

import html

import pytest
from django import forms

from involvement.forms import FeedbackForm, RegisterForm
from involvement.models import Feedback, Member, ParticipationMethod

REGISTER_URL = "/get-involved/join/"
FEEDBACK_URL = "/share-your-experience/"
LONG_EMAIL = "a" * 250 + "@example.com"


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", [RegisterForm, FeedbackForm])
def test_every_text_field_has_a_size_limit(form_class):
    text_fields = {
        name: field for name, field in form_class().fields.items() if isinstance(field, forms.CharField)
    }
    assert "email" in text_fields and "name" in text_fields
    unlimited = [name for name, field in text_fields.items() if not field.max_length]
    assert unlimited == []


def register_data(register_page, topics, **overrides):
    data = {
        "name": "Robin Example",
        "email": "robin@example.com",
        "preferred_contact": "email",
        "topics": [str(topics[0].pk)],
        "methods": [str(ParticipationMethod.objects.get(slug="online-surveys").pk)],
        "consent": "on",
        "privacy_revision": str(register_page.consent_record()[0] or ""),
        "website": "",
    }
    return {**data, **overrides}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "N" * 151, "Full name must be 150 characters or fewer"),
        ("email", LONG_EMAIL, "Email address must be 254 characters or fewer"),
        ("phone", "0" * 31, "Phone number must be 30 characters or fewer"),
        ("address", "1 High Street\n" * 40, "Postal address must be 500 characters or fewer"),
        ("postcode", "NG18 1AB" + "X" * 3, "Postcode must be 10 characters or fewer"),
        ("access_needs", "Large print. " * 80, "Access needs must be 1000 characters or fewer"),
    ],
)
def test_register_refuses_over_long_input_and_keeps_it(client, register_page, topics, field, value, message):
    response = client.post(REGISTER_URL, register_data(register_page, topics, **{field: value}))
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert 'class="nhsuk-error-summary"' in text
    assert message in text
    assert value.strip() in text, "what was typed was lost"
    assert "Robin Example" in text or field == "name"
    assert Member.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("service", "S" * 201, "The name of the service must be 200 characters or fewer"),
        ("experience", "It went well. " * 400, "Your experience must be 5000 characters or fewer"),
        ("name", "N" * 151, "Your name must be 150 characters or fewer"),
        ("email", LONG_EMAIL, "Email address must be 254 characters or fewer"),
        ("phone", "0" * 31, "Phone number must be 30 characters or fewer"),
    ],
)
def test_feedback_refuses_over_long_input_and_keeps_it(client, feedback_page, field, value, message):
    data = {
        "kind": "comment",
        "service": "Example Road Surgery",
        "experience": "Friendly staff.",
        "consent_to_contact": "on",
        "email": "pat@example.com",
        "website": "",
        field: value,
    }
    response = client.post(FEEDBACK_URL, data)
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert 'class="nhsuk-error-summary"' in text
    assert message in text
    assert value.strip() in text, "what was typed was lost"
    assert Feedback.objects.count() == 0
