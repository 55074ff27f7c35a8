"""A "You said, We did" page with its reach table in a real browser: axe finds no WCAG 2.2 AA
failure, it reads the same without JavaScript, and the keyboard reaches everything on it."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from pages.models import OpportunityPage, YouSaidWeDidIndexPage
from pages.tests.factories import YouSaidWeDidPageFactory
from public_site.tests.browser.conftest import BROWSER_DB
from public_site.tests.browser.test_accessibility import AXE_OPTIONS
from reach.tests.helpers import responses

pytestmark = [pytest.mark.browser, BROWSER_DB]


@pytest.fixture
def outcome_url(demo_site):
    """The demo's closed physiotherapy survey, answered with About you, and a live outcome for it."""
    page = OpportunityPage.objects.get(slug="physiotherapy-self-referral-survey")
    when = timezone.now() - datetime.timedelta(days=25)
    responses(page, 40, {"age_band": "45_54", "disability": "no"}, submitted_at=when)
    responses(page, 25, {"age_band": "65_74", "disability": "yes"}, submitted_at=when)
    responses(page, 3, {"age_band": "18_24"}, submitted_at=when)
    outcome = YouSaidWeDidPageFactory(
        parent=YouSaidWeDidIndexPage.objects.get(),
        title="Physiotherapy you can book yourself",
        opportunity=page,
    )
    return outcome.url


def test_the_reach_table_passes_axe_and_reads_the_same_without_javascript(
    chromium, browser_page, outcome_url
):
    page = browser_page
    page.goto(outcome_url)
    assert page.locator("#who-we-heard-from").is_visible()
    found = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert found == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in found]
    with_js = page.locator(".app-reach").inner_text()
    assert "fewer than 5" in with_js

    context = chromium.new_context(
        base_url=page.context.pages[0].url.split("/you-said")[0], java_script_enabled=False
    )
    try:
        plain = context.new_page()
        plain.goto(outcome_url)
        assert plain.locator(".app-reach").inner_text() == with_js
    finally:
        context.close()


def test_every_link_on_the_page_is_reached_by_keyboard_and_the_tables_have_headers(browser_page, outcome_url):
    page = browser_page
    page.goto(outcome_url)
    headers = page.locator(".app-reach table th[scope=row]").count()
    assert headers >= 7  # a row header for every group of every question
    links = page.locator("a[href]:visible").count()
    reached = set()
    for _ in range(links + 5):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)"))
    assert len(reached) >= links
