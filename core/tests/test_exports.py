"""The one rule for spreadsheet formulas in CSV exports (each export's own test uses it through the site)."""

import datetime

import pytest

from core.exports import neutralise


@pytest.mark.parametrize(
    "typed",
    [
        '=HYPERLINK("http://evil.example","click")',
        "+1+1",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1",
        "\r=1",
        "\n=1",
        "  =1+1",
        "\uff1d1+1",
    ],
)
def test_text_a_spreadsheet_would_evaluate_is_kept_as_text(typed):
    assert neutralise(typed) == "'" + typed


@pytest.mark.parametrize(
    "value", ["Urgent care", "", "1 April 2025", 42, -3, None, datetime.date(2025, 4, 1)]
)
def test_other_cells_are_unchanged(value):
    assert neutralise(value) == value
