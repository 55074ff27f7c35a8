"""The API's field lists are explicit and public, and it never serves drafts or private pages."""

import pytest
from wagtail.models import PageViewRestriction, get_page_models

from pages.tests.factories import OpportunityPageFactory, StandardPageFactory
from workflows.plan import ConsultationPlan

# Every page type's API fields, written out: adding one is a decision to publish it.
PUBLIC_API_FIELDS = {
    "pages.HomePage": {"intro", "body"},
    "pages.StandardPage": {"intro", "body"},
    "pages.OpportunityIndexPage": {"intro", "body"},
    "pages.YouSaidWeDidIndexPage": {"intro", "body"},
    "pages.OpportunityPage": {
        "opportunity_type",
        "level",
        "summary",
        "opens",
        "closes",
        "public_status",
        "outcome_due",
        "event_start",
        "event_end",
        "location",
        "online_link",
        "how_to_take_part",
        "topics",
        "audiences",
        "intro",
        "body",
    },
    "pages.YouSaidWeDidPage": {
        "you_said",
        "we_did_summary",
        "source",
        "participants",
        "date",
        "topics",
        "actions",
        "intro",
        "body",
    },
    "pages.StrategyPage": {
        "period",
        "status",
        "review_date",
        "summary",
        "aims",
        "objectives",
        "principles",
        "actions",
        "intro",
        "body",
    },
    "involvement.RegisterPage": {"intro", "body"},
    "involvement.FeedbackPage": {"intro", "body"},
    "reporting.EngagementReportPage": {"year_start", "commentary", "intro", "body"},
}
PLAN_FIELDS = {field.name for field in ConsultationPlan._meta.get_fields()} | {"stakeholders"}


def api_get(client, url, status=200):
    response = client.get(url, HTTP_ACCEPT="application/json")
    assert response.status_code == status, (url, response.content[:300])
    return response.json()


def test_every_page_type_lists_exactly_its_public_api_fields():
    ours = {
        f"{model._meta.app_label}.{model.__name__}": {field.name for field in model.api_fields or []}
        for model in get_page_models()
        if model._meta.app_label in {"pages", "involvement", "reporting"}
    }
    assert ours == PUBLIC_API_FIELDS
    assert not PLAN_FIELDS & set().union(*PUBLIC_API_FIELDS.values())
    assert {"plan_proposal", "category", "eia_status", "osc_notified_on"} <= PLAN_FIELDS


@pytest.fixture
def planned(opportunity_index):
    """A live opportunity whose internal plan says things the public must never read."""
    return OpportunityPageFactory(
        parent=opportunity_index,
        title="Walk-in centre survey",
        slug="walk-in-centre",
        plan_proposal="Quokkaproposal to close the centre",
        resources="Kumquatbudget",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("fields", ["*", "plan_proposal", "category"])
def test_asking_for_plan_fields_by_name_gets_nothing(client, planned, fields):
    url = f"/api/v2/pages/?type=pages.OpportunityPage&fields={fields}"
    response = client.get(url, HTTP_ACCEPT="application/json")
    body = response.content.decode()
    assert "Quokkaproposal" not in body and "Kumquatbudget" not in body
    if fields != "*":
        assert response.status_code == 400  # "unknown field", never the value


@pytest.mark.django_db
def test_api_search_does_not_find_words_of_the_plan(client, planned):
    assert api_get(client, "/api/v2/pages/?search=walk-in")["meta"]["total_count"] == 1
    assert api_get(client, "/api/v2/pages/?search=Quokkaproposal")["meta"]["total_count"] == 0


@pytest.mark.django_db
def test_api_serves_the_published_version_never_a_newer_draft(client, planned):
    planned.title = "Draft title not yet approved"
    planned.summary = "Draft summary."
    planned.save_revision()
    detail = api_get(client, f"/api/v2/pages/{planned.pk}/")
    assert detail["title"] == "Walk-in centre survey"
    assert detail["summary"] == "Tell us what you think."
    assert "Draft title" not in client.get("/api/v2/pages/?fields=*").content.decode()


@pytest.mark.django_db
def test_drafts_and_private_pages_are_not_found_by_id_or_path(client, home, opportunity_index):
    draft = OpportunityPageFactory(parent=opportunity_index, slug="draft", live=False)
    private = StandardPageFactory(parent=home, slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    child = StandardPageFactory(parent=private, slug="child-of-private")
    for page in (draft, private, child):
        api_get(client, f"/api/v2/pages/{page.pk}/", status=404)
    for path in ("/get-involved/draft/", "/private/", "/private/child-of-private/"):
        response = client.get(f"/api/v2/pages/find/?html_path={path}", HTTP_ACCEPT="application/json")
        assert response.status_code == 404, path
    # The same lookups find a live public page.
    api_get(client, f"/api/v2/pages/{opportunity_index.pk}/")
    found = client.get("/api/v2/pages/find/?html_path=/get-involved/", HTTP_ACCEPT="application/json")
    assert found.status_code == 302 and f"/api/v2/pages/{opportunity_index.pk}/" in found["Location"]
    listed = {item["id"] for item in api_get(client, "/api/v2/pages/?limit=20")["items"]}
    assert listed == {home.pk, opportunity_index.pk}
    api_get(client, f"/api/v2/pages/?child_of={private.pk}", status=400)  # "parent page doesn't exist"
