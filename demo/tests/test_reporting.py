"""The demo annual report: /annual-report/ for the latest complete year, loaded idempotently."""

import datetime
import io

import pytest
from django.core.management import call_command

from demo import reporting as demo
from pages.tests.factories import today
from reporting.figures import latest_complete_year
from reporting.models import EngagementReportPage


@pytest.mark.django_db
def test_demo_builds_the_report_for_the_latest_complete_year_once(client, home):
    out = io.StringIO()
    page = demo.build(home, out)
    assert "created" in out.getvalue()
    assert page.slug == "annual-report" and page.live
    assert page.year_start == latest_complete_year(today()).start_year
    assert page.revisions.count() == 1 and page.live_revision_id is not None

    again = demo.build(home, io.StringIO())
    assert again.pk == page.pk and again.revisions.count() == 1
    assert EngagementReportPage.objects.count() == 1
    assert client.get("/annual-report/").status_code == 200


@pytest.mark.django_db
def test_demo_moves_on_to_the_next_year_after_31_march(home):
    page = demo.build(home, io.StringIO(), today=datetime.date(2026, 11, 23))
    assert page.year_start == 2025 and page.title == "Annual engagement report 2025/26"
    page = demo.build(home, io.StringIO(), today=datetime.date(2027, 4, 1))
    page.refresh_from_db()
    assert page.year_start == 2026 and page.title == "Annual engagement report 2026/27"
    assert page.revisions.count() == 2


@pytest.mark.django_db
def test_whole_demo_gives_a_report_with_figures(client, home):
    call_command("load_demo_content", stdout=io.StringIO())
    page = EngagementReportPage.objects.get(slug="annual-report")
    assert page.url == "/annual-report/"
    response = client.get(page.url)
    assert response.status_code == 200
    report = response.context["figures"]
    assert report.complete
    assert report.opportunities_total > 0
    assert report.outcomes_total > 0
