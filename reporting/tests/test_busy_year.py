"""A busy year: the report page stays readable and small, the CSV keeps every row.

Hundreds of 'You said, We did' items and overdue opportunities in one reporting year, and dozens
of consultations with a five-stage sign-off each, inserted in bulk (benchmarks.volume.add_live_children).
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.volume import add_live_children
from pages.models import OpportunityPage, YouSaidWeDidPage
from reporting.tables import LISTED
from reporting.tests import dataset
from reporting.tests.factories import EngagementReportPageFactory
from reporting.tests.helpers import csv_sections, html_problems, page_tables
from workflows.models import SignOffDecision

CONSULTATIONS = 80
ITEMS = 400
OVERDUE = 150
PAGE_BUDGET_BYTES = 150 * 1024
QUERY_BUDGET = 15

YSWD = "'You said, We did' items published"
OVERDUE_CAPTION = "Feedback overdue on 31 March 2024"
CONSULTATIONS_CAPTION = "Consultations, their sign-off and outcome"


def day(n):
    """The nth day of the 2023/24 reporting year, 0 being 1 April 2023."""
    return datetime.date(2023, 4, 1) + datetime.timedelta(days=n)


def opportunity(n, title, opens, closes, **fields):
    return OpportunityPage(
        title=title,
        slug=f"busy-{n}",
        summary="What we want to hear about.",
        how_to_take_part="<p>Fill in the survey.</p>",
        opens=opens,
        closes=closes,
        **fields,
    )


def build_busy_year(opportunity_index, outcome_index):
    consultations = [
        opportunity(
            n,
            f"Consultation {n} on changing community stroke rehabilitation services",
            day(n),
            day(n + 84),
            opportunity_type="consultation",
            level="consult",
            category="C",
        )
        for n in range(CONSULTATIONS)
    ]
    overdue = [
        opportunity(
            CONSULTATIONS + n,
            f"Survey {n} about patient transport to hospital appointments",
            day(0),
            day(20 + n % 30),
            opportunity_type="survey",
        )
        for n in range(OVERDUE)
    ]
    add_live_children(opportunity_index, consultations + overdue)
    SignOffDecision.objects.bulk_create(
        SignOffDecision(
            page_id=page.pk,
            page_title=page.title,
            stage=stage,
            stage_name=name,
            category="C",
            decision="approved",
            comment="Recorded for the test.",
            decided_at=dataset.at(f"{page.opens - datetime.timedelta(days=20)} 10:{minute:02d}"),
        )
        for page in consultations
        for minute, (stage, name) in enumerate(dataset.STAGES.items())
    )
    items = [
        YouSaidWeDidPage(
            title=f"Stroke rehabilitation: you told us about waiting times ({n})",
            slug=f"busy-item-{n}",
            you_said="<p>Waits were too long.</p>",
            we_did_summary="We added clinics.",
            date=day(n % 360),
            participants=n % 50,
            # Half the consultations are answered by an item in the year.
            opportunity_id=consultations[n].pk if n < CONSULTATIONS // 2 else None,
        )
        for n in range(ITEMS)
    ]
    add_live_children(outcome_index, items)


@pytest.fixture
def busy_report(home, opportunity_index, outcome_index):
    build_busy_year(opportunity_index, outcome_index)
    page = EngagementReportPageFactory(parent=home, year_start=dataset.YEAR)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache_off")
def test_a_busy_year_fits_on_one_page_within_the_query_budget(client, busy_report):
    client.get(busy_report.url)  # warms the site root paths and the settings row
    with CaptureQueriesContext(connection) as queries:
        response = client.get(busy_report.url)
    assert response.status_code == 200
    assert len(queries) <= QUERY_BUDGET, [q["sql"][:150] for q in queries.captured_queries]
    assert len(response.content) < PAGE_BUDGET_BYTES
    html = response.content.decode()
    assert html_problems(html) == []

    tables = page_tables(html)
    # Every consultation is listed, with its whole sign-off path: they are the legal evidence.
    _headings, consultations = tables[CONSULTATIONS_CAPTION]
    assert len(consultations) == CONSULTATIONS
    assert all(row[4].count("approved") == 5 for row in consultations)
    assert sum(row[5].startswith("Outcome published") for row in consultations) == CONSULTATIONS // 2

    # The long lists show the most recent items and the longest overdue, and say how many more.
    _headings, items = tables[YSWD]
    assert len(items) == LISTED + 1  # and the total, of every item
    assert items[-1][0] == f"Total, all {ITEMS} items"
    assert items[-1][-1] == str(sum(n % 50 for n in range(ITEMS)))
    assert [row[1] for row in items[:-1]] == sorted(
        (row[1] for row in items[:-1]), key=lambda text: datetime.datetime.strptime(text, "%d %B %Y")
    )
    assert items[-2][1] == "25 March 2024"  # the latest item, day 358 of the year
    assert f"These are the {LISTED} most recent of {ITEMS} items, and {ITEMS - LISTED} more" in html
    _headings, overdue = tables[OVERDUE_CAPTION]
    assert len(overdue) == LISTED
    days_overdue = [int(row[4]) for row in overdue]
    assert days_overdue == sorted(days_overdue, reverse=True)
    # The unanswered consultations are overdue too.
    total = busy_report.get_figures().overdue_total
    assert total == OVERDUE + CONSULTATIONS // 2
    assert (
        f"These are the {LISTED} longest overdue of {total} opportunities, and {total - LISTED} more" in html
    )
    assert html.count(f'href="{busy_report.url}figures.csv"') >= 3


@pytest.mark.django_db
def test_the_csv_of_a_busy_year_has_every_row(client, busy_report):
    page_html = client.get(busy_report.url).content.decode()
    response = client.get(f"{busy_report.url}figures.csv")
    assert response.status_code == 200
    _heading, sections = csv_sections(response.content.decode())

    _headings, items = sections[YSWD]
    assert len(items) == ITEMS + 1
    assert items[-1] == ["Total", "", "", "", str(sum(n % 50 for n in range(ITEMS)))]
    _headings, overdue = sections[OVERDUE_CAPTION]
    assert len(overdue) == OVERDUE + CONSULTATIONS // 2
    assert len(sections[CONSULTATIONS_CAPTION][1]) == CONSULTATIONS

    # What the page lists is the CSV's rows, cell for cell: the latest items, the longest overdue.
    on_page = page_tables(page_html)
    assert on_page[YSWD][1][:-1] == items[-1 - LISTED : -1]
    assert on_page[OVERDUE_CAPTION][1] == overdue[:LISTED]
    for caption in set(sections) - {YSWD, OVERDUE_CAPTION}:
        if caption in on_page:
            assert on_page[caption] == sections[caption], caption
