"""The annual report counts the year's questionnaire responses by channel, as the public pages do."""

import datetime

import pytest

from pages.tests.factories import today
from questionnaires.models import Response
from questionnaires.tests.builders import questionnaire_page
from questionnaires.tests.staff.conftest import aware, consultation_stream
from questionnaires.tests.staff.helpers import respond
from reporting.figures import compute, year_containing
from reporting.tests.factories import EngagementReportPageFactory
from reporting.tests.helpers import csv_sections, page_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_of_responses(opportunity_index):
    year = year_containing(today() - datetime.timedelta(days=400))
    page = questionnaire_page(
        opportunity_index,
        consultation_stream(),
        opens=year.start,
        closes=year.start + datetime.timedelta(days=90),
    )
    inside = aware(year.start + datetime.timedelta(days=10))
    for channel, count in {"online": 3, "paper": 2, "phone": 1}.items():
        for _ in range(count):
            respond(page, channel=channel, submitted_at=inside)
    duplicate = respond(page, channel="email", submitted_at=inside)
    Response.objects.filter(pk=duplicate.pk).update(status="duplicate")
    respond(
        page, channel="event", submitted_at=aware(year.start - datetime.timedelta(days=5))
    )  # the year before
    return year


def test_the_report_counts_responses_by_channel(year_of_responses):
    report = compute(year_of_responses.start_year)
    assert [(t.label, t.count) for t in report.responses_by_channel] == [
        ("Online", 3),
        ("Paper", 2),
        ("Email", 0),
        ("Phone", 1),
        ("Event", 0),
    ]


def test_the_page_and_the_csv_show_them_with_small_numbers_hidden(client, home, year_of_responses):
    page = EngagementReportPageFactory(parent=home, year_start=year_of_responses.start_year)
    page.save_revision().publish()
    hidden = "fewer than 5"
    expected = {"Online": hidden, "Paper": hidden, "Phone": hidden, "Total": "6"}
    _headings, rows = page_tables(client.get(page.url).content.decode())["Questionnaire responses by channel"]
    assert dict(rows) == expected
    _top, sections = csv_sections(client.get(page.url + "figures.csv").content.decode())
    _headings, rows = sections["Questionnaire responses by channel"]
    assert dict(rows) == expected
