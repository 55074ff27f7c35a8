"""The read-only Wagtail API v2: live public pages with their public fields, images, documents."""

import pytest
from wagtail.models import PageViewRestriction

from pages.tests.factories import OpportunityPageFactory, TopicFactory

OPPORTUNITIES = "/api/v2/pages/?type=pages.OpportunityPage&fields=*"


def api_get(client, url):
    response = client.get(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response.json()


@pytest.mark.django_db
def test_api_serves_an_opportunity_with_its_public_fields(client, opportunity_index):
    page = OpportunityPageFactory(
        parent=opportunity_index,
        title="Urgent care survey",
        slug="urgent-care-survey",
        summary="Tell us about urgent care.",
        location="Community Hall",
    )
    page.topics.set([TopicFactory(name="Urgent care")])
    page.save()

    data = api_get(client, OPPORTUNITIES)
    assert data["meta"]["total_count"] == 1
    [item] = data["items"]
    assert item["title"] == "Urgent care survey"
    assert item["meta"]["type"] == "pages.OpportunityPage"
    assert item["meta"]["html_url"] == "http://testserver/get-involved/urgent-care-survey/"
    assert item["summary"] == "Tell us about urgent care."
    assert item["public_status"] == "open"
    assert item["opens"] == page.opens.isoformat()
    assert item["location"] == "Community Hall"
    assert item["level"] == "engage"
    assert len(item["topics"]) == 1


@pytest.mark.django_db
def test_api_leaves_out_unpublished_and_private_pages(client, opportunity_index):
    OpportunityPageFactory(parent=opportunity_index, title="Published survey")
    OpportunityPageFactory(parent=opportunity_index, title="Draft survey", live=False)
    private = OpportunityPageFactory(parent=opportunity_index, title="Private survey")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")

    titles = [item["title"] for item in api_get(client, OPPORTUNITIES)["items"]]
    assert titles == ["Published survey"]
    all_titles = [item["title"] for item in api_get(client, "/api/v2/pages/")["items"]]
    assert "Draft survey" not in all_titles
    assert "Private survey" not in all_titles


@pytest.mark.django_db
def test_api_has_image_and_document_endpoints(client, home):
    assert api_get(client, "/api/v2/images/")["meta"]["total_count"] == 0
    assert api_get(client, "/api/v2/documents/")["meta"]["total_count"] == 0


@pytest.mark.django_db
def test_api_rejects_an_unknown_page_type_without_an_error_page(client, home):
    response = client.get("/api/v2/pages/?type=pages.NoSuchPage", HTTP_ACCEPT="application/json")
    assert response.status_code == 400
