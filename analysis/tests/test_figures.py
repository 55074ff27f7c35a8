"""Every figure of the analysis equals what was counted by hand from the fixture (conftest.py ANSWERS)."""

import pytest
from django.urls import reverse

from analysis import figures
from analysis.filters import AnalysisFilterForm
from questionnaires.answers import questions_in_order

pytestmark = pytest.mark.django_db


def table_of(result, key):
    item = next(item for item in result["questions"] if item.question.key == key)
    return item.answered, [(row[0].text, row[1].number, row[2].text) for row in item.table.rows]


def analysed(page, **filters):
    questions = questions_in_order(page)
    form = AnalysisFilterForm(filters or None, questions=questions)
    assert not filters or form.is_valid(), form.errors
    return figures.question_figures(page, form.apply(figures.analysed(page)), questions)


def test_counts_and_percentages_equal_the_hand_count(answered):
    page, _responses = answered
    result = analysed(page)
    assert result["total"] == 5  # the duplicate and the withdrawn response are left out
    assert table_of(result, "travel") == (
        5,
        [("Bus", 2, "40.0%"), ("Car", 1, "20.0%"), ("Walk", 1, "20.0%"), ("Other (please say)", 1, "20.0%")],
    )
    assert table_of(result, "times") == (
        4,
        [("Mornings", 2, "50.0%"), ("Afternoons", 1, "25.0%"), ("Evenings", 3, "75.0%")],
    )
    answered_fft, fft = table_of(result, "fft")
    assert answered_fft == 4
    assert [(label, n) for label, n, _p in fft] == [
        ("Very good", 1),
        ("Good", 2),
        ("Neither good nor poor", 0),
        ("Poor", 1),
        ("Very poor", 0),
        ("Don't know", 0),
    ]
    assert table_of(result, "carer") == (4, [("Yes", 2, "50.0%"), ("No", 2, "50.0%")])
    assert table_of(result, "visits") == (
        4,
        [
            ("0 to 1", 1, "25.0%"),
            ("2 to 3", 1, "25.0%"),
            ("4 to 5", 1, "25.0%"),
            ("6 to 7", 0, "0.0%"),
            ("8 to 9", 1, "25.0%"),
        ],
    )
    assert table_of(result, "district") == (3, [("LS6", 2, "66.7%"), ("BD10", 1, "33.3%")])


@pytest.mark.parametrize(
    ("filters", "total", "travel"),
    [
        ({"channel": "online"}, 3, [("Bus", 1), ("Car", 1), ("Walk", 1), ("Other (please say)", 0)]),
        ({"about": "age_band:65_74"}, 2, [("Bus", 2), ("Car", 0), ("Walk", 0), ("Other (please say)", 0)]),
        ({"answer": "carer:yes"}, 2, [("Bus", 1), ("Car", 0), ("Walk", 1), ("Other (please say)", 0)]),
        ({"answer": "times:Evenings"}, 3, [("Bus", 1), ("Car", 1), ("Walk", 1), ("Other (please say)", 0)]),
        ({"district": " ls6 "}, 2, [("Bus", 2), ("Car", 0), ("Walk", 0), ("Other (please say)", 0)]),
        (
            {"channel": "online", "answer": "travel:Bus"},
            1,
            [("Bus", 1), ("Car", 0), ("Walk", 0), ("Other (please say)", 0)],
        ),
    ],
)
def test_filters_narrow_the_figures(answered, filters, total, travel):
    page, _responses = answered
    result = analysed(page, **filters)
    assert result["total"] == total
    _answered, rows = table_of(result, "travel")
    assert [(label, n) for label, n, _p in rows] == travel


def test_the_page_shows_the_figures_with_a_chart_and_says_what_is_analysed(answered, engagement_client):
    page, _responses = answered
    response = engagement_client.get(reverse("analysis_view", args=[page.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "5 responses analysed" in html
    assert "Only responses counted in public are analysed" in html
    assert html.count("<svg") >= 6  # one chart beside each counted question's table
    assert 'aria-labelledby="chart-q1-travel-title"' in html
    assert "Bar chart: How did you travel?. Bus: 2, Car: 1, Walk: 1, Other (please say): 1." in html
    filtered = engagement_client.get(reverse("analysis_view", args=[page.pk]), {"channel": "paper"})
    assert "1 response analysed matching the filters" in filtered.content.decode()
