"""Site search: finds live public pages by their words, and any query string gives a normal page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from pages.tests.factories import (
    OpportunityPageFactory,
    StandardPageFactory,
    YouSaidWeDidPageFactory,
    days,
)


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_search_finds_an_opportunity_by_a_word_in_its_summary(client, opportunity_index):
    OpportunityPageFactory(
        parent=opportunity_index,
        title="Urgent care café",
        slug="urgent-care-cafe",
        summary="Help us redesign the minor injuries service.",
        opportunity_type="involvement_cafe",
    )
    html = search(client, q="injuries")
    assert "1 result for ‘injuries’" in html
    assert 'href="/get-involved/urgent-care-cafe/"' in html
    assert "Urgent care café" in html
    assert "Help us redesign the minor injuries service." in html
    assert '<span class="app-meta">Involvement café</span>' in html
    assert 'nhsuk-tag--green">Open</strong>' in html


@pytest.mark.django_db
def test_search_labels_each_result_with_its_type(client, home, outcome_index):
    StandardPageFactory(parent=home, title="About us", intro="Who we are and how we listen.")
    YouSaidWeDidPageFactory(parent=outcome_index, title="Longer opening hours", we_did_summary="We listen.")
    html = search(client, q="listen")
    assert "2 results for ‘listen’" in html
    assert '<span class="app-meta">Information</span>' in html
    assert '<span class="app-meta">You said, We did</span>' in html


@pytest.mark.django_db
def test_search_excludes_drafts_unpublished_and_private_pages(client, home, opportunity_index):
    OpportunityPageFactory(parent=opportunity_index, title="Published survey", summary="Podiatry survey.")
    OpportunityPageFactory(
        parent=opportunity_index, title="Draft survey", summary="Podiatry draft.", live=False
    )
    private = StandardPageFactory(parent=home, title="Private page", intro="Podiatry secrets.")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")

    html = search(client, q="podiatry")
    assert "1 result for ‘podiatry’" in html
    assert "Published survey" in html
    assert "Draft survey" not in html
    assert "Private page" not in html


@pytest.mark.django_db
def test_search_says_clearly_when_nothing_matches(client, opportunity_index):
    html = search(client, q="xylophone")
    assert "0 results for ‘xylophone’" in html
    assert "No pages match your search." in html
    assert 'href="/get-involved/"' in html


@pytest.mark.django_db
def test_search_form_has_a_visible_label_and_keeps_the_query(client, home):
    html = search(client, q="maternity")
    assert '<label class="nhsuk-label nhsuk-label--s" for="search-query">Search this website</label>' in html
    assert 'id="search-query" name="q" type="search" value="maternity"' in html


@pytest.mark.django_db
def test_search_without_a_query_shows_only_the_form(client, home):
    html = search(client)
    assert 'id="search-query"' in html
    assert "results-heading" not in html
    assert "No pages match" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        '"',
        "'",
        "a AND (",
        "NEAR(x",
        "*",
        "-",
        "col:umn",
        "\\",
        "&|!",
        "\x00null",
        "ambu*",
        "été",
        "x" * 5000,
    ],
)
def test_search_survives_any_query(client, opportunity_index, query):
    OpportunityPageFactory(parent=opportunity_index, summary="Ambulance waiting times.")
    search(client, q=query)


@pytest.mark.django_db
def test_search_echoes_markup_only_escaped(client, home):
    html = search(client, q='<script>alert("x")</script>')
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_search_truncates_a_very_long_query(client, home):
    html = search(client, q="x" * 5000)
    assert "x" * 200 in html
    assert "x" * 201 not in html


@pytest.mark.django_db
def test_search_pages_through_many_results(client, opportunity_index):
    for n in range(12):
        OpportunityPageFactory(parent=opportunity_index, title=f"Diabetes group {n}", summary="Diabetes.")
    first = search(client, q="diabetes")
    assert "12 results for ‘diabetes’" in first
    assert first.count("app-search-result") == 10
    assert 'href="?q=diabetes&amp;page=2"' in first
    second = search(client, q="diabetes", page="2")
    assert second.count("app-search-result") == 2


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["abc", "-1", "0", "999", "1e9", ""])
def test_search_tolerates_any_page_number(client, opportunity_index, page):
    for n in range(12):
        OpportunityPageFactory(parent=opportunity_index, title=f"Stroke group {n}", summary="Stroke care.")
    html = search(client, q="stroke", page=page)
    assert "12 results for ‘stroke’" in html
    assert "app-search-result" in html


@pytest.mark.django_db
def test_search_result_shows_an_upcoming_opportunitys_dates(client, opportunity_index):
    OpportunityPageFactory(parent=opportunity_index, summary="Hearing loss.", opens=days(10), closes=days(40))
    html = search(client, q="hearing")
    assert 'nhsuk-tag--blue">Upcoming</strong>' in html
    assert f"Opens {days(10):%-d %B %Y}" in html


@pytest.mark.django_db
def test_search_query_count_does_not_grow_with_results(client, home, opportunity_index):
    def add(n):
        for _ in range(n):
            OpportunityPageFactory(parent=opportunity_index, summary="Wheelchair services.")
            StandardPageFactory(parent=home, intro="Wheelchair services.")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            search(client, q="wheelchair")
        return len(captured)

    add(2)
    search(client, q="wheelchair")  # warm the site and settings caches
    with_four = queries()
    add(3)
    assert queries() == with_four
