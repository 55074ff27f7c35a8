"""Junk in the query string cannot fill the page cache: a listing is stored under the filters it
understood, so /get-involved/?topic=junk-1&year=xyz shares the entry of /get-involved/."""

import pytest
from django.core.cache import caches

from core.tests.cache_keys import stored_keys
from pages.tests.factories import OpportunityPageFactory, StandardPageFactory, TopicFactory
from public_site.cache_tags import FRAGMENT_PREFIX, PREFIX


def stored_pages():
    """The pages in the page cache, without the tags' change times and the shared fragments."""
    cache = caches["pages"]
    return {key for key in stored_keys(cache) if PREFIX not in key and FRAGMENT_PREFIX not in key}


@pytest.fixture
def listing(opportunity_index, outcome_index):
    page = OpportunityPageFactory(parent=opportunity_index, title="Wheelchair services survey")
    page.topics.set([TopicFactory(name="Urgent care", slug="urgent-care")])
    return opportunity_index


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/get-involved/", "/you-said-we-did/"])
def test_junk_filter_values_share_the_entry_of_the_clean_page(client, listing, path):
    clean = client.get(path)
    assert clean["X-Page-Cache"] == "miss"
    entries = stored_pages()
    assert len(entries) == 1
    for n in range(20):
        response = client.get(f"{path}?topic=junk-{n}&year=xyz&status=nonsense&page=abc")
        assert response.status_code == 200
        assert f"junk-{n}" not in response.content.decode()
    assert stored_pages() == entries
    # The clean page is still served from the cache, and nothing of the junk is in it.
    again = client.get(path)
    assert again["X-Page-Cache"] == "hit"
    assert "junk" not in again.content.decode()


@pytest.mark.django_db
def test_a_real_filter_gets_its_own_entry_and_junk_beside_it_shares_it(client, listing):
    client.get("/get-involved/?topic=urgent-care")
    assert len(stored_pages()) == 1
    client.get("/get-involved/?topic=urgent-care&topic=junk&audience=nobody")
    assert len(stored_pages()) == 1
    assert client.get("/get-involved/?topic=urgent-care")["X-Page-Cache"] == "hit"
    # Its pagination and filter links carry only what was applied.
    assert "junk" not in client.get("/get-involved/?topic=urgent-care&topic=junk").content.decode()


@pytest.mark.django_db
def test_a_page_that_reads_no_query_is_stored_only_without_one(client, home):
    page = StandardPageFactory(parent=home, title="About us", slug="about-us")
    for n in range(10):
        assert client.get(f"/about-us/?page={n}").status_code == 200
    assert stored_pages() == set()
    assert client.get("/about-us/?utm_source=newsletter")["X-Page-Cache"] == "miss"
    assert client.get(page.url)["X-Page-Cache"] == "hit"
