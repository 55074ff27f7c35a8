"""Hostile filters give a clear message and never a 500; the exports hold the page's figures,
each text cell neutralised against spreadsheet formulas."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import coding
from questionnaires.recording import record_response

pytestmark = pytest.mark.django_db

HOSTILE = [
    {"channel": "carrier-pigeon"},
    {"answer": "travel:Rocket"},
    {"answer": "nokey"},
    {"answer": "secret:yes"},
    {"about": "age_band"},
    {"about": "income:rich"},
    {"district": "<script>alert(1)</script>"},
    {"district": "' OR 1=1 --"},
    {"district": "LS6 4AB and more"},
    {"answer": "\x00"},
]


@pytest.mark.parametrize("filters", HOSTILE)
def test_hostile_filters_give_a_message_keep_what_was_typed_and_show_everything(
    answered, engagement_client, filters
):
    page, _responses = answered
    response = engagement_client.get(reverse("analysis_view", args=[page.pk]), filters)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="filter-errors"' in html
    assert "5 responses analysed." in html  # unfiltered
    assert "<script>alert(1)</script>" not in html
    if "district" in filters and "\x00" not in filters["district"]:
        assert 'name="district"' in html and "value=" in html


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.dictionaries(
        st.sampled_from(["answer", "channel", "about", "district", "p"]), st.text(max_size=30)
    )
)
def test_no_filter_value_gives_a_500(answered, engagement_client, data):
    page, _responses = answered
    for kind in ("view", "export"):
        if kind == "view":
            url = reverse("analysis_view", args=[page.pk])
        else:
            url = reverse("analysis_export", args=[page.pk, "questions"])
        response = engagement_client.get(url, data)
        assert response.status_code == 200


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_per_question_export_holds_the_same_figures_as_the_page(answered, engagement_client):
    page, _responses = answered
    url = reverse("analysis_export", args=[page.pk, "questions"])
    rows = csv_rows(engagement_client.get(url, {"format": "csv", "channel": "online"}))
    assert ["Filter", "Channel: Online"] in rows
    start = rows.index(["How did you travel?"])
    assert rows[start + 1] == ["Answer", "Responses", "Percentage of those who answered"]
    assert rows[start + 2 : start + 7] == [
        ["Bus", "1", "33.3%"],
        ["Car", "1", "33.3%"],
        ["Walk", "1", "33.3%"],
        ["Other (please say)", "0", "0.0%"],
        ["Answered this question", "3", "100.0%"],
    ]


def test_responses_export_has_their_themes_and_neutralises_formulas(answered, engagement_client, users):
    page, responses = answered
    hostile = record_response(page, answers={"travel": "Bus", "why": '=HYPERLINK("http://x")'})
    theme, _ = coding.add_theme(page, "@SUM(A1)", user=users["engagement"])
    coding.set_themes(page, responses[0], "why", [theme.pk], user=users["engagement"])
    coding.set_themes(page, hostile, "why", [theme.pk], user=users["engagement"])
    response = engagement_client.get(
        reverse("analysis_export", args=[page.pk, "responses"]), {"format": "csv"}
    )
    rows = csv_rows(response)
    header = rows[0]
    assert header[-1] == "themes: why"
    by_reference = {row[0]: row for row in rows[1:]}
    assert by_reference[responses[0].reference][-1] == "'@SUM(A1)"
    assert by_reference[hostile.reference][header.index("why")] == '\'=HYPERLINK("http://x")'
    assert by_reference[responses[1].reference][-1] == ""


def test_theme_table_export_in_xlsx(answered, engagement_client, users):
    page, responses = answered
    theme, _ = coding.add_theme(page, "Waiting times", user=users["engagement"])
    for response in responses[:2]:
        coding.set_themes(page, response, "why", [theme.pk], user=users["engagement"])
    response = engagement_client.get(reverse("analysis_export", args=[page.pk, "themes"]), {"format": "xlsx"})
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)]
    assert ["Themes in: Why do you say that?"] in values
    assert ["Waiting times", 2] in values


def test_an_unknown_export_is_not_found(answered, engagement_client):
    page, _responses = answered
    assert engagement_client.get(reverse("analysis_export", args=[page.pk, "everything"])).status_code == 404
