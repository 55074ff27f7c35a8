"""axe-core, in Chromium, finds no WCAG 2.2 A or AA failures on any public page of the demo site.

The pages are every address in public_site/tests/addresses.py (every live page, found by walking
the page tree, and the special cases: filters, search, the 404 page, thank-you pages), plus each
form after an empty submission, so its error state is judged as people see it. Every page is judged
twice: at a phone's width (375 pixels) and at a desktop's (1280 pixels).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from public_site.tests import addresses
from public_site.tests.browser.conftest import BROWSER_DB

pytestmark = [pytest.mark.browser, BROWSER_DB]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}


def violations(axe, page):
    """axe-core's violations on the page as it is now, one readable line per failing element."""
    found = axe.run(page, options=AXE_OPTIONS).response["violations"]
    lines = []
    for violation in found:
        for node in violation["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} at "
                f"{' '.join(map(str, node['target']))}: {summary}"
            )
    return lines


def submit_empty(page, url):
    page.goto(url)
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()
    expect(
        page.locator(".nhsuk-error-summary"), f"{url}: an empty submission shows no errors"
    ).to_be_visible()


VIEWPORTS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 800}}


@pytest.fixture(params=list(VIEWPORTS))
def sized_page(request, chromium, demo_site):
    """A page in a fresh context at a phone's or a desktop's width: layouts differ, and so can failures."""
    context = chromium.new_context(base_url=demo_site, viewport=VIEWPORTS[request.param])
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_axe_finds_no_violations_on_any_public_page(sized_page):
    page, axe = sized_page, Axe()
    assert page.viewport_size["width"] in {size["width"] for size in VIEWPORTS.values()}
    found = {}
    checked = 0
    for address in addresses.addresses():
        response = page.goto(address.url)
        assert response.status == address.status, address.url
        if lines := violations(axe, page):
            found[address.label] = lines
        checked += 1
    for url in addresses.form_pages():
        submit_empty(page, url)
        if lines := violations(axe, page):
            found[f"{url} after an empty submission"] = lines
        checked += 1
    report = "\n".join(
        f"{label}:\n" + "\n".join(f"  {line}" for line in lines) for label, lines in found.items()
    )
    assert not found, f"axe-core found violations on {len(found)} of {checked} pages:\n{report}"
