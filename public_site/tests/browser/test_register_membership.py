"""The register's new public pages in a real browser: axe finds nothing, they work without
JavaScript, and by keyboard alone. Confirming a sign-up, asking for the manage link, managing,
pausing and leaving (involvement/membership.py, involvement/urls.py)."""

from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from involvement import member_links
from involvement.invitations import one_click_url
from involvement.models import Member
from public_site.tests.browser.conftest import BROWSER_DB
from public_site.tests.browser.test_accessibility import violations
from public_site.tests.browser.test_interaction import tab_to

pytestmark = [pytest.mark.browser, BROWSER_DB]

JOIN = "/get-involved/join/"


def member():
    return Member.objects.confirmed().exclude(email="").order_by("pk").first()


def token_url(route, token):
    return f"{JOIN}{route}?{urlencode({'t': token})}"


def new_pending():
    pending = Member.objects.unconfirmed().exclude(email="").first()
    assert pending is not None, "the demo has a sign-up waiting for its link"
    return pending


def test_axe_finds_nothing_on_the_register_pages(browser_page):
    page, axe = browser_page, Axe()
    someone = member()
    manage = token_url("membership/", member_links.manage_token(someone))
    urls = [
        f"{JOIN}manage/",
        token_url("confirm/", member_links.confirm_token(new_pending())),
        manage,
        token_url("membership/leave/", member_links.manage_token(someone)),
        token_url("confirm/", "altered"),
        "/" + one_click_url(someone).split("://", 1)[1].split("/", 1)[1],
    ]
    found = {}
    for url in urls:
        page.goto(url)
        if lines := violations(axe, page):
            found[url] = lines
    page.goto(f"{JOIN}manage/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    if lines := violations(axe, page):
        found["manage/ after an empty submission"] = lines
    page.fill("#id_email", someone.email)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "Check your email" in page.content()
    if lines := violations(axe, page):
        found["manage/ sent"] = lines
    assert not found, found


def test_confirming_managing_and_leaving_work_without_javascript(chromium, demo_site):
    context = chromium.new_context(base_url=demo_site, java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = context.new_page()
    pending = new_pending()
    page.goto(token_url("confirm/", member_links.confirm_token(pending)))
    page.get_by_role("button", name="Confirm and join").click()
    expect(page.locator("main")).to_contain_text("Your details are on our involvement register")
    pending.refresh_from_db()
    assert pending.is_confirmed

    page.get_by_role("link", name="Manage your membership").click()
    page.get_by_role("button", name="Pause my membership").click()
    expect(page.locator("main")).to_contain_text("Your membership is paused")
    page.get_by_role("button", name="Resume my membership").click()
    page.get_by_role("link", name="Leave the register and delete your details").click()
    page.get_by_role("button", name="Leave and delete my details").click()
    expect(page.locator("main")).to_contain_text("You have left the register")
    pending.refresh_from_db()
    assert pending.is_erased
    context.close()


def test_a_member_pauses_by_keyboard_alone(browser_page):
    page = browser_page
    someone = member()
    page.goto(token_url("membership/", member_links.manage_token(someone)))
    button = page.get_by_role("button", name="Pause my membership")
    tab_to(page, button)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Your membership is paused" in page.content()
    someone.refresh_from_db()
    assert someone.is_paused
