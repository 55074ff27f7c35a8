"""Builds the pages app's demo content: topics, settings and the public page tree."""

from functools import partial

from django.utils import timezone
from wagtail.models import Page

from demo import home as home_data
from demo import opportunities, outcomes, standard_pages, strategy
from demo.organisation import ensure_settings
from demo.signoff import sign_off_and_publish
from demo.sync import ensure_page, update_page
from demo.vocabularies import ensure_terms
from pages.models import (
    HomePage,
    OpportunityIndexPage,
    OpportunityPage,
    StandardPage,
    StrategyPage,
    YouSaidWeDidIndexPage,
    YouSaidWeDidPage,
)


def build(home, stdout=None, *, today=None, force=False):
    """Load everything of the pages app except the pages that link to other apps' demo pages.

    Returns {slug: page} for the pages other steps link to.
    """
    today = today or timezone.localdate()
    ensure = partial(ensure_page, stdout=stdout, force=force)
    topics, audiences = ensure_terms(stdout)

    opportunity_index, _ = ensure(
        home, OpportunityIndexPage, opportunities.INDEX_SLUG, fields=opportunities.index_fields()
    )
    opportunity_pages = {}
    for slug, fields, children in opportunities.opportunities(today, topics, audiences):
        # Opportunities go live as real ones do: through sign-off, by the demo accounts.
        opportunity_pages[slug], _ = ensure(
            opportunity_index,
            OpportunityPage,
            slug,
            fields=fields,
            children=children,
            publish=sign_off_and_publish,
        )

    # After the opportunities, because items point at the opportunity they answer.
    outcome_index, _ = ensure(
        home, YouSaidWeDidIndexPage, outcomes.INDEX_SLUG, fields=outcomes.index_fields()
    )
    for slug, fields, actions in outcomes.outcomes(today, topics, opportunity_pages):
        ensure(outcome_index, YouSaidWeDidPage, slug, fields=fields, children={"actions": actions})

    plan = strategy.strategy(today)
    ensure(home, StrategyPage, strategy.SLUG, fields=plan["fields"], children=plan["children"])

    about, _ = ensure(home, StandardPage, standard_pages.ABOUT_SLUG, fields=standard_pages.about())
    accessibility, _ = ensure(
        about,
        StandardPage,
        standard_pages.ACCESSIBILITY_SLUG,
        fields=standard_pages.accessibility_statement(today),
    )
    privacy, _ = ensure(
        about, StandardPage, standard_pages.PRIVACY_SLUG, fields=standard_pages.privacy_notice(today)
    )

    pages = {
        "about": about,
        "accessibility-statement": accessibility,
        "privacy-notice": privacy,
        "get-involved": opportunity_index,
        "you-said-we-did": outcome_index,
    }
    ensure_settings(pages, stdout, force=force)
    return pages


def finish(home, stdout=None, *, force=False):
    """Load the pages that link to pages other apps' demo modules add; run after those modules.

    These are the how-to-get-involved page (the register sign-up and feedback form) and the home
    page's 'ways to get involved' links. Loading them last means the links are there on the
    first run, and a second run finds nothing to change.
    """
    home = HomePage.objects.get(pk=home.pk)
    about = StandardPage.objects.child_of(home).get(slug=standard_pages.ABOUT_SLUG)
    ensure_page(
        about,
        StandardPage,
        standard_pages.HOW_TO_SLUG,
        fields=standard_pages.how_to_get_involved(
            {path: find(home, path) for path in standard_pages.how_to_linked_paths()}
        ),
        stdout=stdout,
        force=force,
    )
    linked = {path: find(home, path) for path in home_data.linked_paths()}
    update_page(home, fields=home_data.home(linked), stdout=stdout, force=force)
    return home


def find(home, path):
    """The live page at `path` below the home page ('about/privacy-notice'), or None."""
    return Page.objects.live().filter(url_path=f"{home.url_path}{path.strip('/')}/").first()
