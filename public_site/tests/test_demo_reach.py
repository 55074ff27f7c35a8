"""The demo site as search engines and feed readers find it: every live page, the sitemap, feeds."""

import xml.etree.ElementTree as ET

import feedparser
import pytest
from wagtail.models import Site

from pages.models import HomePage, OpportunityIndexPage, OrganisationSettings, YouSaidWeDidIndexPage
from public_site.tests import addresses
from public_site.tests.test_seo import canonical, head_of, meta

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.mark.django_db
def test_every_live_page_of_the_demo_describes_itself(client, demo_content):
    pages = addresses.live_pages()
    assert len(pages) > 10
    org = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    for page in pages:
        url = addresses.path_of(page)
        head = head_of(client, url)
        full_url = f"http://testserver{url}"
        assert canonical(head) == full_url
        description = meta(head, name="description")
        assert description.strip(), url
        assert meta(head, prop="og:description") == description
        assert meta(head, prop="og:title") == (page.seo_title or page.title)
        assert meta(head, prop="og:url") == full_url
        assert meta(head, prop="og:site_name") == org.name
        assert meta(head, prop="og:type") == ("website" if url == "/" else "article")


@pytest.mark.django_db
def test_the_sitemap_is_exactly_the_live_public_pages(client, demo_content):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]
    assert len(locations) == len(set(locations))
    assert set(locations) == {
        f"http://testserver{addresses.path_of(page)}" for page in addresses.live_pages()
    }


@pytest.mark.django_db
@pytest.mark.parametrize("model", [HomePage, OpportunityIndexPage, YouSaidWeDidIndexPage])
def test_each_listing_announces_its_feeds_in_both_formats(client, demo_content, model):
    head = head_of(client, addresses.path_of(model.objects.live().get()))
    links = head.find_all("link", rel="alternate")
    found = {(link["type"], link["href"]) for link in links}
    for feed in ("opportunities", "you-said-we-did"):
        assert ("application/rss+xml", f"/feeds/{feed}.rss") in found
        assert ("application/atom+xml", f"/feeds/{feed}.atom") in found
    # The listing's own feed comes first, for readers that take the first one they find.
    first = links[0]["href"]
    if model is YouSaidWeDidIndexPage:
        assert first == "/feeds/you-said-we-did.rss"
    else:
        assert first == "/feeds/opportunities.rss"
    for link in links:
        assert link["title"]
        response = client.get(link["href"])
        assert response["Content-Type"].startswith(link["type"])
        feed = feedparser.parse(response.content)
        assert feed.bozo == 0, (link["href"], feed.get("bozo_exception"))
        assert feed.entries, link["href"]
        live = {f"http://testserver{addresses.path_of(page)}" for page in addresses.live_pages()}
        assert {entry.link for entry in feed.entries} <= live
