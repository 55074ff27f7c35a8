"""`manage.py generate_volume_data`: what a visitor finds afterwards, and that it refuses to run twice."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from benchmarks.volume import SLUG_PREFIX, STRATEGY_SLUG
from pages.models import OpportunityPage, StrategyPage, YouSaidWeDidPage
from pages.models.opportunities import OpportunityType, Status
from pages.tests.factories import OpportunityPageFactory

SMALL = {"opportunities": 40, "outcomes": 30, "actions": 12, "images": 2}


def generate(**counts):
    call_command("generate_volume_data", "--yes", stdout=io.StringIO(), **{**SMALL, **counts})


@pytest.fixture
def volume(home, opportunity_index, outcome_index):
    """The volume on a bare tree: with the two indexes there, the demo content is not loaded first."""
    generate()
    return home


def volume_opportunities():
    return OpportunityPage.objects.filter(slug__startswith=SLUG_PREFIX).with_status()


def test_refuses_without_confirmation(home):
    with pytest.raises(CommandError, match="--yes"):
        call_command("generate_volume_data", stdout=io.StringIO(), **SMALL)
    assert not OpportunityPage.objects.exists()


def test_refuses_to_run_twice(volume):
    pages = OpportunityPage.objects.count()
    with pytest.raises(CommandError, match="already loaded"):
        generate()
    assert OpportunityPage.objects.count() == pages


def test_opportunities_of_every_type_and_status_are_listed(volume, client):
    opportunities = volume_opportunities()
    assert opportunities.count() == SMALL["opportunities"]
    assert set(opportunities.values_list("status", flat=True)) == set(Status.values)
    assert set(opportunities.values_list("opportunity_type", flat=True)) == set(OpportunityType.values)

    open_now = opportunities.filter(status=Status.OPEN).order_by("title").first()
    response = client.get("/get-involved/?status=open")
    assert response.status_code == 200
    assert response.context["result_count"] >= opportunities.filter(status=Status.OPEN).count()

    page = client.get(open_now.url)
    assert page.status_code == 200
    assert open_now.title in page.content.decode()


def test_outcomes_answer_closed_opportunities(volume, client):
    answered = volume_opportunities().filter(status=Status.OUTCOME_PUBLISHED).first()
    outcome = YouSaidWeDidPage.objects.get(opportunity=answered)
    assert YouSaidWeDidPage.objects.filter(slug__startswith=SLUG_PREFIX).count() == SMALL["outcomes"]

    page = client.get(answered.url)
    assert page.status_code == 200
    assert outcome.url in page.content.decode()
    assert client.get("/you-said-we-did/").context["result_count"] >= SMALL["outcomes"]


def test_strategy_shows_every_action(volume, client):
    strategy = StrategyPage.objects.get(slug=STRATEGY_SLUG)
    assert strategy.actions.count() == SMALL["actions"]
    response = client.get(strategy.url)
    assert response.status_code == 200
    assert sum(len(actions) for _theme, actions in response.context["actions_by_theme"]) == SMALL["actions"]


def test_new_pages_are_in_the_search_index(volume, client):
    page = volume_opportunities().order_by("pk").last()
    place = page.title.split(" in ")[1].split(":")[0]
    response = client.get("/search/", {"q": place})
    assert response.status_code == 200
    assert response.context["result_count"] > 0


def test_the_page_tree_is_the_one_treebeard_would_have_built(volume, opportunity_index):
    """Guards volume.add_live_children, which writes tree paths through treebeard's private methods."""
    assert not any(Page.find_problems()), "paths, depths and child counts are consistent"
    index = Page.objects.get(pk=opportunity_index.pk)
    assert index.numchild == index.get_children().count() == SMALL["opportunities"]
    added = OpportunityPageFactory(parent=index, title="Added after the volume data")
    assert index.get_last_child().specific == added
    assert not any(Page.find_problems())
