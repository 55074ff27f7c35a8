"""Every question type renders, validates and keeps what was typed; conditions on the server."""

import datetime
import json

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from pages.question_blocks import QuestionnaireBlock
from questionnaires.forms import section_form, whole_questionnaire_form
from questionnaires.questions import drop_hidden, sections_of, visible_keys
from questionnaires.recording import is_late
from questionnaires.tests.builders import every_type, question, questionnaire_page, section, two_sections

pytestmark = pytest.mark.django_db

# (key, a good value, a bad value, what the error says)
CASES = [
    ("name-of-service", "A&E", "x" * 501, "at most 500"),
    ("experience", "Quick and kind", "one two three four five six", "5 words or fewer"),
    ("travel", "Bus", "Boat", "Select a valid choice"),
    ("times", ["Mornings"], ["Mornings", "Afternoons", "Evenings"], "no more than 2"),
    ("agree-proposal", "agree", "maybe", "Select a valid choice"),
    ("fft", "very_good", "great", "Select a valid choice"),
    ("visits", "3", "51", "less than or equal to 50"),
    (
        "last-visit",
        {"last-visit_day": "27", "last-visit_month": "3", "last-visit_year": "2024"},
        {"last-visit_day": "31", "last-visit_month": "2", "last-visit_year": "2024"},
        "There is no 31 February 2024",
    ),
    ("carer", "yes", "perhaps", "Select a valid choice"),
    ("district", "LS1", "LS1 4AP", "only the first half"),
]


@pytest.fixture
def page(opportunity_index):
    return questionnaire_page(opportunity_index, every_type())


def test_all_eleven_types_are_on_the_form(client, page):
    html = client.get(f"{page.url}respond/section-1/").content.decode()
    for key, *_ in CASES:
        assert f'name="{key}"' in html or f'name="{key}_day"' in html
    assert "Thank you." in html  # the information block


@pytest.mark.parametrize(("key", "good", "bad", "message"), CASES, ids=[case[0] for case in CASES])
def test_each_type_validates_and_keeps_what_was_typed(client, page, key, good, bad, message):
    url = f"{page.url}respond/section-1/"
    good, bad = (value if isinstance(value, dict) else {key: value} for value in (good, bad))
    reply = client.post(url, {**bad, "name-of-service": "kept text"} if key != "name-of-service" else bad)
    html = reply.content.decode()
    assert reply.status_code == 200 and "There is a problem" in html
    assert message.replace("'", "&#x27;") in html
    if key != "name-of-service":
        assert 'value="kept text"' in html
    accepted = client.post(url, good)
    assert accepted.status_code == 302


def test_other_please_say_needs_its_text(page):
    form = section_form(page, 0, data={"travel": "__other__"})
    assert not form.is_valid() and "travel__other" in form.errors
    form = section_form(page, 0, data={"travel": "__other__", "travel__other": "Taxi"})
    assert form.is_valid() and form.answers == {"travel": "__other__", "travel__other": "Taxi"}


def test_the_block_refuses_duplicate_keys_and_bad_conditions():
    block = QuestionnaireBlock()
    stream = [
        section("One", question("short_text", "same"), question("yes_no", "later-source")),
        section(
            "Two",
            question("short_text", "same"),
            question("short_text", "needs-earlier", condition=("not-yet", "yes")),
            question("short_text", "bad-source", condition=("same", "x")),
            question("short_text", "bad-value", condition=("later-source", "maybe")),
        ),
    ]
    with pytest.raises(Exception) as refused:
        block.clean(block.to_python(stream))
    text = str(refused.value.as_json_data() if hasattr(refused.value, "as_json_data") else refused.value)
    assert "already used" in text and "earlier question" in text
    assert "not a single choice" in text and "is not an answer" in text
    assert block.clean(block.to_python(two_sections()))


ANSWERS = st.fixed_dictionaries(
    {},
    optional={
        "visited": st.sampled_from(["yes", "no"]),
        "visit-story": st.text(max_size=5),
        "travel": st.sampled_from(["Bus", "Car"]),
        "comments": st.text(max_size=5),
    },
)


@settings(max_examples=150, deadline=None)
@given(ANSWERS)
def test_hidden_answers_are_always_dropped(answers):
    sections = sections_of(two_sections())
    kept = drop_hidden(sections, answers)
    shown = set(visible_keys(sections, answers))
    assert set(kept) <= shown
    if answers.get("visited") != "yes":
        assert "visit-story" not in kept and "travel" not in kept
    assert {k: v for k, v in answers.items() if k in shown} == kept


def test_the_staff_form_applies_conditions(page, opportunity_index):
    other = questionnaire_page(opportunity_index, two_sections(), title="Two")
    form = whole_questionnaire_form(other, data={"visited": "no", "visit-story": "dropped", "travel": "Bus"})
    assert form.is_valid() and form.answers == {"visited": "no"}


@pytest.mark.parametrize(
    "closes", [datetime.date(2026, 7, 15), datetime.date(2026, 1, 15)], ids=["bst", "gmt"]
)
def test_the_closing_day_ends_at_midnight_in_london(opportunity_index, closes):
    page = questionnaire_page(opportunity_index, opens=closes - datetime.timedelta(days=30), closes=closes)
    london = timezone.get_current_timezone()
    on_time = datetime.datetime.combine(closes, datetime.time(23, 59), tzinfo=london)
    late = datetime.datetime.combine(
        closes + datetime.timedelta(days=1), datetime.time(0, 0, 30), tzinfo=london
    )
    assert str(london) == "Europe/London"
    assert not is_late(page, on_time) and is_late(page, late)


def test_hostile_input_is_escaped_never_a_500(client, page):
    hostile = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>\x00"
    data = {key: hostile for key, *_ in CASES}
    data["times"] = [hostile, "\x00" * 3]
    reply = client.post(f"{page.url}respond/section-1/", data)
    assert reply.status_code == 200
    assert "<script>alert(1)</script>" not in reply.content.decode()
    for path in [
        "section-1/?change=%00",
        "check/",
        "done/",
        "save/",
        "resume/?t=%3Cscript%3E",
        "section-99999999999/",
    ]:
        assert client.get(f"{page.url}respond/{path}").status_code in (200, 302, 400, 404, 410)
    json.dumps(data)
