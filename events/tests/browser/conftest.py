"""The browser fixtures of public_site/tests/browser (one Chromium), with this app's own pages."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Site

from events.tests.factories import BookingFactory, EventSessionFactory
from pages.models import HomePage
from pages.tests.factories import OpportunityIndexPageFactory, OpportunityPageFactory
from public_site.tests.browser.conftest import chromium  # noqa: F401 (the shared browser)


@pytest.fixture
def event_site(chromium, live_server):  # noqa: F811
    """An event with an open session, a full one with a waiting list and a closed one."""
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", live_server.thread.port
    site.save()
    index = OpportunityIndexPageFactory(parent=HomePage.objects.get())
    event = OpportunityPageFactory(
        parent=index, title="Drop-in about the new clinic", slug="drop-in", opportunity_type="event"
    )
    now, day = timezone.now(), datetime.timedelta(days=1)
    EventSessionFactory(page=event, starts=now + 7 * day, places=20)
    full = EventSessionFactory(page=event, starts=now + 8 * day, places=1)
    BookingFactory(session=full)
    EventSessionFactory(page=event, starts=now + 9 * day, places=5, booking_closes=now - day / 24)
    closed_event = OpportunityPageFactory(
        parent=index, title="Closed café", slug="closed-cafe", opportunity_type="event"
    )
    EventSessionFactory(page=closed_event, starts=now + 2 * day, places=5, booking_closes=now - day / 24)
    return live_server.url


@pytest.fixture
def browser_page(chromium, event_site):  # noqa: F811
    context = chromium.new_context(base_url=event_site, viewport={"width": 1024, "height": 768})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def no_js_page(chromium, event_site):  # noqa: F811
    context = chromium.new_context(base_url=event_site, java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
