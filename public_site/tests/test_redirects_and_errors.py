"""Redirects made in the admin work for the public; missing pages and errors are in house style."""

import pytest
from django.test import Client
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from pages.models import StandardPage
from pages.tests.factories import OpportunityPageFactory, StandardPageFactory


@pytest.fixture
def admin_client(client, django_user_model, home):
    user = django_user_model.objects.create_superuser("webteam", "webteam@example.org", "pw")
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_redirect_added_in_the_admin_sends_visitors_to_the_page(admin_client, opportunity_index):
    survey = OpportunityPageFactory(parent=opportunity_index, slug="urgent-care-survey-2030")
    site = Site.objects.get(is_default_site=True)
    response = admin_client.post(
        "/admin/redirects/add/",
        {"old_path": "/urgent-care", "site": site.pk, "is_permanent": "on", "redirect_page": survey.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Redirect.objects.filter(old_path="/urgent-care").exists()

    visitor = Client()
    response = visitor.get("/urgent-care/")
    assert response.status_code == 301
    assert response["Location"].endswith("/get-involved/urgent-care-survey-2030/")
    assert visitor.get(response["Location"]).status_code == 200
    # A query string on the old address still redirects.
    assert visitor.get("/urgent-care?from=leaflet").status_code == 301


@pytest.mark.django_db
def test_a_temporary_redirect_to_another_site(admin_client):
    response = admin_client.post(
        "/admin/redirects/add/",
        {"old_path": "/pals", "redirect_link": "https://www.nhs.uk/nhs-services/hospitals/what-is-pals/"},
    )
    assert response.status_code == 302
    response = Client().get("/pals")
    assert response.status_code == 302
    assert response["Location"] == "https://www.nhs.uk/nhs-services/hospitals/what-is-pals/"


@pytest.mark.django_db
def test_a_missing_page_is_a_house_style_404(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html
    assert 'href="/search/"' in html
    assert 'class="nhsuk-header' in html and 'class="nhsuk-footer' in html  # the site's own frame
    assert "<title>Page not found – " in html


@pytest.mark.django_db
def test_a_server_error_shows_the_house_style_500_page(home, monkeypatch):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(StandardPage, "serve", broken)
    StandardPageFactory(parent=home, slug="broken")
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Sorry, there is a problem with the service</h1>" in html
    assert "database on fire" not in html and "Traceback" not in html
    assert '<a href="/">Go to the home page</a>' in html
