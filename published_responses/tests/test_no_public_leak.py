"""Nothing unpublished reaches a public output: the listing, the opportunity page, site search,
feeds, the sitemap or the API; and what is published is only on its own listing."""

import pytest
from wagtail.models import Page

from published_responses import moderation
from published_responses.tests.helpers import approve, decline, publish, respond, responses_url, submit

pytestmark = pytest.mark.django_db

UNPUBLISHED = {
    "pending": "Quetzalpending",
    "declined": "Ocelotdeclined",
    "refused": "Narwhalrefused",
    "redacted": "Pangolinredacted",
    "waiting": "Axolotlwaiting",
}
PUBLISHED = "Capybarapublished"


@pytest.fixture
def moderated(consultation, users):
    engagement, reviewer = users["engagement"], users["reviewer"]
    respond(consultation, "anonymously", why=UNPUBLISHED["pending"])
    declined = respond(consultation, "anonymously", why=UNPUBLISHED["declined"])
    respond(consultation, "no", why=UNPUBLISHED["refused"])
    redacted = respond(
        consultation, "with_name", name="Red Act", why=f"{PUBLISHED} and {UNPUBLISHED['redacted']}"
    )
    decline(consultation, declined, engagement)
    publish(consultation, redacted, engagement)
    moderation.redact(consultation, redacted.pk, "why", UNPUBLISHED["redacted"], "A name", engagement)
    approve(submit(consultation, engagement), reviewer)
    # Published after the approval: waits for the next one.
    waiting = respond(consultation, "anonymously", why=UNPUBLISHED["waiting"])
    publish(consultation, waiting, engagement)
    submit(consultation, engagement)
    return consultation


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def assert_nothing_unpublished(text, where):
    for word in UNPUBLISHED.values():
        assert word not in text, (where, word)


def test_the_listing_shows_only_the_approved_redacted_text(client, moderated):
    text = body(client.get(responses_url(moderated)))
    assert PUBLISHED in text
    assert_nothing_unpublished(text, "listing")


def test_search_with_hostile_input_never_fails(client, moderated):
    for query in [
        "<script>alert(1)</script>",
        "x" * 5000,
        "\x00",
        "%",
        "' OR 1=1 --",
    ]:
        answer = client.get(responses_url(moderated), {"q": query, "page": "-1"})
        assert answer.status_code == 200, query
        assert "<script>alert(1)</script>" not in answer.content.decode()
        assert_nothing_unpublished(answer.content.decode(), query)
    missing = client.get(responses_url(moderated), {"q": UNPUBLISHED["waiting"]}).content.decode()
    assert "0 responses found" in missing and "app-published-response" not in missing
    found = client.get(responses_url(moderated), {"q": PUBLISHED.lower()}).content.decode()
    assert PUBLISHED in found and "1 response found" in found


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/opportunities.rss",
        "/feeds/opportunities.atom",
        "/sitemap.xml",
        "/api/v2/pages/?type=pages.OpportunityPage&fields=*",
    ],
)
def test_nothing_in_feeds_sitemap_or_api(client, moderated, url):
    answer = client.get(url)
    assert answer.status_code == 200, url
    text = body(answer)
    assert_nothing_unpublished(text, url)
    assert PUBLISHED not in text  # published responses are on their listing only


def test_nothing_in_site_search_or_the_opportunity_page(client, moderated):
    for word in [*UNPUBLISHED.values(), PUBLISHED]:
        assert Page.objects.live().search(word).count() == 0, word
        assert moderated.title not in client.get("/search/", {"q": word}).content.decode()
    assert_nothing_unpublished(body(client.get(moderated.url)), "opportunity page")
    assert_nothing_unpublished(body(client.get(f"/api/v2/pages/{moderated.pk}/")), "API detail")
