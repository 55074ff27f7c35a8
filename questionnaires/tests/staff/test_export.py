"""The CSV and XLSX export: one row per response, one column per question, nothing runs as a formula."""

import csv
import io

import openpyxl
import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from questionnaires.tests.staff.helpers import FULL, respond

pytestmark = pytest.mark.django_db

COLUMNS = [
    "reference",
    "channel",
    "submitted",
    "late",
    "status",
    "revision",
    "likely_duplicate",
    "fft",
    "used-111",
    "travel",
    "travel__other",
    "district",
    "agree",
    "why",
    "comments",
    "visits",
    "about_you_age_band",
    "about_you_gender",
    "about_you_ethnicity",
    "about_you_disability",
    "about_you_sexual_orientation",
    "about_you_religion",
    "about_you_carer",
]
HOSTILE = {
    '=HYPERLINK("http://evil.example","x")': "'=HYPERLINK",
    "+1+2": "'+1+2",
    "-2+3": "'-2+3",
    "@SUM(A1)": "'@SUM(A1)",
    "\tTabbed": "'\tTabbed",
    "\rReturn": "'\rReturn",
}


def export(client, page, export_format):
    return client.get(reverse("questionnaires_export", args=[page.pk]) + f"?format={export_format}")


def csv_rows(response):
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(response):
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [["" if cell is None else cell for cell in row] for row in book.active.iter_rows(values_only=True)]


def test_the_csv_has_one_row_per_response_and_one_column_per_question(engagement_client, consultation):
    first = respond(consultation, about_you={"age_band": "prefer_not"}, email="pat@example.com")
    second = respond(consultation, {"fft": "very_poor"}, channel="paper")
    response = export(engagement_client, consultation, "csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="responses-urgent-care-' in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert header == COLUMNS
    assert [row[0] for row in rows] == [first.reference, second.reference]
    row = dict(zip(header, rows[0], strict=True))
    assert row["channel"] == "Online" and row["status"] == "Received" and row["late"] == "no"
    assert row["fft"] == "Good" and row["travel"] == "Other (please say)"
    assert row["travel__other"] == FULL["travel__other"] and row["visits"] == "3"
    assert row["about_you_age_band"] == "Prefer not to say"
    assert row["revision"] == str(consultation.live_revision_id)
    assert dict(zip(header, rows[1], strict=True))["channel"] == "Paper"
    # The address is for the receipt, not for analysis.
    assert "pat@example.com" not in str(rows)


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_formulas_are_neutralised(engagement_client, consultation, export_format):
    for text in HOSTILE:
        respond(consultation, {**FULL, "comments": text, "travel__other": text})
    response = export(engagement_client, consultation, export_format)
    header, *rows = csv_rows(response) if export_format == "csv" else xlsx_rows(response)
    comments, other = header.index("comments"), header.index("travel__other")
    for row, (_text, expected) in zip(rows, HOSTILE.items(), strict=True):
        for cell in (str(row[comments]), str(row[other])):
            # A spreadsheet file keeps line breaks as "\n": what matters is the apostrophe in front.
            assert cell.replace("\n", "\r") == expected.replace("\n", "\r") or cell.startswith(expected), cell


def test_the_xlsx_has_the_same_columns_and_rows(engagement_client, consultation):
    respond(consultation)
    response = export(engagement_client, consultation, "xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    header, row = xlsx_rows(response)
    assert list(header) == COLUMNS
    assert dict(zip(header, row, strict=True))["comments"] == FULL["comments"]


def test_an_unknown_format_gives_the_csv(engagement_client, consultation):
    respond(consultation)
    response = export(engagement_client, consultation, "<script>")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")


def test_the_csv_streams_rows_as_it_reads_them(
    engagement_client, consultation, django_assert_max_num_queries
):
    for _ in range(3):
        respond(consultation)
    response = export(engagement_client, consultation, "csv")
    chunks = iter(response.streaming_content)
    assert next(chunks).startswith(b"reference,channel")  # the header, before any response is read
    assert len(list(chunks)) == 3
