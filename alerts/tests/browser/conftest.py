"""The browser fixtures of the public site's tests (Chromium, the demo site under live_server)."""

from public_site.tests.browser.conftest import browser_page, chromium, demo_site  # noqa: F401
