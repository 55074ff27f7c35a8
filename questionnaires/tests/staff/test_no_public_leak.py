"""What people answer never reaches a public output: the page, search, feeds, sitemap, the API."""

import datetime

import pytest
from wagtail.models import Page

from pages.tests.factories import today
from questionnaires.tests.builders import questionnaire_page
from questionnaires.tests.staff.conftest import consultation_stream
from questionnaires.tests.staff.helpers import FULL, respond

pytestmark = pytest.mark.django_db

SECRET_WORDS = ["Zanzibaranswer", "Quokkaother", "Wombatreason", "zanzibar@example.com"]


@pytest.fixture(params=["open", "closed"])
def answered(request, opportunity_index):
    closes = today() + datetime.timedelta(days=30)
    if request.param == "closed":
        closes = today() - datetime.timedelta(days=1)
    page = questionnaire_page(
        opportunity_index,
        consultation_stream(),
        title="Urgent care consultation",
        slug="urgent-care",
        opens=today() - datetime.timedelta(days=60),
        closes=closes,
    )
    respond(
        page,
        {**FULL, "comments": "Zanzibaranswer", "travel__other": "Quokkaother", "why": "Wombatreason"},
        email="zanzibar@example.com",
        about_you={"age_band": "prefer_not"},
    )
    return page


def assert_private(body, where):
    for word in SECRET_WORDS:
        assert word not in body, (where, word)


def test_answers_never_reach_the_public_page(client, answered):
    for url in (answered.url, f"{answered.url}respond/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_private(response.content.decode(), url)


def test_answers_are_not_searchable(client, answered):
    for word in SECRET_WORDS[:3]:
        assert Page.objects.live().search(word).count() == 0, word
        assert answered.title not in client.get("/search/", {"q": word}).content.decode()


def test_answers_are_not_in_the_api(client, answered):
    for url in (f"/api/v2/pages/{answered.pk}/", "/api/v2/pages/?type=pages.OpportunityPage&fields=*"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_private(response.content.decode(), url)
        assert '"responses"' not in response.content.decode()


def test_answers_are_not_in_feeds_calendars_or_sitemap(client, answered):
    for url in (
        "/feeds/opportunities.rss",
        "/feeds/opportunities.atom",
        "/sitemap.xml",
        f"{answered.url}event.ics",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_private(
            b"".join(response.streaming_content).decode()
            if response.streaming
            else response.content.decode(),
            url,
        )
