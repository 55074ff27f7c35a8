"""The booking journey in Chromium: axe finds nothing, it works by keyboard alone and without
JavaScript, in the open, full (waiting list) and closed states."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from events.models import Booking
from public_site.tests.browser.conftest import BROWSER_DB
from public_site.tests.browser.test_accessibility import violations
from public_site.tests.browser.test_interaction import tab_to

pytestmark = [pytest.mark.browser, BROWSER_DB]

BOOK = "/get-involved/drop-in/book/"
CLOSED = "/get-involved/closed-cafe/"


def test_axe_finds_nothing_on_the_booking_pages(browser_page):
    page, axe = browser_page, Axe()
    found = {}
    for url in ["/get-involved/drop-in/", BOOK, CLOSED, f"{CLOSED}book/"]:
        page.goto(url)
        if lines := violations(axe, page):
            found[url] = lines
    page.goto(BOOK)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    if lines := violations(axe, page):
        found["book/ with errors"] = lines
    assert not found, found


def test_booking_by_keyboard_alone(browser_page):
    page = browser_page
    page.goto(BOOK)
    tab_to(page, page.locator("#id_session_0"))
    page.keyboard.press("Space")
    tab_to(page, page.locator("#id_name"))
    page.keyboard.type("Kim Keyboard")
    page.keyboard.press("Tab")
    page.keyboard.type("kim@example.org")
    tab_to(page, page.locator("#id_consent"))
    page.keyboard.press("Space")
    tab_to(page, page.locator("main form button[type=submit]"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/book/done/**")
    expect(page.locator("h1")).to_contain_text("Your place is booked")
    assert Booking.objects.filter(name="Kim Keyboard", status="confirmed").exists()


def test_joining_the_waiting_list_without_javascript(no_js_page):
    page = no_js_page
    page.goto(BOOK)
    assert "Fully booked: join the waiting list" in page.content()
    page.get_by_label("Fully booked: join the waiting list", exact=False).check()
    page.fill("#id_name", "Nia NoScript")
    page.fill("#id_places", "3")
    page.check("#id_consent")
    page.locator("main form button[type=submit]").click()
    # No email or phone, and 3 is more than one booking allows.
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("There is a problem")
    assert page.input_value("#id_name") == "Nia NoScript"
    page.fill("#id_phone", "07700 900982")
    page.fill("#id_places", "1")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("You are on the waiting list")
    assert Booking.objects.get(name="Nia NoScript").status == "waiting"


def test_a_closed_event_says_so_and_offers_no_form(no_js_page):
    page = no_js_page
    page.goto("/get-involved/closed-cafe/")
    assert "Booking has closed" in page.content() and "Book a place</a>" not in page.content()
    page.goto("/get-involved/closed-cafe/book/")
    assert "You cannot book a place now" in page.content()
    assert page.locator("#id_name").count() == 0
