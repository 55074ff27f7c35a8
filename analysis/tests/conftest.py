"""A small survey with hand-counted answers, and the sign-off fixtures (a user per role)."""

import pytest

from questionnaires.models import ResponseStatus
from questionnaires.recording import record_response
from questionnaires.tests.builders import question, questionnaire_page, section
from workflows.tests.conftest import signoff_index, users  # noqa: F401

STREAM = [
    section(
        "Your views",
        question("single_choice", "travel", "How did you travel?", allow_other=True),
        question("multiple_choice", "times", "When could you come?"),
        question("fft", "fft", "How was the service?"),
        question("yes_no", "carer", "Are you a carer?"),
        question("number", "visits", "Visits this year", min_value=0, max_value=9),
        question("postcode_district", "district", "Postcode district"),
        question("long_text", "why", "Why do you say that?"),
    )
]

# (answers, about you, channel, status): the fixture the expected figures below were counted from.
ANSWERS = [
    (
        {
            "travel": "Bus",
            "times": ["Mornings", "Evenings"],
            "fft": "very_good",
            "carer": "yes",
            "visits": 0,
            "district": "LS6",
            "why": "The walk-in centre saved my evening.",
        },
        {"age_band": "65_74"},
        "online",
        None,
    ),
    (
        {
            "travel": "Bus",
            "times": ["Mornings"],
            "fft": "good",
            "carer": "no",
            "visits": 3,
            "district": "LS6",
            "why": "Parking is hard.",
        },
        {"age_band": "65_74"},
        "paper",
        None,
    ),
    (
        {
            "travel": "Car",
            "times": ["Evenings"],
            "fft": "good",
            "carer": "no",
            "visits": 9,
            "district": "BD10",
        },
        {"age_band": "18_24"},
        "online",
        None,
    ),
    (
        {
            "travel": "__other__",
            "travel__other": "Taxi",
            "fft": "poor",
            "visits": 4,
            "why": "Nobody answered the phone.",
        },
        {},
        "email",
        None,
    ),
    ({"travel": "Walk", "times": ["Afternoons", "Evenings"], "carer": "yes"}, {}, "online", None),
    # Not counted in public, so not analysed: a duplicate and a withdrawn response.
    ({"travel": "Car", "fft": "very_poor", "why": "Duplicate"}, {}, "online", ResponseStatus.DUPLICATE),
    ({"travel": "Car", "fft": "very_poor"}, {}, "online", ResponseStatus.WITHDRAWN),
]


@pytest.fixture
def survey(opportunity_index):
    return questionnaire_page(opportunity_index, STREAM, title="Walk-in centre survey", slug="walk-in-survey")


@pytest.fixture
def answered(survey):
    responses = []
    for answers, about_you, channel, status in ANSWERS:
        response = record_response(survey, answers=answers, about_you=about_you, channel=channel)
        if status:
            type(response).objects.filter(pk=response.pk).update(status=status)
        responses.append(response)
    return survey, responses


@pytest.fixture
def engagement_client(client, users):  # noqa: F811
    client.force_login(users["engagement"])
    return client
