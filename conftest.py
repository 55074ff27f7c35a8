"""Fixtures shared by every app's tests: the home page the migrations create, and a page tree."""

import pytest
from django.core.cache import cache
from wagtail.models import Site

from pages.models import HomePage
from pages.tests.factories import OpportunityIndexPageFactory, YouSaidWeDidIndexPageFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rate-limit counters and Wagtail's site paths live there."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    """The home page created by the pages migrations, served as the default site root."""
    page = HomePage.objects.get()
    site = Site.objects.get(is_default_site=True)
    site.hostname = "testserver"
    site.save()
    return page


@pytest.fixture
def opportunity_index(home):
    return OpportunityIndexPageFactory(parent=home)


@pytest.fixture
def outcome_index(home):
    return YouSaidWeDidIndexPageFactory(parent=home)
