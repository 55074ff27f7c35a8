"""The annual engagement report: figures equal hand counts, the page shows them, the CSV matches."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Site

from pages.models import HomePage, OpportunityIndexPage, OrganisationSettings
from pages.tests.factories import OpportunityPageFactory, days, today
from reporting import figures
from reporting.figures import ReportingYear, compute, latest_complete_year, overdue_opportunities
from reporting.models import EngagementReportPage
from reporting.tests import dataset
from reporting.tests.factories import EngagementReportPageFactory
from reporting.tests.helpers import csv_sections, html_problems, page_tables


@pytest.fixture
def records(opportunity_index, outcome_index):
    return dataset.build(opportunity_index, outcome_index)


@pytest.fixture
def report_page(home):
    page = EngagementReportPageFactory(
        parent=home, year_start=dataset.YEAR, commentary="<p>Zebracommentary.</p>"
    )
    page.save_revision().publish()
    return page


def tallies(items):
    return [(t.label, t.count) for t in items]


# Reporting years --------------------------------------------------------------------------------


def test_reporting_years_run_april_to_march():
    year = ReportingYear(2025)
    assert (year.start, year.end, year.label) == (
        datetime.date(2025, 4, 1),
        datetime.date(2026, 3, 31),
        "2025/26",
    )
    assert figures.year_containing(datetime.date(2026, 3, 31)).start_year == 2025
    assert figures.year_containing(datetime.date(2026, 4, 1)).start_year == 2026
    assert latest_complete_year(datetime.date(2026, 11, 23)).start_year == 2025
    assert latest_complete_year(datetime.date(2027, 3, 31)).start_year == 2025
    assert latest_complete_year(datetime.date(2027, 4, 1)).start_year == 2026
    assert ReportingYear(1999).label == "1999/00"


# Figures ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_opportunities_held_are_those_open_for_any_part_of_the_year(home, records):
    report = compute(dataset.YEAR, root=home)
    assert report.complete and report.period_end == datetime.date(2024, 3, 31)
    # A, C, E, F, G, K; not B (closed the day before), D (opens the day after) or H (a draft).
    assert report.opportunities_total == 6
    assert tallies(report.by_type) == [
        ("Consultation", 1),
        ("Survey", 2),
        ("Event", 1),
        ("Focus group or workshop", 1),
        ("Involvement café", 0),
        ("Panel or reference group", 1),
        ("Volunteer role", 0),
    ]
    assert tallies(report.by_level) == [("Inform", 1), ("Engage", 4), ("Consult", 1)]
    assert [(t.key, t.count) for t in report.by_category] == [("A", 1), ("B", 1), ("C", 1), ("none", 3)]


@pytest.mark.django_db
def test_consultations_have_their_sign_off_path_in_order_and_outcome(home, records):
    report = compute(dataset.YEAR, root=home)
    rows = {c["title"]: c for c in report.consultations}
    assert list(rows) == ["F category B focus group", "G category A event", "C straddles the end"]

    def path(title):
        return [(s["stage"], s["decision"], s["date"].isoformat()) for s in rows[title]["signoff"]]

    assert path("C straddles the end") == [
        ("Engagement team review", "approved", "2024-02-01"),
        ("Equality impact check", "rejected", "2024-02-05"),
        ("Equality impact check", "approved", "2024-02-12"),
        ("Clinical lead sign-off", "approved", "2024-02-14"),
        ("Lay member (PPI) review", "approved", "2024-02-20"),
        ("Governing Body sign-off", "approved", "2024-03-01"),
    ]
    assert [s for _stage, s, _date in path("F category B focus group")] == [
        "approved",
        "approved",
        "approved",
        "skipped",
        "skipped",
    ]
    assert path("G category A event") == [
        ("Engagement team review", "approved", "2023-08-20"),
        ("Equality impact check", "skipped", "2023-08-20"),
    ]
    assert rows["C straddles the end"]["status"] == "outcome"
    assert rows["C straddles the end"]["outcome"]["title"] == "Y5 answers C"
    assert rows["G category A event"]["outcome"]["title"] == "Y2 answers G"
    assert rows["F category B focus group"]["status"] == "closed"
    assert rows["F category B focus group"]["outcome"] is None
    assert [rows[t]["category"] for t in rows] == ["B", "A", "C"]


@pytest.mark.django_db
def test_people_taking_part_and_you_said_we_did_items(home, records):
    report = compute(dataset.YEAR, root=home)
    assert [o["title"] for o in report.outcomes] == ["Y1 answers B", "Y2 answers G", "Y3 on the last day"]
    assert report.participants == 160
    assert report.outcomes_without_number == 1
    assert report.outcomes[0]["opportunity"] == "B closed before the year"


@pytest.mark.django_db
def test_register_size_and_growth_count_erased_members_as_joiners_only(home, records):
    report = compute(dataset.YEAR, root=home)
    assert report.register == {"at_start": 4, "joined": 3, "left": 2, "at_end": 5}
    register = report.register
    assert register["at_start"] + register["joined"] - register["left"] == register["at_end"]


@pytest.mark.django_db
def test_feedback_by_theme_and_kind(home, records):
    report = compute(dataset.YEAR, root=home)
    assert report.feedback_total == 4
    assert tallies(report.feedback_by_theme) == [
        ("Waiting times (test)", 2),
        ("Communication (test)", 1),
        ("No theme given yet", 1),
    ]
    assert tallies(report.feedback_by_kind) == [
        ("Compliment", 1),
        ("Comment", 0),
        ("Concern", 2),
        ("Suggestion", 1),
    ]


@pytest.mark.django_db
def test_overdue_is_counted_as_at_the_end_of_the_year(home, records):
    report = compute(dataset.YEAR, root=home)
    assert [(o["title"], o["outcome_due"].isoformat(), o["days_overdue"]) for o in report.overdue] == [
        ("A straddles the start", "2023-06-24", 281),
        ("K answered late", "2023-08-23", 221),
    ]
    # Today K has its answer, while F and D have since passed their outcome dates; A still waits.
    assert [p.title for p in overdue_opportunities()] == [
        "A straddles the start",
        "F category B focus group",
        "D opens after the year",
    ]


@pytest.mark.django_db
def test_the_current_year_counts_to_today_and_matches_the_admin_report(home, opportunity_index):
    OpportunityPageFactory(parent=opportunity_index, title="Overdue now", opens=days(-130), closes=days(-100))
    report = compute(figures.year_containing(today()).start_year, root=home)
    assert not report.complete and report.period_end == today()
    assert (
        [o["title"] for o in report.overdue] == [p.title for p in overdue_opportunities()] == ["Overdue now"]
    )
    assert report.overdue[0]["days_overdue"] == 16


@pytest.mark.django_db
def test_a_year_not_yet_started_has_no_figures(client, home):
    page = EngagementReportPageFactory(parent=home, year_start=today().year + 2)
    report = page.get_figures()
    assert not report.started and report.opportunities_total == 0
    html = client.get(page.url).content.decode()
    assert "has not started yet" in html
    assert "<table" not in html


@pytest.mark.django_db
def test_only_the_report_sites_pages_are_counted(home, records):
    other_home = HomePage(title="Other site", slug="other-site")
    Site.objects.get(is_default_site=True).root_page.get_parent().add_child(instance=other_home)
    other_index = OpportunityIndexPage(title="Elsewhere", slug="elsewhere")
    other_home.add_child(instance=other_index)
    OpportunityPageFactory(
        parent=other_index, title="Elsewhere", opens=datetime.date(2023, 5, 1), closes=None
    )
    assert compute(dataset.YEAR, root=home).opportunities_total == 6
    assert compute(dataset.YEAR, root=other_home).opportunities_total == 1


# The page and its CSV ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_report_page_can_only_live_under_the_home_page(home, opportunity_index):
    assert EngagementReportPage.can_create_at(home)
    assert not EngagementReportPage.can_create_at(opportunity_index)
    assert EngagementReportPage in HomePage.allowed_subpage_models()
    assert EngagementReportPage.allowed_subpage_models() == []


@pytest.mark.django_db
def test_page_shows_the_figures(client, home, records, report_page):
    settings = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    settings.legal_duty = "<p>Section 14Z2 of the NHS Act 2006 requires us to involve the public.</p>"
    settings.save()

    response = client.get(report_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Section 14Z2 of the NHS Act 2006" in html
    assert "Zebracommentary." in html
    assert "How these figures are counted" in html
    tables = page_tables(html)
    _headings, summary = tables["Summary of the year"]
    assert dict(summary) == {
        "Opportunities to get involved held": "6",
        "Consultations held": "3",
        "People taking part": "160",
        "People who came to events booked on this website": "0",  # counted in events/tests/staff
        "'You said, We did' items published": "3",
        "People on the involvement register on 31 March 2024": "5",
        "People who joined the involvement register": "3",
        "Feedback received": "4",
        "Opportunities with feedback overdue on 31 March 2024": "2",
    }
    assert tables["Opportunities held by category of change"][1] == [
        ["A – already happening (inform)", "1"],
        ["B – service provided differently (engage)", "1"],
        ["C – significant change to services or eligibility (consult)", "1"],
        ["No category (no consultation plan)", "3"],
        ["Total", "6"],
    ]
    consultations = {row[0]: row for row in tables["Consultations, their sign-off and outcome"][1]}
    assert consultations["G category A event"][4] == (
        "Engagement team review: approved (20 August 2023); "
        "Equality impact check: skipped, not needed for this category (20 August 2023)"
    )
    assert consultations["G category A event"][5] == "Outcome published: Y2 answers G"
    assert consultations["F category B focus group"][5] == "Closed: outcome overdue since 1 May 2024"
    assert tables["Feedback overdue on 31 March 2024"][1] == [
        ["A straddles the start", "Survey", "1 April 2023", "24 June 2023", "281"],
        ["K answered late", "Survey", "31 May 2023", "23 August 2023", "221"],
    ]
    assert tables["Size and growth of the involvement register"][1] == [
        ["On the register on 1 April 2023", "4"],
        ["Joined during the year", "3"],
        ["Left during the year", "2"],
        ["On the register on 31 March 2024", "5"],
    ]


@pytest.mark.django_db
def test_page_is_accessible_and_valid(client, home, records, report_page):
    html = client.get(report_page.url).content.decode()
    assert html_problems(html) == []
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main")
    tables = main.find_all("table")
    assert len(tables) == 11
    for table in tables:
        assert table.caption and table.caption.get_text(strip=True)
        assert all(th.get("scope") == "col" for th in table.thead.find_all("th"))
        for row in table.tbody.find_all("tr"):
            first = row.find(["th", "td"])
            assert first.name == "th" and first.get("scope") == "row"
    charts = main.find_all("svg")
    assert len(charts) == 5  # type, level, category, feedback theme and kind
    for chart in charts:
        assert chart.get("role") == "img"
        title = chart.find("title")
        assert title["id"] == chart["aria-labelledby"]
        assert title.get_text().startswith("Bar chart: ")
    by_type = main.find("svg", attrs={"aria-labelledby": "chart-by-type-title"})
    assert "Survey: 2" in by_type.find("title").get_text()
    assert len(by_type.find_all("rect")) == 7
    headings = [h.name for h in main.find_all(re.compile("^h[1-6]$"))]
    assert headings[0] == "h1" and "h4" not in headings


@pytest.mark.django_db
def test_page_is_printable_and_loads_no_outside_scripts(client, home, records, report_page):
    html = client.get(report_page.url).content.decode()
    assert re.search(r'<link rel="stylesheet" href="/static/css/print\.css" media="print">', html)
    assert 'class="app-report"' in html
    for tag in re.findall(r"<script\b[^>]*>", html):
        src = re.search(r'\bsrc="([^"]*)"', tag)
        assert src is None or src.group(1).startswith("/static/"), tag
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//(?!testserver)[^"']+\.js""", html)
    css = b"".join(client.get("/static/css/print.css").streaming_content).decode()
    assert ".app-report" in css and "page-break-inside: avoid" in css
    soup = BeautifulSoup(html, "html.parser")
    assert "app-no-print" in soup.find("nav", class_="nhsuk-contents-list")["class"]


