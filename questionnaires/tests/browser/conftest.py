"""The browser fixtures (Chromium, the demo site under the live server) shared with public_site."""

from public_site.tests.browser.conftest import browser_page, chromium, demo_site  # noqa: F401
