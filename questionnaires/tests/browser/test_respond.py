"""A whole response to the demo urgent care consultation, in Chromium, as a keyboard user on a phone.

JavaScript is off (Chromium's own switch, through the DevTools protocol) and the window is 320
pixels wide. Nothing is clicked: the test moves with Tab
(and the arrow keys inside a group of radios), ticks with Space, types, and follows links and
presses buttons with Enter, as someone who cannot use a mouse does. axe-core (WCAG 2.2 A and AA)
judges every step as it is seen: the start page, a section with its error summary, each section,
About you, check your answers (before and after a Change link is used) and the confirmation.

axe-core is itself JavaScript, and waits on timers that never fire while scripts are off, so for
each judgement scripts are switched on just long enough for axe to run: the page's own scripts
never ran (they run only while a page loads), so axe sees the page as it is without them.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from public_site.tests.browser.conftest import BROWSER_DB
from public_site.tests.browser.test_accessibility import violations
from questionnaires.models import Response

pytestmark = [pytest.mark.browser, BROWSER_DB]

CONSULTATION = "/get-involved/future-of-urgent-care/"
TRAVEL_QUESTION = "How did you get to the walk-in centre?"
MOST_TABS = 120


class Phone:
    """A page 320 pixels wide whose scripts are switched off, with a switch for axe."""

    def __init__(self, context):
        self.page = context.new_page()
        self.devtools = context.new_cdp_session(self.page)
        self.axe = Axe()
        self.scripts(False)

    def scripts(self, enabled):
        self.devtools.send("Emulation.setScriptExecutionDisabled", {"value": not enabled})

    def judge(self, step):
        self.scripts(True)
        try:
            found = violations(self.axe, self.page)
        finally:
            self.scripts(False)
        assert not found, f"axe-core on {step}:\n" + "\n".join(found)


@pytest.fixture
def phone(chromium, demo_site):
    context = chromium.new_context(base_url=demo_site, viewport={"width": 320, "height": 640})
    context.set_default_timeout(10_000)
    yield Phone(context)
    context.close()


def _focused(locator):
    """Whether the focus is on (one of) the element(s) `locator` finds."""
    return locator.evaluate_all("elements => elements.includes(document.activeElement)")


def tab_to(page, locator):
    """Press Tab until `locator` has the focus (failing if it never gets it)."""
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if _focused(locator):
            return
    raise AssertionError(f"Tab never reached {locator}")


def choose(page, group, label):
    """Pick the radio labelled `label` in the radios named `group`: Tab into the group, then arrows."""
    radios = page.locator(f"input[type=radio][name='{group}']")
    tab_to(page, radios)  # the checked radio, or the first if none is
    wanted = radios.and_(page.get_by_label(label, exact=True))
    for _ in range(12):
        if _focused(wanted):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")  # selects the focused radio if the group started with none selected
    expect(wanted).to_be_checked()


def press_button(page, name):
    button = page.get_by_role("button", name=name, exact=True)
    tab_to(page, button)
    page.keyboard.press("Enter")


def test_a_keyboard_user_on_a_phone_without_javascript_sends_a_whole_response(phone):
    page = phone.page

    page.goto(f"{CONSULTATION}respond/")
    expect(page.get_by_role("heading", name="Before you start")).to_be_visible()
    assert page.evaluate("() => window.innerWidth") == 320
    # The page's first script marks <body> as running JavaScript: it did not run.
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bjs-enabled\b"))
    phone.judge("the start page")
    tab_to(page, page.get_by_role("button", name="Start now"))
    page.keyboard.press("Enter")

    # Section 1, sent with a box ticked but the required questions unanswered: the error summary.
    expect(page.get_by_text("section 1 of 4")).to_be_visible()
    online = page.get_by_label("NHS 111 online", exact=True)
    tab_to(page, online)
    page.keyboard.press("Space")
    press_button(page, "Continue")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_label("NHS 111 online", exact=True)).to_be_checked()
    phone.judge("section 1 with its error summary")

    # The conditional question (asked only of people who used the walk-in centre) is answered too.
    choose(page, "fft-urgent-care", "Good")
    choose(page, "used-walk-in", "Yes")
    choose(page, "walk-in-travel", "Bus")
    phone.judge("section 1 answered")
    press_button(page, "Continue")

    expect(page.get_by_text("section 2 of 4")).to_be_visible()
    phone.judge("section 2")
    choose(page, "agree-one-centre", "Agree")
    tab_to(page, page.locator("textarea[name='proposal-views']"))
    page.keyboard.type("One centre open late would help my family.")
    press_button(page, "Continue")

    expect(page.get_by_text("section 3 of 4")).to_be_visible()
    phone.judge("section 3")
    tab_to(page, page.locator("input[name='district']"))
    page.keyboard.type("NG18")
    tab_to(page, page.locator("input[name='travel-minutes']"))
    page.keyboard.type("25")
    choose(page, "opening-hours", "8am to 10pm")
    press_button(page, "Continue")

    expect(page.get_by_text("section 4 of 4")).to_be_visible()
    phone.judge("section 4")
    tab_to(page, page.locator("input[name='anything-else']"))
    page.keyboard.type("Thank you for asking.")
    press_button(page, "Continue")

    expect(page.get_by_role("heading", level=1)).to_contain_text("About you")
    phone.judge("About you")
    press_button(page, "Continue")

    expect(page.get_by_role("heading", name="Check your answers before sending them")).to_be_visible()
    answers = page.locator(".nhsuk-summary-list")
    expect(answers.first).to_contain_text("Bus")
    expect(page.locator("main")).to_contain_text("One centre open late would help my family.")
    phone.judge("check your answers")

    # Change: not a walk-in centre user after all, so the travel question and its answer go.
    tab_to(page, page.get_by_role("link", name=re.compile(r"^Change Have you used the Mansfield walk-in")))
    page.keyboard.press("Enter")
    expect(page.get_by_text("section 1 of 4")).to_be_visible()
    expect(
        page.locator("input[name='used-walk-in']").and_(page.get_by_label("Yes", exact=True))
    ).to_be_checked()
    choose(page, "used-walk-in", "No")
    press_button(page, "Save and return to check your answers")

    expect(page.get_by_role("heading", name="Check your answers before sending them")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(TRAVEL_QUESTION)
    expect(page.locator("main")).not_to_contain_text("Bus")
    phone.judge("check your answers after a change")
    press_button(page, "Send my response")

    expect(page.get_by_role("heading", name="We have your response")).to_be_visible()
    reference = page.locator(".app-reference")
    expect(reference).to_have_text(re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$"))
    phone.judge("the confirmation")

    stored = Response.objects.get(reference=reference.inner_text())
    assert stored.channel == "online" and stored.revision_id is not None
    assert stored.answers["used-walk-in"] == "no" and "walk-in-travel" not in stored.answers
    assert stored.answers["district"] == "NG18" and stored.answers["travel-minutes"] == 25
