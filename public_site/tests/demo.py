"""Loading the demo site (`manage.py load_demo_content`) for the checks that judge it."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Site

from pages.models import OpportunityIndexPage
from public_site.tests.addresses import SEARCH_WITH_RESULTS

DEMO_PASSWORD = "checked-by-real-tools"


def load_demo_content(password_file, hostname="testserver", port=80):
    """Load the demo content and serve it as the default site at hostname:port.

    The development accounts get a known password, kept in `password_file`, never in the
    project's own .demo-password.
    """
    with override_settings(DEMO_PASSWORD_FILE=password_file), pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
        Site.objects.filter(is_default_site=True).update(hostname=hostname, port=port)
        call_command("load_demo_content", stdout=io.StringIO())
    promote_search_results()
    cache.clear()  # Wagtail caches the site's root paths


def promote_search_results():
    """Editors' picks for the search the checkers judge, so the promoted results are judged too."""
    query = Query.get(SEARCH_WITH_RESULTS)
    SearchPromotion.objects.create(
        query=query,
        page=OpportunityIndexPage.objects.live().first(),
        description="Everything you can take part in now.",
    )
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/",
        external_link_text="Urgent and emergency care on NHS.UK",
    )
