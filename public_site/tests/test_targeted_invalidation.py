"""A publish makes stale just the cached pages that show what was published: the page, the pages
above it, the feeds, the sitemap and search, and the pages it is linked with; other pages keep their
entries. Statuses still change at midnight on a warm cache."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from pages.tests.factories import OpportunityPageFactory, StandardPageFactory, YouSaidWeDidPageFactory
from public_site.tests.test_page_cache import warm
from workflows.tests.evidence import publish_signed_off

LONDON = zoneinfo.ZoneInfo("Europe/London")
FEED = "/feeds/opportunities.rss"
SITEMAP = "/sitemap.xml"


def menu(response):
    """The words of the header's menu."""
    html = response.content.decode()
    start = html.index("nhsuk-header__navigation-list")
    return " ".join(html[start : html.index("</ul>", start)].split())


@pytest.fixture
def site(client, home, opportunity_index, outcome_index):
    pages = {
        "about": StandardPageFactory(parent=home, title="About us", slug="about"),
        "survey": OpportunityPageFactory(parent=opportunity_index, title="Wheelchair services survey"),
        "outcome": YouSaidWeDidPageFactory(parent=outcome_index, title="Longer opening hours"),
    }
    client.get("/")  # creates the site settings
    return pages


@pytest.mark.django_db
def test_a_publish_shows_on_every_page_that_lists_it_and_leaves_the_others(
    client, home, opportunity_index, site
):
    new = OpportunityPageFactory(parent=opportunity_index, title="Maternity voices", live=False)
    shows_it = [home.url, opportunity_index.url, FEED, SITEMAP]
    unrelated = [site["about"].url, site["outcome"].url, site["survey"].url]
    for url in shows_it + unrelated:
        warm(client, url)
    for url in shows_it:
        assert "maternity-voices" not in client.get(url).content.decode()

    publish_signed_off(new)

    for url in shows_it:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "maternity-voices" in response.content.decode(), url
    assert "Maternity voices" in client.get(new.url).content.decode()
    for url in unrelated:
        assert client.get(url)["X-Page-Cache"] == "hit", url


@pytest.mark.django_db
def test_republishing_a_page_refreshes_it_and_its_listings_only(client, home, opportunity_index, site):
    survey = site["survey"]
    for url in (survey.url, opportunity_index.url, site["about"].url):
        warm(client, url)
    survey.summary = "Tell us about repairs and waiting times."
    publish_signed_off(survey)
    for url in (survey.url, opportunity_index.url):
        response = client.get(url)
        assert "repairs and waiting times" in response.content.decode(), url
    assert client.get(site["about"].url)["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_publishing_an_outcome_refreshes_the_opportunity_it_answers(
    client, opportunity_index, outcome_index, site
):
    survey = site["survey"]
    survey.opens, survey.closes = datetime.date(2025, 1, 1), datetime.date(2025, 3, 31)
    publish_signed_off(survey)
    for url in (survey.url, opportunity_index.url + "?status=closed", site["about"].url):
        warm(client, url)
    assert ">Closed</strong>" in client.get(survey.url).content.decode()
    assert (
        "Wheelchair services survey" in client.get(opportunity_index.url + "?status=closed").content.decode()
    )

    answer = YouSaidWeDidPageFactory(
        parent=outcome_index, title="Faster repairs", opportunity=survey, live=False
    )
    answer.save_revision().publish()

    response = client.get(survey.url)
    assert response["X-Page-Cache"] == "miss"
    assert ">Outcome published</strong>" in response.content.decode()
    closed = client.get(opportunity_index.url + "?status=closed").content.decode()
    assert "Wheelchair services survey" not in closed  # the listing's statuses follow
    assert client.get(site["about"].url)["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_renaming_a_menu_page_refreshes_every_page_and_the_menu(client, home, site):
    about = site["about"]
    about.show_in_menus = True
    about.save_revision().publish()
    assert "About us" in menu(warm(client, site["outcome"].url))
    about.title = "Who we are"
    about.save_revision().publish()
    response = client.get(site["outcome"].url)
    assert response["X-Page-Cache"] == "miss"
    assert "Who we are" in menu(response) and "About us" not in menu(response)


@pytest.mark.django_db
def test_a_page_newly_in_the_menus_shows_in_every_header(client, home, site):
    warm(client, site["outcome"].url)
    news = StandardPageFactory(parent=home, title="News", slug="news", show_in_menus=True, live=False)
    news.save_revision().publish()
    assert "News" in menu(client.get(site["outcome"].url))


@pytest.mark.django_db
def test_a_status_flips_at_midnight_with_every_entry_warm(client, opportunity_index, monkeypatch):
    page = OpportunityPageFactory(
        parent=opportunity_index,
        title="Summer survey",
        opens=datetime.date(2025, 6, 1),
        closes=datetime.date(2025, 6, 30),
    )
    client.get("/")

    def freeze(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(datetime.UTC))

    freeze(datetime.datetime(2025, 6, 30, 23, 59, 59, tzinfo=LONDON))
    for url in (page.url, opportunity_index.url, FEED):
        warm(client, url)
    assert ">Open</strong>" in client.get(page.url).content.decode()
    freeze(datetime.datetime(2025, 7, 1, 0, 0, 0, tzinfo=LONDON))
    html = client.get(page.url).content.decode()
    assert ">Closed</strong>" in html and ">Open</strong>" not in html
    assert "Summer survey" not in client.get(FEED).content.decode()  # the feed lists open and upcoming
