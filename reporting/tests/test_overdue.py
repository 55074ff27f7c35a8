"""Outcome states at their date boundaries, and the "Feedback overdue" admin report."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import PageViewRestriction

from pages.models import OpportunityPage
from pages.tests.factories import OpportunityPageFactory, YouSaidWeDidPageFactory, days, today
from reporting.figures import overdue_opportunities
from reporting.reports import user_can_see_report

REPORT = "reporting_feedback_overdue"


def closed(index, title, closes, outcome_expected=None, **fields):
    """A live survey that opened a month before it closed."""
    return OpportunityPageFactory(
        parent=index,
        title=title,
        opens=closes - datetime.timedelta(days=30),
        closes=closes,
        outcome_expected=outcome_expected,
        **fields,
    )


def status_of(page):
    return OpportunityPage.objects.with_status().get(pk=page.pk).status


def overdue_titles():
    return [page.title for page in overdue_opportunities()]


def report_rows(client):
    response = client.get(reverse(REPORT), {"export": "csv"})
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.django_db
def test_closed_yesterday_with_outcome_due_tomorrow_is_closed_not_overdue(opportunity_index):
    page = closed(opportunity_index, "Due tomorrow", days(-1), outcome_expected=days(1))
    assert status_of(page) == "closed"
    assert page.public_status == "closed"
    assert page.outcome_due == days(1)
    assert overdue_titles() == []


@pytest.mark.django_db
def test_outcome_due_today_is_not_yet_overdue_but_due_yesterday_is(opportunity_index):
    # No date set: the outcome is due 12 weeks (84 days) after closing.
    closed(opportunity_index, "Due today", days(-84))
    late = closed(opportunity_index, "Due yesterday", days(-85))
    assert late.outcome_due == days(-1)
    assert status_of(late) == "closed"
    assert overdue_titles() == ["Due yesterday"]


@pytest.mark.django_db
def test_still_open_today_is_never_overdue(opportunity_index):
    # Closes today, with a due date already past (an editor's mistake): it is open, not overdue.
    page = closed(opportunity_index, "Closes today", today(), outcome_expected=days(-3))
    assert status_of(page) == "open"
    assert overdue_titles() == []


@pytest.mark.django_db
def test_a_live_outcome_publishes_the_outcome_and_leaves_the_report(opportunity_index, outcome_index):
    page = closed(opportunity_index, "Answered", days(-100))
    assert overdue_titles() == ["Answered"]
    YouSaidWeDidPageFactory(parent=outcome_index, opportunity=page, date=days(-2))
    assert status_of(page) == "outcome"
    assert overdue_titles() == []


@pytest.mark.django_db
def test_a_draft_outcome_does_not_count(opportunity_index, outcome_index):
    page = closed(opportunity_index, "Drafted answer", days(-100))
    YouSaidWeDidPageFactory(parent=outcome_index, opportunity=page, live=False)
    assert status_of(page) == "closed"
    assert overdue_titles() == ["Drafted answer"]


@pytest.mark.django_db
def test_an_outcome_in_a_private_section_does_not_count(opportunity_index, outcome_index):
    page = closed(opportunity_index, "Privately answered", days(-100))
    YouSaidWeDidPageFactory(parent=outcome_index, opportunity=page)
    PageViewRestriction.objects.create(page=outcome_index, restriction_type="login")
    assert status_of(page) == "closed"
    assert overdue_titles() == ["Privately answered"]


@pytest.mark.django_db
def test_outcome_expected_overrides_twelve_weeks_after_closing(opportunity_index):
    # Closed long ago, but the public was promised the outcome by tomorrow.
    later = closed(opportunity_index, "Promised later", days(-200), outcome_expected=days(1))
    # Closed recently, but the outcome was promised for yesterday.
    sooner = closed(opportunity_index, "Promised sooner", days(-10), outcome_expected=days(-1))
    assert later.outcome_due == days(1) and sooner.outcome_due == days(-1)
    assert overdue_titles() == ["Promised sooner"]


@pytest.mark.django_db
def test_unpublished_and_upcoming_opportunities_are_left_out(opportunity_index):
    closed(opportunity_index, "Withdrawn", days(-200), live=False)
    OpportunityPageFactory(parent=opportunity_index, title="Ongoing", opens=days(-400), closes=None)
    assert overdue_titles() == []


@pytest.mark.django_db
def test_report_lists_exports_csv_and_xlsx(client, editor, opportunity_index, outcome_index):
    first = closed(
        opportunity_index,
        "Wheelchair services survey",
        days(-100),
        opportunity_type="survey",
        level="engage",
        category="B",
    )
    closed(opportunity_index, "Not due yet", days(-1))
    answered = closed(opportunity_index, "Answered", days(-120))
    YouSaidWeDidPageFactory(parent=outcome_index, opportunity=answered)
    second = closed(
        opportunity_index,
        "Day services consultation",
        days(-300),
        outcome_expected=days(-3),
        opportunity_type="consultation",
        level="consult",
        category="C",
    )
    client.force_login(editor)

    html = client.get(reverse(REPORT)).content.decode()
    assert "Wheelchair services survey" in html and "Day services consultation" in html
    assert "Answered" not in html and "Not due yet" not in html
    assert reverse("wagtailadmin_pages:edit", args=[first.pk]) in html

    # Most overdue first: due 16 days ago (closed 100 days ago + 84), then 3 days ago.
    rows = report_rows(client)
    assert [
        (r["Opportunity"], r["Type"], r["Level"], r["Category"], r["Days overdue"], r["Page ID"])
        for r in rows
    ] == [
        ("Wheelchair services survey", "Survey", "Engage", "B", "16", str(first.pk)),
        ("Day services consultation", "Consultation", "Consult", "C", "3", str(second.pk)),
    ]
    assert rows[0]["Closed on"] == days(-100).isoformat()
    assert rows[0]["Outcome due"] == days(-16).isoformat()
    assert rows[1]["Outcome due"] == days(-3).isoformat()

    filtered = client.get(reverse(REPORT), {"export": "csv", "category": "C"})
    assert "Wheelchair" not in b"".join(filtered.streaming_content).decode()

    xlsx = client.get(reverse(REPORT), {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    values = list(sheet.values)
    assert values[0][:7] == (
        "Opportunity",
        "Type",
        "Level",
        "Category",
        "Closed on",
        "Outcome due",
        "Days overdue",
    )
    assert values[1][0] == "Wheelchair services survey"
    due = values[1][5]
    assert (due.date() if isinstance(due, datetime.datetime) else due) == days(-16)
    assert values[1][6] == 16
    assert len(values) == 3


@pytest.mark.django_db
def test_report_is_for_people_who_edit_pages(client, editor, lay_member):
    url = reverse(REPORT)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert client.get(url, {"export": "csv"}).status_code == 302

    client.force_login(lay_member)
    assert not user_can_see_report(lay_member)
    assert client.get(url).status_code in (302, 403)
    assert client.get(url, {"export": "csv"}).status_code in (302, 403)

    client.force_login(editor)
    assert user_can_see_report(editor)
    assert client.get(url).status_code == 200
    assert client.get(reverse("reporting_feedback_overdue_results")).status_code == 200


@pytest.mark.django_db
def test_report_appears_in_the_reports_menu_for_editors_only(client, editor, lay_member):
    client.force_login(editor)
    assert reverse(REPORT) in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(lay_member)
    assert reverse(REPORT) not in client.get(reverse("wagtailadmin_home")).content.decode()


def _count_queries(client, params):
    client.get(reverse(REPORT), params)  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(REPORT), params)
        if params.get("export") == "csv":
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"export": "csv"}])
def test_report_query_count_does_not_grow_with_rows(client, editor, opportunity_index, params):
    client.force_login(editor)
    closed(opportunity_index, "Overdue 0", days(-100))
    small = _count_queries(client, params)
    for n in range(1, 12):
        closed(opportunity_index, f"Overdue {n}", days(-100 - n), category="B")
    assert len(overdue_titles()) == 12
    assert _count_queries(client, params) == small
