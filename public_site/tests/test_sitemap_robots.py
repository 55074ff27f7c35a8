"""sitemap.xml and robots.txt: what search engines may index, and where to find it."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from pages.tests.factories import OpportunityPageFactory, StandardPageFactory, YouSaidWeDidPageFactory, days

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
