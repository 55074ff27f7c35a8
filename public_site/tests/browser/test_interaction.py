"""The public site in a real browser: without JavaScript, by keyboard, at 320px, with form errors."""

import pytest
from playwright.sync_api import expect

from pages.models import OpportunityIndexPage, OpportunityPage, Topic
from pages.models.opportunities import OpportunityFilterForm, Status
from public_site.tests import addresses
from public_site.tests.browser.conftest import BROWSER_DB

pytestmark = [pytest.mark.browser, BROWSER_DB]

# For each element wider than the viewport, the innermost ones first: what makes a page scroll.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")].filter(
    (el) => el.getBoundingClientRect().right > width + 0.5 && el.getClientRects().length
  );
  return wide
    .filter((el) => !wide.some((other) => other !== el && el.contains(other)))
    .slice(0, 5)
    .map((el) => {
      const classes = String(el.className || "").trim().split(/\\s+/).filter(Boolean);
      const name = [el.tagName.toLowerCase(), ...classes].join(".");
      return name + " right=" + Math.round(el.getBoundingClientRect().right);
    });
}"""


def filter_choice(index):
    """A topic to tick with the 'Closed' status: it must add a closed opportunity to the defaults."""
    statuses = [*OpportunityFilterForm.DEFAULT_STATUSES, Status.CLOSED.value]
    for topic in Topic.objects.order_by("name"):
        opportunities = OpportunityPage.objects.live().public().child_of(index)
        results = opportunities.with_status_in(statuses).filter(topics__in=[topic]).distinct()
        titles = sorted(page.title for page in results)
        closed = [page for page in results if page.status == Status.CLOSED.value]
        if closed and len(titles) <= index.per_page:
            return topic, titles
    pytest.fail("the demo has no topic with a closed opportunity")


def test_the_opportunity_filters_work_without_javascript(chromium, demo_site):
    index = OpportunityIndexPage.objects.live().get()
    topic, expected = filter_choice(index)
    context = chromium.new_context(base_url=demo_site, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(addresses.path_of(index))
        assert page.locator("body.js-enabled").count() == 0, "JavaScript ran"
        page.get_by_role("group", name="Status").get_by_label("Closed", exact=True).check()
        page.get_by_role("group", name="Topic").get_by_label(topic.name, exact=True).check()
        with page.expect_navigation():
            page.get_by_role("button", name="Apply filters").click()
        assert "status=closed" in page.url and f"topic={topic.slug}" in page.url
        noun = "opportunity" if len(expected) == 1 else "opportunities"
        expect(page.locator("#results-heading")).to_have_text(f"{len(expected)} {noun}")
        assert sorted(page.locator(".app-card-list .nhsuk-card__link").all_inner_texts()) == expected
        # The form shows what was applied, so people can change it.
        expect(page.get_by_role("group", name="Status").get_by_label("Closed", exact=True)).to_be_checked()
        expect(page.get_by_role("group", name="Topic").get_by_label(topic.name, exact=True)).to_be_checked()
    finally:
        context.close()


@pytest.mark.parametrize("url", ["/", "/get-involved/"])
def test_the_first_tab_reaches_the_skip_link_and_enter_moves_focus_to_the_content(browser_page, url):
    page = browser_page
    page.goto(url)
    page.keyboard.press("Tab")
    skip_link = page.locator("a.nhsuk-skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    assert skip_link.get_attribute("href") == "#maincontent"
    page.keyboard.press("Enter")
    expect(page.locator("main#maincontent")).to_be_focused()


def test_no_page_scrolls_sideways_at_320_pixels(chromium, demo_site):
    """WCAG 1.4.10 Reflow: every public address at 320 CSS pixels, without scrolling sideways."""
    opportunity = OpportunityPage.objects.live().order_by("path").first()
    must_check = ["/", addresses.path_of(opportunity), "/engagement-strategy/", "/get-involved/join/"]
    urls = [address.url for address in addresses.addresses()]
    assert set(must_check) <= set(urls)
    context = chromium.new_context(base_url=demo_site, viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        too_wide = {}
        for url in urls:
            page.goto(url)
            scroll_width, client_width = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if scroll_width > client_width:
                too_wide[url] = f"{scroll_width}px wide in {client_width}px: {page.evaluate(OVERFLOWING)}"
        assert not too_wide, too_wide

        # The action plan uses the NHS.UK responsive table: at this width each row is a stack of
        # labelled cells that fits the screen, rather than a table to scroll.
        page.goto("/engagement-strategy/")
        tables = page.locator("table.app-action-plan")
        assert tables.count() > 0
        for table in tables.all():
            assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth")
            assert table.locator("thead").bounding_box()["height"] <= 1
            labels = table.locator("tbody .nhsuk-table-responsive__heading")
            assert labels.count() > 0
            for label in labels.all():
                expect(label).to_be_visible()
        # Each progress tag stays one line, beside its label, however long the note after it.
        for tag in page.locator("table.app-action-plan .nhsuk-tag").all():
            assert tag.bounding_box()["height"] < 48, tag.inner_text()
        # Restacked cells are still a table to screen readers: ask Chromium's accessibility tree.
        roles = accessibility_roles(context, page, "table.app-action-plan, table.app-action-plan td")
        assert set(roles) == {"table", "cell"}, roles
    finally:
        context.close()


def accessibility_roles(context, page, selector):
    """The roles that Chromium's own accessibility tree gives the elements matching `selector`."""
    cdp = context.new_cdp_session(page)
    try:
        document = cdp.send("DOM.getDocument")["root"]["nodeId"]
        nodes = cdp.send("DOM.querySelectorAll", {"nodeId": document, "selector": selector})["nodeIds"]
        roles = []
        for node in nodes:
            tree = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})
            roles.append(tree["nodes"][0]["role"]["value"])
        return roles
    finally:
        cdp.detach()


