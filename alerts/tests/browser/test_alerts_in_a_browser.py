"""/alerts/ and the confirm and unsubscribe pages in Chromium: axe, keyboard alone, JavaScript off."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from alerts.models import Subscription
from messaging.models import Message
from public_site.tests.browser.conftest import BROWSER_DB
from public_site.tests.browser.test_accessibility import violations

pytestmark = [pytest.mark.browser, BROWSER_DB]

LINK = re.compile(r"https?://[^/\s]+(/alerts/(?:confirm|unsubscribe)/[^/\s]+/)")


def emailed_link(address, kind):
    message = Message.objects.filter(to=address).order_by("-pk").first()
    return next(path for path in LINK.findall(message.text) if f"/{kind}/" in path)


def unsubscribe_path(address):
    from alerts.links import unsubscribe_url

    return LINK.search(unsubscribe_url(Subscription.objects.confirmed().get(email=address)))[1]


def test_the_whole_journey_without_javascript_and_axe_on_every_page(chromium, demo_site):
    context = chromium.new_context(base_url=demo_site, java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = context.new_page()
    seen = []

    page.goto("/alerts/")
    seen.append(page.url)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    seen.append(page.url + "#errors")
    page.fill("#id_email", "casey.browser@example.com")
    page.check("text=New opportunities to get involved")
    page.check("text=As soon as something is published")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape("/alerts/check-your-email/") + "$"))
    seen.append(page.url)

    confirm = emailed_link("casey.browser@example.com", "confirm")
    page.goto(confirm)
    page.get_by_role("button", name="Confirm my email alerts").click()
    expect(page.get_by_role("heading", name="Your email alerts are confirmed")).to_be_visible()

    page.goto(confirm)  # used: the clear page
    expect(page.get_by_role("heading", name="This link has already been used")).to_be_visible()

    unsubscribe = unsubscribe_path("casey.browser@example.com")
    page.goto(unsubscribe)
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="You have unsubscribed")).to_be_visible()
    assert not Subscription.objects.filter(email="casey.browser@example.com").exists()
    context.close()

    # The same pages with JavaScript, judged by axe-core.
    Subscription.objects.create(email="axe@example.com", confirmed_at="2026-01-01T00:00:00Z")
    axe_context = chromium.new_context(base_url=demo_site)
    axe_context.set_default_timeout(10_000)
    page, axe, found = axe_context.new_page(), Axe(), {}
    addresses = [
        "/alerts/",
        "/alerts/check-your-email/",
        unsubscribe_path("axe@example.com"),
        "/alerts/confirm/altered/",
    ]
    for address in addresses:
        page.goto(address)
        if lines := violations(axe, page):
            found[address] = lines
    page.goto("/alerts/")
    page.locator("main form button[type=submit]").click()
    if lines := violations(axe, page):
        found["/alerts/ with errors"] = lines
    page.goto(unsubscribe_path("axe@example.com"))
    page.get_by_role("button", name="Unsubscribe").click()
    if lines := violations(axe, page):
        found["unsubscribed"] = lines
    axe_context.close()
    assert not found, found


def test_subscribing_by_keyboard_alone(browser_page):
    page = browser_page
    page.goto("/alerts/")
    page.locator("#id_email").focus()
    page.keyboard.type("kim.keys@example.com")
    page.keyboard.press("Tab")  # the first "what" checkbox
    page.keyboard.press("Space")
    assert page.locator("#id_what_0").is_checked()
    # On to the submit button by Tab alone, never reaching the hidden honeypot.
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.outerHTML")
        assert 'name="website"' not in focused
        if "nhsuk-button" in focused:
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape("/alerts/check-your-email/") + "$"))
    assert Subscription.objects.filter(email="kim.keys@example.com", confirmed_at=None).exists()
