"""Public pages show only suppressed reach figures, and comparing them gives nothing away.

Two closed consultations of the same reporting year, each with a live "You said, We did" page,
and the year's annual report: the test reads the three pages' HTML (and the report's CSV) as a
visitor would, then checks with exact linear algebra that no count under 5 can be worked out
from every number they show, their totals and their differences.
"""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import timezone
from wagtail.models import Site

from core.equality import EQUALITY_QUESTIONS, QUESTION_NAMES
from core.suppression import HIDDEN_TEXT
from core.tests.test_suppression_linked import derivable
from pages.tests.factories import OpportunityPageFactory, YouSaidWeDidPageFactory
from reach import counts
from reach.tests.helpers import population, responses
from reporting.figures import year_containing
from reporting.tests.factories import EngagementReportPageFactory
from reporting.tests.helpers import csv_sections, page_tables

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

AGES = {
    "urgent care": {"18_24": 3, "25_34": 20, "65_74": 7},
    "gp phones": {"18_24": 9, "25_34": 30, "65_74": 2},
    "no outcome yet": {"18_24": 1, "25_34": 8},
}


@pytest.fixture
def published(opportunity_index, outcome_index, home):
    today = timezone.localdate()
    closes = max(year_containing(today).start, today - datetime.timedelta(days=1))
    population(
        Site.objects.get(is_default_site=True), {"age_band:18_24": Decimal("9.1")}, "Census 2021 (test)"
    )
    pages = {}
    for title, ages in AGES.items():
        page = OpportunityPageFactory(
            parent=opportunity_index, title=title, opens=closes - datetime.timedelta(days=30), closes=closes
        )
        for age, n in ages.items():
            responses(page, n, {"age_band": age, "carer": "yes" if n % 2 else "no"})
        pages[title] = page
    outcomes = {
        title: YouSaidWeDidPageFactory(
            parent=outcome_index, title=f"What changed: {title}", opportunity=pages[title]
        )
        for title in ("urgent care", "gp phones")
    }
    report = EngagementReportPageFactory(parent=home, year_start=year_containing(today).start_year)
    report.save_revision().publish()
    return pages, outcomes, report


def _numbers(rows):
    """{label: int or None (hidden)} from a table's rows; the share column is left aside."""
    found = {}
    for label, count, *_share in rows:
        assert count == HIDDEN_TEXT or count.isdigit(), count
        assert count == HIDDEN_TEXT or int(count) >= 5, (label, count)
        found[label] = None if count == HIDDEN_TEXT else int(count)
    return found


def test_the_outcome_page_shows_the_table_with_small_numbers_hidden(client, published):
    _pages, outcomes, _report = published
    html = client.get(outcomes["gp phones"].url).content.decode()
    assert "Who we heard from" in html and "fewer than 5" in html
    assert 'is shown as "fewer than 5"' in html  # the rule, explained on the page
    _headings, rows = page_tables(html)["Age"]
    ages = _numbers(rows)
    # 9 is hidden too: the year's 18 to 24 (13) less it would give the other two's 3 and 1.
    assert ages["18 to 24"] is None and ages["25 to 34"] == 30
    assert [row[2] for row in rows if row[0] == "18 to 24"] == ["9.1%"]
    assert "Census 2021 (test)" in html


def test_a_consultation_without_an_outcome_page_shows_nothing_but_counts_in_the_year(client, published):
    pages, _outcomes, report = published
    assert "Who we heard from" not in client.get(pages["no outcome yet"].url).content.decode()
    _headings, rows = page_tables(client.get(report.url).content.decode())["Who we heard from: age"]
    assert rows[-1][:2] == ["All responses", str(sum(sum(a.values()) for a in AGES.values()))]


def test_the_annual_report_page_and_csv_hide_the_same_cells(client, published):
    _pages, _outcomes, report = published
    _headings, page_rows = page_tables(client.get(report.url).content.decode())["Who we heard from: age"]
    _top, sections = csv_sections(client.get(report.url + "figures.csv").content.decode())
    _headings, csv_rows = sections["Who we heard from: age"]
    assert [row[:2] for row in page_rows] == [row[:2] for row in csv_rows]
    _numbers(page_rows[:-1])


def test_no_count_under_five_can_be_worked_out_from_the_published_pages(client, published):
    """Every question: the outcome pages' tables and the year's, read from the HTML, as equations."""
    pages, outcomes, report = published
    report_tables = page_tables(client.get(report.url).content.decode())
    outcome_tables = {title: page_tables(client.get(o.url).content.decode()) for title, o in outcomes.items()}
    one = Fraction(1)
    for name, _question, _choices in EQUALITY_QUESTIONS:
        labels = counts.labels(name)
        columns = counts.columns(name)
        truth = {
            (title, code): _true_count(pages[title], name, code, AGES[title])
            for title in AGES
            for code in columns
        }
        known = [{(title, c): one for c in columns} for title in AGES]  # every consultation's total
        for title, tables in outcome_tables.items():
            shown = _numbers(tables[QUESTION_NAMES[name]][1])
            known += [{(title, c): one} for c in columns if shown[labels[c]] is not None]
        year = _numbers(report_tables[f"Who we heard from: {QUESTION_NAMES[name].lower()}"][1][:-1])
        known += [{(t, c): one for t in AGES} for c in columns if year[labels[c]] is not None]
        for (title, code), value in truth.items():
            if value < 5:
                assert not derivable(known, {(title, code): one}), (name, title, code, value)
        for code in columns:
            if sum(truth[t, code] for t in AGES) < 5:
                assert not derivable(known, {(t, code): one for t in AGES}), (name, code)


def _true_count(page, name, code, ages):
    answer = code.rpartition(":")[2]
    if name == "age_band":
        return ages.get(answer, 0)
    if name == "carer":
        return sum(n for n in ages.values() if ("yes" if n % 2 else "no") == answer)
    return sum(ages.values()) if answer == counts.NOT_ANSWERED else 0


def test_staff_preview_of_an_outcome_not_yet_live_shows_the_suppressed_table(client, users, published):
    pages, _outcomes, _report = published
    draft = YouSaidWeDidPageFactory(
        parent=_outcomes["urgent care"].get_parent(),
        title="Draft outcome",
        opportunity=pages["no outcome yet"],
        live=False,
    )
    client.force_login(users["admin"])
    html = client.get(f"/admin/pages/{draft.pk}/view_draft/").content.decode()
    _headings, rows = page_tables(html)["Age"]
    assert _numbers(rows)["18 to 24"] is None


def test_the_api_and_feeds_expose_none_of_it(client, published):
    pages, outcomes, _report = published
    outcome = outcomes["urgent care"]
    answers = [
        client.get(f"/api/v2/pages/{outcome.pk}/"),
        client.get(f"/api/v2/pages/{pages['urgent care'].pk}/"),
        client.get("/feeds/you-said-we-did.rss"),
        client.get("/feeds/you-said-we-did.atom"),
    ]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 200]
    for answer in answers:
        text = answer.content.decode()
        assert "Who we heard from" not in text and HIDDEN_TEXT not in text
        assert "eia_groups" not in text and "age_band" not in text
