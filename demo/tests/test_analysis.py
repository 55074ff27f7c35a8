"""The demo urgent care consultation is analysed: a coding frame, coded answers, quotes for use, a
campaign found and decided, and a draft outcome that shows the chosen themes' counts; loaded once."""

from io import StringIO

from django.core.management import call_command

from analysis.models import Cluster, Coding, Quote, Theme
from pages.models import OpportunityPage, YouSaidWeDidPage


def snapshot():
    return (
        list(Theme.objects.order_by("pk").values_list("name", flat=True)),
        Coding.objects.count(),
        Quote.objects.count(),
        list(Cluster.objects.order_by("pk").values_list("decision", flat=True)),
    )


def test_the_demo_consultation_is_coded_and_its_draft_outcome_counts_themes(demo, client):
    page = OpportunityPage.objects.get(slug="future-of-urgent-care")
    assert Theme.objects.filter(opportunity=page).count() == 6
    assert Coding.objects.filter(response__opportunity=page).count() > 100
    assert Quote.objects.filter(response__opportunity=page).count() == 2
    assert Cluster.objects.filter(opportunity=page, decision="campaign").count() == 1
    outcome = YouSaidWeDidPage.objects.get(slug="urgent-care-what-we-are-hearing")
    assert not outcome.live and len(outcome.outcome_themes) == 4
    figures = outcome.theme_figures()
    assert len(figures) == 4 and all(figure.value and figure.value >= 5 for _name, figure in figures)
    before = snapshot()
    call_command("load_demo_content", stdout=StringIO())
    assert snapshot() == before
