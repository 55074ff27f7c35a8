"""Addresses that used to answer 500: out-of-range numbers, NUL, search syntax and unknown operators.

Each is refused with a 400 that says why, or answered normally; never a server error. The fuzz
test (test_fuzz.py) tries many more values; these are the ones found by hand.
"""

import pytest

from pages.tests.factories import OpportunityPageFactory, TopicFactory

HUGE = "9223372036854775808"  # one past the largest 64-bit integer


@pytest.fixture
def site(opportunity_index):
    page = OpportunityPageFactory(
        parent=opportunity_index, title="Urgent care survey", slug="urgent-care-survey"
    )
    page.topics.set([TopicFactory(name="Urgent care", slug="urgent-care")])
    return page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, reason",
    [
        (f"/api/v2/pages/?offset={HUGE}", "offset must be a whole number from 0 to 1000000"),
        (f"/api/v2/images/?offset={HUGE}", "offset must be a whole number from 0 to 1000000"),
        (f"/api/v2/documents/?offset={HUGE}", "offset must be a whole number from 0 to 1000000"),
        (f"/api/v2/pages/?limit={HUGE}", "limit must be a whole number from 0 to 1000000"),
        ("/api/v2/pages/?offset=-1", "offset must be a whole number from 0 to 1000000"),
        ("/api/v2/pages/?search=care&search_operator=xor", "search_operator must be 'and' or 'or'"),
        ("/api/v2/pages/find/?html_path=/get-involved/%00/", "html_path must not contain control characters"),
        ("/api/v2/pages/?slug=%00", "slug must not contain control characters"),
        # Found by the fuzz test: Wagtail's find view passes ?id= straight to the database.
        ("/api/v2/pages/find/?id=%22", "id must be a whole number from 0 to 2147483647"),
        (f"/api/v2/pages/find/?id={HUGE}", "id must be a whole number from 0 to 2147483647"),
    ],
)
def test_bad_api_parameters_are_refused_with_the_reason(client, site, url, reason):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json() == {"message": reason}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "search", ["%00", "%22", "%22urgent", "urgent%00care", "NOT", "care*", "(care", "a:b"]
)
def test_api_search_reads_only_the_words(client, site, search):
    response = client.get(f"/api/v2/pages/?search={search}")
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    words = search.replace("%00", " ").replace("%22", " ")
    assert titles == (["Urgent care survey"] if "urgent" in words or "care" in words else [])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/get-involved/?topic=%00",
        "/get-involved/?topic=urgent-care%00",
        "/get-involved/?type=%00&status=%00&audience=%00",
        "/get-involved/?page=%00",
        f"/get-involved/?page={HUGE}",
        "/you-said-we-did/?year=%00",
        "/search/?q=%00",
        "/search/?q=%22",
        f"/search/?q=care&page={HUGE}",
    ],
)
def test_public_pages_ignore_junk_in_their_filters(client, site, outcome_index, url):
    response = client.get(url)
    assert response.status_code == 200