@pytest.mark.parametrize("url", ["/get-involved/join/", "/share-your-experience/"])
def test_an_empty_form_shows_the_error_summary_focused_with_links_to_the_fields(browser_page, url):
    page = browser_page
    page.goto(url)
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    assert page.title().startswith("Error: ")
    links = summary.locator("a")
    assert links.count() > 0
    for link in links.all():
        target = link.get_attribute("href")
        assert target.startswith("#")
        link.click()
        expect(page.locator(target)).to_be_focused()
        expect(page.locator(target)).to_be_in_viewport()


# What makes focus visible on an element (or, for a NHS.UK checkbox, on the box drawn by its label).
FOCUS_STYLE = """(el) => {
  const target = el.matches(".nhsuk-checkboxes__input") ? el.nextElementSibling : el;
  const styles = [getComputedStyle(target), getComputedStyle(target, "::before")];
  const seen = (s) => [s.outlineStyle, s.outlineWidth, s.boxShadow, s.backgroundColor, s.borderColor];
  return styles.map((s) => seen(s).join("|")).join("/");
}"""


def tab_to(page, locator, limit=300):
    """Press Tab until `locator` has the focus; fail if it never does."""
    handle = locator.element_handle()
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(el) => document.activeElement === el", handle):
            return
    pytest.fail(f"Tab never reached {locator}")


def assert_focus_visible(page, locator):
    """Focused by keyboard, the element matches :focus-visible and looks different from unfocused."""
    focused = locator.evaluate(FOCUS_STYLE)
    assert locator.evaluate("(el) => el.matches(':focus-visible')")
    page.evaluate("() => document.activeElement.blur()")
    assert locator.evaluate(FOCUS_STYLE) != focused, "focus changes nothing that can be seen"
    locator.focus()


def test_the_opportunity_filters_work_by_keyboard_alone(browser_page):
    page = browser_page
    index = OpportunityIndexPage.objects.live().get()
    topic, expected = filter_choice(index)
    page.goto(addresses.path_of(index))
    closed = page.get_by_role("group", name="Status").get_by_label("Closed", exact=True)
    topic_box = page.get_by_role("group", name="Topic").get_by_label(topic.name, exact=True)
    apply = page.get_by_role("button", name="Apply filters")

    tab_to(page, closed)
    assert_focus_visible(page, closed)
    page.keyboard.press("Space")
    expect(closed).to_be_checked()
    tab_to(page, topic_box)
    page.keyboard.press("Space")
    expect(topic_box).to_be_checked()
    tab_to(page, apply)
    assert_focus_visible(page, apply)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "status=closed" in page.url and f"topic={topic.slug}" in page.url
    noun = "opportunity" if len(expected) == 1 else "opportunities"
    expect(page.locator("#results-heading")).to_have_text(f"{len(expected)} {noun}")
    assert sorted(page.locator(".app-card-list .nhsuk-card__link").all_inner_texts()) == expected
    expect(closed).to_be_checked()
