"""The Content-Security-Policy in Chromium: no public page breaks it, it stops injected inline script,
and the Wagtail admin's editor works under the admin's own policy.

Violations are caught two ways: Chromium's console messages and the `securitypolicyviolation`
events, recorded by a script Playwright adds through DevTools (which the policy does not govern).
"""

import pytest
from playwright.sync_api import expect

from pages.models import OpportunityPage
from public_site.tests import addresses
from public_site.tests.browser.conftest import BROWSER_DB
from public_site.tests.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, BROWSER_DB]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " blocked " + (event.blockedURI || "inline"));
});
"""


def watch(context):
    """Record CSP violations in every page of `context`; returns the console's CSP messages."""
    context.add_init_script(RECORD_VIOLATIONS)
    console = []
    context.on(
        "console",
        lambda message: console.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return console


def violations(page):
    return page.evaluate("window.__cspViolations || []")


def test_no_public_page_violates_the_policy(browser_page):
    page = browser_page
    console = watch(page.context)
    found = {}
    for address in addresses.addresses():
        response = page.goto(address.url)
        assert response.status == address.status, address.url
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        if seen := violations(page):
            found[address.label] = seen
    for url in addresses.form_pages():
        page.goto(url)
        with page.expect_navigation():
            page.locator("main form[method=post] button[type=submit]").click()
        if seen := violations(page):
            found[f"{url} after an empty submission"] = seen
    assert not found, found
    assert not console, console
    # The site's own scripts ran: the class set by js/js-enabled.js and the NHS.UK components.
    expect(page.locator("body.js-enabled")).to_have_count(1)


def test_an_injected_inline_script_does_not_run(browser_page):
    page = browser_page
    watch(page.context)
    page.goto("/")
    ran = page.evaluate(
        """() => {
          window.__injected = false;
          const script = document.createElement("script");
          script.textContent = "window.__injected = true;";
          document.body.appendChild(script);
          const handler = document.createElement("img");
          handler.setAttribute("src", "data:,");
          handler.setAttribute("onerror", "window.__injected = true;");
          document.body.appendChild(handler);
          return new Promise((resolve) => setTimeout(() => resolve(window.__injected), 300));
        }"""
    )
    assert ran is False
    seen = violations(page)
    assert any(entry.startswith("script-src-elem blocked inline") for entry in seen), seen
    assert any(entry.startswith("script-src-attr blocked inline") for entry in seen), seen


def sign_in(page, demo_password):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(demo_password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#wagtail-sidebar")).to_be_attached()


def test_the_admin_editor_works_under_the_admin_policy(browser_page):
    page = browser_page
    console = watch(page.context)
    sign_in(page, DEMO_PASSWORD)
    opportunity = OpportunityPage.objects.live().first()

    page.goto(f"/admin/pages/{opportunity.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value(opportunity.title)
    # Scripts that build the editor ran: its tabs switch, and the preview panel opens.
    page.get_by_role("tab", name="Taking part").click()
    expect(page.get_by_role("tabpanel", name="Taking part")).to_be_visible()
    page.get_by_role("button", name="Toggle preview").click()
    # Wagtail loads the preview in a second frame and then swaps it in for the first.
    page.wait_for_function(
        """(title) => [...document.querySelectorAll("iframe[title='Preview']")].some(
          (frame) => frame.contentDocument?.querySelector("h1")?.textContent.includes(title)
        )""",
        arg=opportunity.title,
        timeout=15_000,
    )

    # Signed in, a public page shows Wagtail's user bar, still under the strict policy.
    page.goto(addresses.path_of(opportunity))
    expect(page.locator("wagtail-userbar")).to_be_attached()
    assert violations(page) == []
    assert not console, console
