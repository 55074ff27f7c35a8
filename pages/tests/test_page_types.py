"""Each page type lives only where it belongs and shows what editors put in it."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from pages import models
from pages.tests.factories import (
    OpportunityPageFactory,
    StandardPageFactory,
    StrategyActionFactory,
    StrategyPageFactory,
    YouSaidWeDidPageFactory,
    days,
)


class TestWhereEachPageTypeMayLive(WagtailPageTestCase):
    def test_home_page_sits_at_the_root(self):
        self.assertCanCreateAt(Page, models.HomePage)
        self.assertCanNotCreateAt(models.StandardPage, models.HomePage)

    def test_home_page_children(self):
        for child in (
            models.StandardPage,
            models.StrategyPage,
            models.OpportunityIndexPage,
            models.YouSaidWeDidIndexPage,
        ):
            self.assertCanCreateAt(models.HomePage, child)
        self.assertCanNotCreateAt(models.HomePage, models.OpportunityPage)
        self.assertCanNotCreateAt(models.HomePage, models.YouSaidWeDidPage)

    def test_opportunities_live_only_in_their_index(self):
        self.assertAllowedParentPageTypes(models.OpportunityPage, {models.OpportunityIndexPage})
        self.assertCanCreateAt(models.OpportunityIndexPage, models.OpportunityPage)
        self.assertAllowedSubpageTypes(models.OpportunityPage, {})

    def test_outcomes_live_only_in_their_index(self):
        self.assertAllowedParentPageTypes(models.YouSaidWeDidPage, {models.YouSaidWeDidIndexPage})
        self.assertAllowedSubpageTypes(models.YouSaidWeDidIndexPage, {models.YouSaidWeDidPage})
        self.assertAllowedSubpageTypes(models.YouSaidWeDidPage, {})

    def test_standard_pages_nest(self):
        self.assertAllowedSubpageTypes(models.StandardPage, {models.StandardPage})
        self.assertAllowedParentPageTypes(models.StrategyPage, {models.HomePage})
        self.assertAllowedSubpageTypes(models.StrategyPage, {})


@pytest.mark.django_db
def test_standard_page_shows_its_body_blocks(client, home):
    page = StandardPageFactory(
        parent=home,
        title="Accessibility statement",
        body=[
            ("heading", {"text": "How accessible this website is", "level": "h2"}),
            ("paragraph", "<p>Most of the site works with a screen reader.</p>"),
            ("inset_text", {"body": "<p>Call us for a paper copy.</p>"}),
        ],
    )
    html = client.get(page.url).content.decode()
    assert "<h2>How accessible this website is</h2>" in html
    assert "Most of the site works with a screen reader." in html
    assert "nhsuk-inset-text" in html and "Call us for a paper copy." in html


@pytest.mark.django_db
def test_strategy_page_shows_aims_and_the_action_plan_by_theme(client, home):
    page = StrategyPageFactory(parent=home)
    models.StrategyAim.objects.create(page=page, aim="Embed the patient voice in every decision")
    models.StrategyObjective.objects.create(
        page=page, objective="Build an engagement framework", how_achieved="<p>Reference groups.</p>"
    )
    models.StrategyPrinciple.objects.create(page=page, title="Always feed back")
    StrategyActionFactory(page=page, theme="Communication", action="Use new media", status="complete")
    StrategyActionFactory(page=page, theme="Communication", action="Train staff", status="at_risk")
    StrategyActionFactory(page=page, theme="Engagement", action="Run involvement cafés", status="on_track")
    html = client.get(page.url).content.decode()
    for text in (
        "Embed the patient voice in every decision",
        "Build an engagement framework",
        "Always feed back",
        '<caption class="nhsuk-table__caption">Communication</caption>',
        '<caption class="nhsuk-table__caption">Engagement</caption>',
        "Run involvement cafés",
    ):
        assert text in html
    # The status summary counts every status, including those with no actions.
    assert html.count('app-status-count--complete">1<') == 1
    assert 'app-status-count--at_risk">1<' in html
    assert 'app-status-count--off_track">0<' in html


@pytest.mark.django_db
def test_opportunity_page_shows_its_facts_and_level(client, opportunity_index):
    page = OpportunityPageFactory(
        parent=opportunity_index,
        title="Future of the walk-in centre",
        level="consult",
        opportunity_type="consultation",
        alternative_formats=["easy_read", "bsl"],
        alternative_formats_how="Call 01632 960000.",
        contact_email="engage@example.org",
        location="Civic Centre, Mansfield",
    )
    html = client.get(page.url).content.decode()
    for text in (
        "Future of the walk-in centre",
        "Level of involvement: Consult",
        "formal public consultation",
        "Easy read",
        "British Sign Language",
        "Call 01632 960000.",
        "engage@example.org",
        "Civic Centre, Mansfield",
        "Fill in the online survey.",
    ):
        assert text in html


@pytest.mark.django_db
def test_outcome_page_shows_what_people_said_and_did(client, outcome_index, opportunity_index):
    opportunity = OpportunityPageFactory(parent=opportunity_index, opens=days(-60), closes=days(-30))
    page = YouSaidWeDidPageFactory(parent=outcome_index, opportunity=opportunity, participants=412)
    models.YouSaidWeDidAction.objects.create(page=page, action="Opened an evening clinic", status="done")
    models.YouSaidWeDidAction.objects.create(page=page, action="Recruit two more nurses", status="planned")
    html = client.get(page.url).content.decode()
    for text in (
        "Waiting times were too long.",
        "412",
        "Opened an evening clinic",
        "Planned",
        opportunity.title,
    ):
        assert text in html


@pytest.mark.django_db
def test_index_pages_render(client, opportunity_index, outcome_index):
    assert client.get(opportunity_index.url).status_code == 200
    assert client.get(outcome_index.url).status_code == 200


class TestEditorsCanPreviewAndEditEveryPageType(WagtailPageTestCase):
    def setUp(self):
        from pages.tests.factories import OpportunityIndexPageFactory, YouSaidWeDidIndexPageFactory

        self.home = models.HomePage.objects.get()
        opportunities = OpportunityIndexPageFactory(parent=self.home)
        outcomes = YouSaidWeDidIndexPageFactory(parent=self.home)
        self.pages = [
            self.home,
            StandardPageFactory(parent=self.home),
            StrategyPageFactory(parent=self.home),
            opportunities,
            OpportunityPageFactory(parent=opportunities),
            outcomes,
            YouSaidWeDidPageFactory(parent=outcomes),
        ]

    def test_preview(self):
        for page in self.pages:
            for mode, _label in page.preview_modes:
                response = page.make_preview_request(preview_mode=mode)
                self.assertEqual(response.status_code, 200, type(page).__name__)
                self.assertContains(response, page.title)

    def test_edit_view_opens(self):
        user = self.create_superuser("preview-admin")
        self.client.force_login(user)
        from django.urls import reverse

        for page in self.pages:
            response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            self.assertEqual(response.status_code, 200, type(page).__name__)
