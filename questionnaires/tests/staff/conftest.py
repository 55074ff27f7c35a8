"""Fixtures for the staff side: one user per role, and a four-section consultation with responses."""

import datetime

import pytest
from django.utils import timezone

from questionnaires.tests.builders import question, questionnaire_page, section
from workflows.tests import conftest as sign_off_fixtures

# One user per role, each with an email address, plus a superuser: the sign-off tests' own.
users = sign_off_fixtures.users


@pytest.fixture
def engagement_client(client, users):
    client.force_login(users["engagement"])
    return client


def consultation_stream():
    """Four sections: scales, a choice with "Other", free text and a condition across sections."""
    return [
        section(
            "Your experience",
            question("fft", "fft", "Overall, how was your experience of urgent care?", required=True),
            question("yes_no", "used-111", "Have you used NHS 111 in the last year?"),
        ),
        section(
            "Getting there",
            question("single_choice", "travel", "How did you travel?", allow_other=True),
            question("postcode_district", "district", "Where do you live?"),
        ),
        section(
            "The proposal",
            question("agreement", "agree", "Do you agree with the proposal?"),
            question("long_text", "why", "Why have you not used NHS 111?", condition=("used-111", "no")),
        ),
        section(
            "Anything else",
            question("short_text", "comments", "Anything else you would like to tell us?"),
            question("number", "visits", "How many times did you visit?", min_value=0, max_value=50),
        ),
    ]


@pytest.fixture
def consultation(opportunity_index):
    return questionnaire_page(
        opportunity_index, consultation_stream(), title="Urgent care consultation", slug="urgent-care"
    )


def aware(day, hour=12):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
