"""Fixtures shared by every app's tests: the home page the migrations create, and a page tree."""

import io
import shlex
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import call_command
from wagtail.models import Site

from pages.models import HomePage
from pages.tests.factories import OpportunityIndexPageFactory, YouSaidWeDidIndexPageFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: rate-limit counters, Wagtail's site paths and whole pages."""
    for cache in caches.all(initialized_only=True):
        cache.clear()
    yield
    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture(autouse=True)
def mail_through_the_outbox(settings):
    """Django's test setup swaps EMAIL_BACKEND for its in-memory backend; put the outbox back, so
    every send_mail in a test is stored and delivered as in production (at once, by the immediate
    task backend, into django.core.mail.outbox: settings/test.py)."""
    settings.EMAIL_BACKEND = "messaging.backends.OutboxEmailBackend"


@pytest.fixture
def page_cache_off(settings):
    """For tests that count what rendering a page costs: every request renders it."""
    settings.PAGE_CACHE_SECONDS = 0


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


@pytest.fixture
def readme_cron():
    """Runs a job as the cron table in docs/operations.md runs it: `readme_cron("name")`."""
    readme = (Path(__file__).parent / "docs" / "operations.md").read_text()
    lines = [line for line in readme.splitlines() if "manage.py" in line and line[:1] in "0123456789*"]

    def run(name):
        [line] = [line for line in lines if f"manage.py {name}" in line]
        words = shlex.split(line.split("manage.py", 1)[1])
        call_command(*words, stdout=io.StringIO())
        return words

    return run


def pytest_collection_modifyitems(config, items):
    """Every transactional test restores the serialized database (serialized_rollback=True). One
    without it is flushed with Django's post_migrate rows made again (content types, permissions),
    and the next test that restores the serialized database then clashes with them."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(f"{item.nodeid}: add serialized_rollback=True to its django_db mark")
