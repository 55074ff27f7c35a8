"""The anonymous page cache: what a visitor sees is never older than the last change, or than today."""

import datetime
import zoneinfo

import pytest
from django.core.cache import caches
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction, Site

from pages.models import OrganisationSettings
from pages.tests.factories import OpportunityPageFactory, TopicFactory, days
from public_site.frontend_cache import listing_urls
from public_site.page_cache import normalised_query
from workflows.tests.evidence import publish_signed_off, record_signoff

LONDON = zoneinfo.ZoneInfo("Europe/London")


def fetch(client, url, **kwargs):
    response = client.get(url, **kwargs)
    return response, response.content.decode()


def warm(client, url):
    """Request until the page comes from the cache (the first view may create the settings row)."""
    for _ in range(3):
        response = client.get(url)
        if response.get("X-Page-Cache") == "hit":
            return response
    raise AssertionError(f"{url} never came from the cache: {response.get('X-Page-Cache')}")


@pytest.fixture
def opportunity(opportunity_index):
    return OpportunityPageFactory(parent=opportunity_index, title="Wheelchair services survey")


def freeze(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(datetime.UTC))


# What a hit costs and says ------------------------------------------------------


@pytest.mark.django_db
def test_a_cached_page_costs_no_query_and_says_public(client, opportunity, django_assert_num_queries):
    warm(client, opportunity.url)
    with django_assert_num_queries(0):
        response = client.get(opportunity.url)
    assert response.status_code == 200
    assert "Wheelchair services survey" in response.content.decode()
    assert response["X-Page-Cache"] == "hit"
    assert response["Cache-Control"].startswith("public, max-age=")
    # The headers set inside the stack are kept with the page.
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response.has_header("X-Frame-Options")


@pytest.mark.django_db
def test_the_first_view_after_the_cache_is_emptied_is_stored(client, opportunity):
    """A new process, or a flushed cache, does not cost an extra uncached render per page."""
    client.get(opportunity.url)  # the settings row and site paths exist now
    for cache in caches.all():
        cache.clear()
    first = client.get(opportunity.url)
    assert first["X-Page-Cache"] == "miss"
    assert client.get(opportunity.url)["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_head_is_answered_from_the_cache(client, opportunity, django_assert_num_queries):
    warm(client, opportunity.url)
    with django_assert_num_queries(0):
        response = client.head(opportunity.url)
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/feeds/opportunities.rss",
        "/feeds/you-said-we-did.atom",
        "/feeds/events.ics",
        "/sitemap.xml",
        "/robots.txt",
    ],
)
def test_feeds_calendars_and_sitemap_are_cached(
    client, opportunity, outcome_index, url, django_assert_num_queries
):
    warm(client, url)
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


# Changes show on the next request -------------------------------------------------