@pytest.mark.django_db
def test_csv_holds_the_same_figures_as_the_page(client, home, records, report_page):
    page_html = client.get(report_page.url).content.decode()
    assert f'href="{report_page.url}figures.csv"' in page_html
    response = client.get(f"{report_page.url}figures.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="engagement-report-2023-24.csv"' in response["Content-Disposition"]
    heading, sections = csv_sections(response.content.decode())
    assert heading[0] == ["Annual engagement report", "2023/24"]
    assert heading[1] == ["Reporting year", "1 April 2023 to 31 March 2024"]

    on_page = page_tables(page_html)
    for caption, (headings, rows) in sections.items():
        if len(rows) == 1 and len(rows[0]) == 1:  # an empty table: its message is on the page
            assert rows[0][0] in page_html
            continue
        assert on_page[caption] == (headings, rows), caption
    assert set(on_page) <= set(sections)
    assert sections["Summary of the year"][1][2] == ["People taking part", "160"]


@pytest.mark.django_db
def test_csv_of_a_year_with_nothing_in_it(client, home, report_page):
    _heading, sections = csv_sections(client.get(f"{report_page.url}figures.csv").content.decode())
    assert sections["Consultations, their sign-off and outcome"][1] == [
        ["No consultations were held this year."]
    ]
    assert sections["Opportunities held by type"][1][-1] == ["Total", "0"]


@pytest.mark.django_db
def test_csv_route_is_reached_through_the_projects_own_urls(client, home, report_page):
    """The CSV's address, beside the report, resolves through the site's own URLs."""
    assert client.get(f"{report_page.url}figures.csv").status_code == 200


def _queries(callable_):
    callable_()  # warm the caches (site root paths, settings, content types)
    with CaptureQueriesContext(connection) as queries:
        callable_()
    return len(queries)


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache_off")
def test_query_count_does_not_grow_with_the_data(client, home, opportunity_index, outcome_index, report_page):
    dataset.build(opportunity_index, outcome_index)

    def page():
        assert client.get(report_page.url).status_code == 200

    def download():
        assert client.get(f"{report_page.url}figures.csv").status_code == 200

    def counted():
        compute(dataset.YEAR, root=home)

    small = [_queries(page), _queries(download), _queries(counted)]
    dataset.grow(opportunity_index, outcome_index, n=10)
    report = compute(dataset.YEAR, root=home)
    assert report.consultations_total == 13 and len(report.overdue) == 12
    assert [_queries(page), _queries(download), _queries(counted)] == small
    assert small[2] <= 17  # 3 of them for who we heard from: the site, the counts, the population


@pytest.mark.django_db
def test_editor_can_open_the_add_form_with_this_years_default(client, home, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    url = reverse("wagtailadmin_pages:add", args=["reporting", "engagementreportpage", home.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Reporting years run from April to March" in html
    assert f'value="{latest_complete_year().start_year}"' in html
