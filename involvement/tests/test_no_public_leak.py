"""Register members' and feedback's personal data never appear anywhere the public can reach."""

import pytest

from involvement.tests.factories import FeedbackFactory, MemberFactory
from pages.tests.factories import OpportunityPageFactory, YouSaidWeDidPageFactory
from workflows.tests.evidence import publish_signed_off

SURNAME = "Wobblethwaite"
EMAIL = "zanzibar.wobblethwaite@example.com"
PHONE = "01632 960 987"
ACCESS_NEEDS = "Needs a quokka-shaped ramp"
STORY = "The Xylophonia ward lost my paperwork"
FEEDBACK_NAME = "Ottoline Grumbleweed"
NOTES = "Staff note about Marmaduke"

SECRETS = [SURNAME, EMAIL, PHONE, ACCESS_NEEDS, STORY, FEEDBACK_NAME, NOTES, "Xylophonia", "quokka"]


@pytest.fixture
def secrets_stored(topics, opportunity_index, outcome_index, register_page, feedback_page):
    MemberFactory(
        name=f"Zanzibar {SURNAME}",
        email=EMAIL,
        phone=PHONE,
        access_needs=ACCESS_NEEDS,
        topics=[topics[0]],
    )
    FeedbackFactory(
        experience=STORY,
        service="Xylophonia ward",
        name=FEEDBACK_NAME,
        email="ottoline@example.org",
        consent_to_contact=True,
        staff_notes=NOTES,
        topic=topics[0],
    )
    opportunity = OpportunityPageFactory(parent=opportunity_index, title="Urgent care survey")
    opportunity.topics.set([topics[0]])
    publish_signed_off(opportunity)
    YouSaidWeDidPageFactory(parent=outcome_index, title="Shorter waits").save_revision().publish()
    return opportunity


def assert_no_secrets(response, url, allowed=""):
    content = response.content if hasattr(response, "content") else b"".join(response.streaming_content)
    text = content.decode(errors="replace")
    if allowed:
        text = text.replace(allowed, "")  # a search page repeats the query back
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} found at {url}"


@pytest.mark.django_db
def test_public_pages_show_no_personal_data(client, secrets_stored, register_page, feedback_page):
    urls = [
        "/",
        "/get-involved/",
        secrets_stored.url,
        "/you-said-we-did/",
        register_page.url,
        register_page.url + "thank-you/",
        feedback_page.url,
        feedback_page.url + "thank-you/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_secrets(response, url)


@pytest.mark.django_db
def test_search_finds_pages_but_never_people_or_feedback(client, secrets_stored):
    control = client.get("/search/?q=involvement+register")
    assert control.status_code == 200
    assert "Join our involvement register" in control.content.decode()  # search does work
    for term in [SURNAME, "Zanzibar", "Xylophonia", "Grumbleweed", "quokka", "Marmaduke", "960987"]:
        response = client.get(f"/search/?q={term}")
        assert response.status_code == 200
        assert response.context["result_count"] == 0, term
        assert_no_secrets(response, f"/search/?q={term}", allowed=term)


@pytest.mark.django_db
def test_feeds_show_no_personal_data(client, secrets_stored):
    checked = 0
    for url in ["/feeds/opportunities.rss", "/feeds/you-said-we-did.rss", "/feeds/opportunities.atom"]:
        response = client.get(url)
        if response.status_code == 404:
            continue  # the feed is not built yet
        assert response.status_code == 200, url
        assert_no_secrets(response, url)
        checked += 1
    if not checked:
        pytest.skip("no feeds are served yet")


@pytest.mark.django_db
def test_api_shows_no_personal_data(client, secrets_stored, register_page, feedback_page):
    response = client.get("/api/v2/pages/?fields=*")
    if response.status_code == 404:
        pytest.skip("the API is not served yet")
    assert response.status_code == 200
    assert_no_secrets(response, "/api/v2/pages/")
    for page in [register_page, feedback_page, secrets_stored]:
        detail = client.get(f"/api/v2/pages/{page.pk}/")
        assert detail.status_code in (200, 404)
        assert_no_secrets(detail, f"/api/v2/pages/{page.pk}/")
    for type_name in ["involvement.RegisterPage", "involvement.FeedbackPage"]:
        response = client.get(f"/api/v2/pages/?type={type_name}&fields=*")
        assert response.status_code in (200, 400)
        assert_no_secrets(response, type_name)
