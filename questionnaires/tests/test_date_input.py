"""The date question is the NHS.UK date input: day, month and year boxes, what was typed kept after
an error, a clear message for each kind of wrong date, and the answer kept as an ISO date."""

import pytest

from questionnaires.forms import section_form
from questionnaires.tests.builders import question, questionnaire_page, section

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(opportunity_index):
    return questionnaire_page(
        opportunity_index, [section("When", question("date", "last-visit", "When did you go?"))]
    )


def typed(day, month, year):
    return {"last-visit_day": day, "last-visit_month": month, "last-visit_year": year}


def test_the_question_is_three_labelled_boxes_in_a_fieldset(client, page):
    html = client.get(f"{page.url}respond/section-1/").content.decode()
    assert '<fieldset class="nhsuk-fieldset" role="group"' in html
    assert (
        '<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">When did you go?</legend>' in html
    )
    assert 'class="nhsuk-date-input"' in html
    for part, label in [("day", "Day"), ("month", "Month"), ("year", "Year")]:
        assert f'name="last-visit_{part}"' in html and f">{label}</label>" in html


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2025", "There is no 31 February 2025: February 2025 has 28 days"),
        ("30", "2", "2024", "There is no 30 February 2024: February 2024 has 29 days"),
        ("31", "4", "2024", "There is no 31 April 2024"),
        ("12", "13", "2024", "The month must be a number from 1 to 12"),
        ("12", "3", "24", "The year must have 4 numbers"),
        ("", "3", "2024", "The date must include a day"),
        ("12", "", "", "The date must include a month and a year"),
        ("1st", "March", "2024", "Enter a real date, for example 27 3 2024"),
    ],
)
def test_a_wrong_date_is_refused_with_what_is_wrong_and_keeps_what_was_typed(
    client, page, day, month, year, message
):
    reply = client.post(f"{page.url}respond/section-1/", typed(day, month, year))
    html = reply.content.decode()
    assert reply.status_code == 200 and "There is a problem" in html
    assert message in html
    assert 'href="#id_last-visit_0"' in html  # the error summary goes to the day box
    for part, value in [("day", day), ("month", month), ("year", year)]:
        assert f'name="last-visit_{part}" value="{value}"' in html or (
            not value and f'name="last-visit_{part}" inputmode' in html
        )
    assert "nhsuk-input--error" in html


def test_a_real_date_is_kept_as_an_iso_date_and_shown_again_in_its_boxes(client, page):
    form = section_form(page, 0, data=typed("29", "2", "2024"))
    assert form.is_valid() and form.answers == {"last-visit": "2024-02-29"}
    assert client.post(f"{page.url}respond/section-1/", typed("7", "3", "2024")).status_code == 302
    again = client.get(f"{page.url}respond/section-1/").content.decode()
    assert 'name="last-visit_day" value="7"' in again and 'name="last-visit_year" value="2024"' in again


def test_an_optional_date_left_empty_is_no_answer(page):
    form = section_form(page, 0, data=typed("", "", ""))
    assert form.is_valid() and "last-visit" not in form.answers
