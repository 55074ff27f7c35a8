"""sitemap.xml and robots.txt: what search engines may index, and where to find it."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from pages.models import OpportunityPage
from pages.tests.factories import OpportunityPageFactory, StandardPageFactory, YouSaidWeDidPageFactory, days
from public_site import sitemaps

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]


@pytest.mark.django_db
def test_sitemap_lists_live_pages_only(client, home, opportunity_index):
    OpportunityPageFactory(parent=opportunity_index, slug="urgent-care-survey")
    OpportunityPageFactory(parent=opportunity_index, slug="draft-survey", live=False)
    private = StandardPageFactory(parent=home, slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")

    locations = sitemap_locations(client)
    assert "http://testserver/" in locations
    assert "http://testserver/get-involved/" in locations
    assert "http://testserver/get-involved/urgent-care-survey/" in locations
    assert "http://testserver/get-involved/draft-survey/" not in locations
    assert "http://testserver/private/" not in locations


@pytest.mark.django_db
def test_robots_txt_allows_crawling_but_not_the_admin_and_names_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.django_db
def test_sitemap_is_exactly_the_live_public_pages(client, home, opportunity_index, outcome_index):
    OpportunityPageFactory(parent=opportunity_index, slug="open-survey")
    OpportunityPageFactory(parent=opportunity_index, slug="closed-survey", opens=days(-60), closes=days(-30))
    withdrawn = OpportunityPageFactory(parent=opportunity_index, slug="withdrawn")
    withdrawn.unpublish()
    YouSaidWeDidPageFactory(parent=outcome_index, slug="new-clinic")
    YouSaidWeDidPageFactory(parent=outcome_index, slug="draft-change", live=False)
    private = StandardPageFactory(parent=home, slug="staff")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    StandardPageFactory(parent=private, slug="rota")

    assert sorted(sitemap_locations(client)) == sorted(
        f"http://testserver{path}"
        for path in [
            "/",
            "/get-involved/",
            "/get-involved/open-survey/",
            "/get-involved/closed-survey/",  # closed is still public, for the record
            "/you-said-we-did/",
            "/you-said-we-did/new-clinic/",
        ]
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache_off")
def test_sitemap_gives_each_page_its_last_published_day_in_constant_queries(
    client, home, opportunity_index, outcome_index
):
    first = OpportunityPageFactory(parent=opportunity_index, slug="first")
    # 23:30 UTC on 1 July is 00:30 on 2 July in London (British Summer Time): the day is London's.
    Page.objects.filter(pk=first.pk).update(
        last_published_at=datetime.datetime(2024, 7, 1, 23, 30, tzinfo=datetime.UTC)
    )
    client.get("/sitemap.xml")
    with CaptureQueriesContext(connection) as few:
        response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    entries = {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext("sm:lastmod", namespaces=SITEMAP_NS)
        for url in root.findall("sm:url", SITEMAP_NS)
    }
    assert entries["http://testserver/get-involved/first/"] == "2024-07-02"  # 00:30 on 2 July in London

    for n in range(12):
        OpportunityPageFactory(parent=opportunity_index, slug=f"more-{n}")
        YouSaidWeDidPageFactory(parent=outcome_index, slug=f"change-{n}")
    StandardPageFactory(parent=home, slug="about")
    client.get("/sitemap.xml")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/sitemap.xml")
    assert len(ET.fromstring(response.content).findall("sm:url", SITEMAP_NS)) == len(entries) + 25
    assert len(many) == len(few) <= 5


@pytest.mark.django_db
def test_a_page_type_with_its_own_sitemap_entries_is_asked_for_them(
    client, home, opportunity_index, monkeypatch
):
    OpportunityPageFactory(parent=opportunity_index, slug="listed")

    def get_sitemap_urls(self, request=None):
        return [{"location": f"https://example.org/elsewhere/{self.slug}/", "lastmod": None}]

    monkeypatch.setattr(OpportunityPage, "get_sitemap_urls", get_sitemap_urls)
    sitemaps.custom_url_models.cache_clear()
    try:
        locations = sitemap_locations(client)
    finally:
        monkeypatch.undo()
        sitemaps.custom_url_models.cache_clear()
    assert "https://example.org/elsewhere/listed/" in locations
    assert "http://testserver/get-involved/listed/" not in locations
    assert "http://testserver/get-involved/" in locations
