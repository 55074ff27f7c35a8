"""Search results are kept briefly for anonymous visitors, never for anyone signed in, and a
search served from the cache is still counted for Reports → Search terms."""

import pytest
from django.test import override_settings
from wagtail.contrib.search_promotions.models import Query

from pages.tests.factories import OpportunityPageFactory
from workflows.tests.evidence import publish_signed_off


def times_counted(words):
    query = Query.objects.filter(query_string=words).first()
    return sum(day.hits for day in query.daily_hits.all()) if query else 0


@pytest.fixture
def opportunity(client, opportunity_index):
    page = OpportunityPageFactory(parent=opportunity_index, title="Wheelchair services survey")
    client.get("/")  # the first request creates the site settings, which empties the cache
    return page


@pytest.mark.django_db
def test_a_repeated_search_comes_from_the_cache_and_is_counted_each_time(client, opportunity):
    first = client.get("/search/", {"q": "wheelchair"})
    assert first["X-Page-Cache"] == "miss"
    second = client.get("/search/", {"q": "wheelchair"})
    assert second["X-Page-Cache"] == "hit"
    assert "Wheelchair services survey" in second.content.decode()
    assert times_counted("wheelchair") == 2


@pytest.mark.django_db
def test_further_pages_and_type_filters_are_kept_apart_and_not_counted(client, opportunity):
    client.get("/search/", {"q": "wheelchair"})
    narrowed = client.get("/search/", {"q": "wheelchair", "type": "outcome"})
    assert narrowed["X-Page-Cache"] == "miss"
    assert "0 results for ‘wheelchair’ in You said, We did" in narrowed.content.decode()
    again = client.get("/search/", {"q": "wheelchair", "type": "outcome"})
    assert again["X-Page-Cache"] == "hit"
    assert "0 results" in again.content.decode()
    assert times_counted("wheelchair") == 1


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [{"page": "1"}, {"type": "junk"}])
def test_a_first_page_asked_for_explicitly_does_not_stop_the_new_search_being_counted(
    client, opportunity, extra
):
    client.get("/search/", {"q": "wheelchair"})
    client.get("/search/", {"q": "wheelchair", **extra})
    client.get("/search/", {"q": "wheelchair", **extra})
    assert client.get("/search/", {"q": "wheelchair"})["X-Page-Cache"] == "hit"
    assert times_counted("wheelchair") == 2


@pytest.mark.django_db
def test_the_same_words_typed_differently_share_one_entry(client, opportunity):
    client.get("/search/?q=wheelchair%20%20%20")  # kept under the cleaned query
    response = client.get("/search/?q=wheelchair")
    assert response["X-Page-Cache"] == "hit"
    assert "‘wheelchair’" in response.content.decode()


@pytest.mark.django_db
def test_a_publish_shows_in_the_next_search(client, opportunity_index, opportunity):
    client.get("/search/", {"q": "wheelchair"})
    assert client.get("/search/", {"q": "wheelchair"})["X-Page-Cache"] == "hit"
    new = OpportunityPageFactory(parent=opportunity_index, title="Wheelchair repairs", live=False)
    publish_signed_off(new)
    response = client.get("/search/", {"q": "wheelchair"})
    html = response.content.decode()
    assert "Wheelchair repairs" in html and "2 results" in html
    assert response["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_a_signed_in_user_is_never_served_nor_stores_a_cached_search(client, django_user_model, opportunity):
    user = django_user_model.objects.create_superuser("webteam", "webteam@example.org", "pw")
    client.get("/search/", {"q": "wheelchair"})  # an anonymous visitor's page is stored
    client.force_login(user)
    mine = client.get("/search/", {"q": "wheelchair"})
    assert "X-Page-Cache" not in mine
    assert "private" in mine["Cache-Control"]
    # Their own search of new words is not stored for visitors either.
    client.get("/search/", {"q": "survey"})
    client.logout()
    assert client.get("/search/", {"q": "survey"})["X-Page-Cache"] == "miss"
    assert times_counted("wheelchair") == 2


@pytest.mark.django_db
def test_hostile_words_stay_escaped_when_served_from_the_cache(client, opportunity):
    client.get("/search/", {"q": "<script>alert(1)</script>"})
    response = client.get("/search/", {"q": "<script>alert(1)</script>"})
    assert response["X-Page-Cache"] == "hit"
    html = response.content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


@pytest.mark.django_db
@override_settings(SEARCH_CACHE_SECONDS=0)
def test_search_caching_can_be_turned_off_on_its_own(client, opportunity):
    client.get("/search/", {"q": "wheelchair"})
    response = client.get("/search/", {"q": "wheelchair"})
    assert "X-Page-Cache" not in response
    assert client.get(opportunity.url)["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_an_erased_search_is_not_counted_again_by_its_cached_page(client, opportunity):
    client.get("/search/", {"q": "jo@example.org"})
    Query.objects.filter(query_string="jo@example.org").delete()  # as erasure deletes it
    response = client.get("/search/", {"q": "jo@example.org"})
    assert response["X-Page-Cache"] == "miss"
