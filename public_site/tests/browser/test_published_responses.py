"""The demo's published responses in a real browser: axe finds no WCAG 2.2 A or AA failures, the
search works by keyboard alone, and everything works without JavaScript.

The demo urgent care consultation is still open, so the test closes it first (its published set
was approved by the demo loader, demo/published_responses.py)."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from pages.models import OpportunityPage
from public_site.tests.browser.conftest import BROWSER_DB
from public_site.tests.browser.test_accessibility import violations
from published_responses.listing import visible_entries

pytestmark = [pytest.mark.browser, BROWSER_DB]


def test_published_responses_are_accessible_by_keyboard_and_without_javascript(chromium, demo_site):
    OpportunityPage.objects.filter(slug="future-of-urgent-care").update(
        closes=timezone.localdate() - datetime.timedelta(days=1)
    )
    page_model = OpportunityPage.objects.get(slug="future-of-urgent-care")
    entries = visible_entries(page_model)
    assert entries, "the demo publishes some responses"
    url = f"{page_model.url}responses/"
    word = entries[0]["texts"][0]["text"].split()[1]

    # axe, with JavaScript, at a desktop's width.
    context = chromium.new_context(base_url=demo_site, viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        assert page.goto(url).status == 200
        assert "[redacted]" in page.content()
        assert violations(Axe(), page) == []
        # Keyboard only: Tab to the search box, type, Enter.
        page.locator("body").focus()
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement && document.activeElement.id") == "responses-q":
                break
        else:
            pytest.fail("the search box cannot be reached with Tab")
        page.keyboard.type(word)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator("#responses-found").is_visible()
        assert page.locator(".app-published-response").count() >= 1
        assert violations(Axe(), page) == []
    finally:
        context.close()

    # Without JavaScript: the listing and its search are plain HTML.
    context = chromium.new_context(base_url=demo_site, java_script_enabled=False)
    try:
        page = context.new_page()
        assert page.goto(url).status == 200
        assert page.locator("body.js-enabled").count() == 0, "JavaScript ran"
        assert page.locator(".app-published-response").count() == len(entries)
        page.fill("#responses-q", word)
        with page.expect_navigation():
            page.locator(".app-responses-search button[type=submit]").click()
        assert page.locator("#responses-found").is_visible()
    finally:
        context.close()
