"""Every page type renders for the public and shows what editors put in it."""

import pytest

from pages.tests.factories import OpportunityPageFactory, StandardPageFactory


@pytest.mark.django_db
def test_home_page_lists_open_opportunities(client, opportunity_index):
    OpportunityPageFactory(parent=opportunity_index, title="Urgent care survey")
    response = client.get("/")
    assert response.status_code == 200
    assert "Urgent care survey" in response.content.decode()


@pytest.mark.django_db
def test_standard_page_renders_intro(client, home):
    page = StandardPageFactory(parent=home, title="About us", intro="Who we are.")
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Who we are." in response.content.decode()
