"""After a publish, one request renders a stale page again while the others are served the stale
copy, so a publish does not send every visitor of the home page to the database at once. A change
to everything (unpublishing, privacy) is never served stale."""

import pytest
from wagtail.models import PageViewRestriction

from pages.tests.factories import StandardPageFactory, YouSaidWeDidPageFactory
from public_site import page_cache
from public_site.tests.test_page_cache import warm


@pytest.fixture
def site(client, home, opportunity_index, outcome_index):
    pages = {
        "about": StandardPageFactory(parent=home, title="About us", slug="about"),
        "outcome": YouSaidWeDidPageFactory(parent=outcome_index, title="Longer opening hours"),
    }
    client.get("/")  # creates the site settings
    return pages


@pytest.fixture
def someone_else_rebuilding(monkeypatch):
    """As if another request had claimed the rebuilding of every stale page."""
    monkeypatch.setattr(page_cache, "claim_rebuild", lambda key: None)


def publish_item(outcome_index, title):
    item = YouSaidWeDidPageFactory(parent=outcome_index, title=title, live=False)
    item.save_revision().publish()
    return item


@pytest.mark.django_db
def test_while_one_request_rebuilds_the_others_get_the_stale_copy(
    client, home, outcome_index, site, someone_else_rebuilding
):
    warm(client, home.url)
    warm(client, site["about"].url)
    publish_item(outcome_index, "Shorter waits for physiotherapy")

    response = client.get(home.url)
    assert response["X-Page-Cache"] == "stale"
    assert response["Cache-Control"] == "public, max-age=0"  # no browser or proxy keeps it
    assert "Shorter waits for physiotherapy" not in response.content.decode()
    assert client.get(site["about"].url)["X-Page-Cache"] == "hit"  # untouched by the publish


@pytest.mark.django_db
def test_the_request_that_rebuilds_gets_and_stores_the_new_page(client, home, outcome_index, site):
    warm(client, home.url)
    publish_item(outcome_index, "Shorter waits for physiotherapy")

    response = client.get(home.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Shorter waits for physiotherapy" in response.content.decode()
    again = client.get(home.url)
    assert again["X-Page-Cache"] == "hit"
    assert "Shorter waits for physiotherapy" in again.content.decode()


@pytest.mark.django_db
def test_only_one_request_at_a_time_may_rebuild_a_page():
    first = page_cache.claim_rebuild("page-cache:2026-12-04:abc")
    assert first is not None
    assert page_cache.claim_rebuild("page-cache:2026-12-04:abc") is None
    assert page_cache.claim_rebuild("page-cache:2026-12-04:other") is not None
    page_cache.release_rebuild(first, "page-cache:2026-12-04:abc", replaced=True)
    assert page_cache.claim_rebuild("page-cache:2026-12-04:abc") is not None


@pytest.mark.django_db
def test_a_rebuild_that_stores_nothing_drops_the_stale_copy():
    cache = page_cache.page_cache()
    cache.set("page-cache:2026-12-04:abc", ("entry",), 60)
    lock = page_cache.claim_rebuild("page-cache:2026-12-04:abc")
    page_cache.release_rebuild(lock, "page-cache:2026-12-04:abc", replaced=False)
    assert cache.get("page-cache:2026-12-04:abc") is None
    assert page_cache.claim_rebuild("page-cache:2026-12-04:abc") is not None


@pytest.mark.django_db
def test_an_unpublished_page_is_never_served_stale(client, site, someone_else_rebuilding):
    about = site["about"]
    warm(client, about.url)
    about.unpublish()
    assert client.get(about.url).status_code == 404


@pytest.mark.django_db
def test_a_page_made_private_is_never_served_stale(client, site, someone_else_rebuilding):
    about = site["about"]
    warm(client, about.url)
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(about.url)
    assert response.get("X-Page-Cache") != "stale"
    assert response.status_code == 302  # to the sign-in page