@pytest.mark.django_db
def test_publishing_shows_on_the_index_at_once(client, opportunity_index, opportunity):
    warm(client, opportunity_index.url)
    new = OpportunityPageFactory(parent=opportunity_index, title="Maternity voices", live=False)
    _response, html = fetch(client, opportunity_index.url)
    assert "Maternity voices" not in html  # a draft is not public

    publish_signed_off(new)
    response, html = fetch(client, opportunity_index.url)
    assert "Maternity voices" in html
    assert response["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_unpublishing_removes_the_page_and_its_listing_at_once(client, opportunity_index, opportunity):
    warm(client, opportunity.url)
    warm(client, opportunity_index.url)
    opportunity.unpublish()
    assert client.get(opportunity.url).status_code == 404
    assert "Wheelchair services survey" not in fetch(client, opportunity_index.url)[1]


@pytest.mark.django_db
def test_an_edit_shows_once_published(client, opportunity):
    warm(client, opportunity.url)
    opportunity.summary = "We want to hear about repairs."
    revision = opportunity.save_revision()
    assert "We want to hear about repairs." not in fetch(client, opportunity.url)[1]  # only a draft
    record_signoff(opportunity, revision)
    revision.publish()
    assert "We want to hear about repairs." in fetch(client, opportunity.url)[1]


@pytest.mark.django_db
def test_moving_and_deleting_pages_show_at_once(client, home, opportunity_index, opportunity):
    warm(client, opportunity.url)
    opportunity.delete()
    assert client.get(opportunity.url).status_code == 404
    Redirect.objects.create(old_path=Redirect.normalise_path(opportunity.url), redirect_link="/get-involved/")
    response = client.get(opportunity.url)
    assert response.status_code in (301, 302) and response["Location"] == "/get-involved/"


@pytest.mark.django_db
def test_a_topic_renamed_shows_at_once(client, opportunity):
    topic = TopicFactory(name="Wheelchairs")
    opportunity.topics.add(topic)
    publish_signed_off(opportunity)
    assert "Wheelchairs" in warm(client, opportunity.url).content.decode()
    topic.name = "Wheelchair and mobility"
    topic.save()
    assert "Wheelchair and mobility" in fetch(client, opportunity.url)[1]


@pytest.mark.django_db
def test_organisation_settings_show_at_once(client, home):
    warm(client, "/")
    org = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    org.name = "NHS Example Integrated Care Board"
    org.save()
    assert "NHS Example Integrated Care Board" in fetch(client, "/")[1]


@pytest.mark.django_db
def test_making_a_page_private_stops_serving_it_from_the_cache(client, opportunity):
    warm(client, opportunity.url)
    PageViewRestriction.objects.create(page=opportunity, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(opportunity.url)
    assert response.status_code == 302 and "/login/" in response["Location"]


# A status never goes stale ---------------------------------------------------------


@pytest.mark.django_db
def test_a_closing_date_passing_at_london_midnight_closes_it_on_a_warm_cache(
    client, opportunity_index, monkeypatch
):
    page = OpportunityPageFactory(
        parent=opportunity_index,
        title="Summer survey",
        opens=datetime.date(2025, 6, 1),
        closes=datetime.date(2025, 6, 30),
    )
    # 23:59:30 in London is 22:59:30 UTC in summer: still the closing day.
    freeze(monkeypatch, datetime.datetime(2025, 6, 30, 23, 59, 30, tzinfo=LONDON))
    for url in (page.url, opportunity_index.url):
        response = warm(client, url)
        assert ">Open</strong>" in response.content.decode()
    # Browsers and a CDN are not told to keep it past midnight.
    assert response["Cache-Control"] == "public, max-age=30"

    freeze(monkeypatch, datetime.datetime(2025, 7, 1, 0, 0, 0, tzinfo=LONDON))
    response, html = fetch(client, page.url)
    assert response["X-Page-Cache"] == "miss"
    assert ">Closed</strong>" in html and ">Open</strong>" not in html
    assert "Summer survey" not in fetch(client, opportunity_index.url)[1]  # lists open and upcoming only


# Signed-in people and anonymous visitors never share a page ------------------------------


@pytest.mark.django_db
def test_an_editor_and_a_visitor_never_see_each_others_page(client, admin_client, opportunity):
    # The visitor's page, cached, is not what the editor gets…
    warm(client, opportunity.url)
    response = admin_client.get(opportunity.url)
    assert "X-Page-Cache" not in response
    assert "wagtail-userbar" in response.content.decode()
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]

    # …and the editor's page, with the userbar, is never stored for the visitor.
    publish_signed_off(opportunity)  # start again with an empty cache
    assert "wagtail-userbar" in admin_client.get(opportunity.url).content.decode()
    response = client.get(opportunity.url)
    assert response["X-Page-Cache"] == "miss"
    assert "wagtail-userbar" not in response.content.decode()


@pytest.mark.django_db
def test_a_session_or_messages_cookie_bypasses_the_cache(client, opportunity):
    warm(client, opportunity.url)
    for cookie in ("sessionid", "messages"):
        client.cookies[cookie] = "anything"
        response = client.get(opportunity.url)
        assert response.status_code == 200 and "X-Page-Cache" not in response
        del client.cookies[cookie]


@pytest.mark.django_db
def test_the_admin_and_posts_are_never_cached(admin_client, client, opportunity):
    assert "X-Page-Cache" not in admin_client.get("/admin/")
    assert "X-Page-Cache" not in client.post(opportunity.url)


# Query strings ------------------------------------------------------------------


def test_filters_are_normalised_and_unknown_parameters_are_not_cached():
    assert normalised_query("topic=b&type=survey&topic=a") == normalised_query("type=survey&topic=a&topic=b")
    assert normalised_query("status=open&utm_source=newsletter&fbclid=x") == "status=open"
    assert normalised_query("") == ""
    assert normalised_query("preview=1") is None
    assert normalised_query("page=" + "9" * 600) is None


@pytest.mark.django_db
def test_a_filtered_index_is_cached_whatever_the_order_of_its_filters(client, opportunity_index, opportunity):
    topic = TopicFactory(name="Mobility", slug="mobility")
    opportunity.topics.add(topic)
    publish_signed_off(opportunity)
    warm(client, f"{opportunity_index.url}?topic=mobility&type=survey")
    response = client.get(f"{opportunity_index.url}?type=survey&topic=mobility&utm_medium=email")
    assert response["X-Page-Cache"] == "hit"
    assert "Wheelchair services survey" in response.content.decode()

    response = client.get(f"{opportunity_index.url}?topic=mobility&unknown=1")
    assert "X-Page-Cache" not in response and "private" in response["Cache-Control"]


# The CDN, when there is one ------------------------------------------------------------


@pytest.mark.django_db
def test_a_published_page_purges_its_index_home_feeds_and_sitemap(opportunity_index, opportunity):
    urls = listing_urls(opportunity).urls
    assert {
        "http://testserver/",
        "http://testserver/get-involved/",
        "http://testserver/feeds/opportunities.rss",
        "http://testserver/feeds/events.ics",
        "http://testserver/sitemap.xml",
    } <= urls


@pytest.mark.django_db
def test_switched_off_nothing_is_cached(client, opportunity, settings):
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(2):
        response = client.get(opportunity.url)
        assert "X-Page-Cache" not in response and "Cache-Control" not in response


@pytest.mark.django_db
def test_upcoming_and_open_follow_the_opening_day(client, opportunity_index, monkeypatch):
    page = OpportunityPageFactory(parent=opportunity_index, opens=days(1), closes=days(30))
    assert ">Upcoming</strong>" in warm(client, page.url).content.decode()
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    freeze(monkeypatch, tomorrow.replace(hour=0, minute=0, second=1))
    assert ">Open</strong>" in fetch(client, page.url)[1]
