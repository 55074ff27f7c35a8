"""The demo site judged by tools nobody on the team wrote: the Nu HTML Checker, feedparser, icalendar.

Every public address (public_site/tests/addresses.py walks the live page tree) is fetched with
Django's test client and validated by the Nu HTML Checker (`vnu.jar`, run with Java, all pages in
one run), including each form after an empty submission. Every feed must parse without feedparser
flagging it, and every calendar file must parse with icalendar.
"""

import json
import subprocess

import feedparser
import pytest
from django.test import RequestFactory
from icalendar import Calendar

from pages.models import OpportunityPage
from public_site.tests import addresses
from public_site.tests.checkers import vnu_command
from public_site.views import server_error

FEEDS = [
    "/feeds/opportunities.rss",
    "/feeds/opportunities.atom",
    "/feeds/you-said-we-did.rss",
    "/feeds/you-said-we-did.atom",
]


def fetch_all(client):
    """(label, html) of every address, the 500 page, and every form page after an empty submission."""
    pages = []
    for address in addresses.addresses():
        response = client.get(address.url)
        assert response.status_code == address.status, address.url
        pages.append((address.label, response.content.decode()))
    # The 500 page cannot be asked for; render it as the handler does.
    pages.append(("500 page", server_error(RequestFactory().get("/")).content.decode()))
    for url in addresses.form_pages():
        response = client.post(url, {})
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "nhsuk-error-summary" in html, f"{url}: an empty submission shows no errors"
        pages.append((f"{url} after an empty submission", html))
    return pages


def validate(command, pages, folder):
    """Run the Nu HTML Checker once over every page; return {label: [error, …]}."""
    files = {}
    for number, (label, html) in enumerate(pages):
        path = folder / f"page-{number:03}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = label
    run = subprocess.run(
        [*command, "--errors-only", "--format", "json", "--stdout", *(str(folder / name) for name in files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        messages = json.loads(run.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"The Nu HTML Checker did not report (exit {run.returncode}): {run.stderr or run.stdout}")
    errors = {}
    for message in messages:
        url = message.get("url", "")
        label = files.get(url.rsplit("/", 1)[-1], url)
        extract = " ".join(message.get("extract", "").split())
        errors.setdefault(label, []).append((message["message"], message.get("lastLine", "?"), extract))
    return {label: summarise(found) for label, found in errors.items()}


def summarise(found):
    """One line per distinct message: how often, where first, and the markup there."""
    lines = {}
    for message, line, extract in found:
        if message in lines:
            lines[message][0] += 1
        else:
            lines[message] = [1, line, extract]
    return [
        f"{message} (×{count}, first on line {line}: {extract})"
        for message, (count, line, extract) in lines.items()
    ]


@pytest.fixture(scope="session")
def vnu():
    """The command that runs the checker; skips (or fails) before the demo is loaded for nothing."""
    return vnu_command()


@pytest.mark.html
@pytest.mark.django_db
def test_every_public_page_is_valid_html(vnu, demo_content, client, tmp_path):
    pages = fetch_all(client)
    errors = validate(vnu, pages, tmp_path)
    report = "\n".join(
        f"{label}:\n" + "\n".join(f"  {line}" for line in lines) for label, lines in errors.items()
    )
    assert not errors, f"The Nu HTML Checker found errors on {len(errors)} of {len(pages)} pages:\n{report}"


@pytest.mark.django_db
def test_the_checked_addresses_cover_every_case(demo_content, client):
    """The address list is what the HTML and axe-core checks rely on: it must not quietly shrink."""
    found = {address.url: address for address in addresses.addresses()}
    for url in [
        "/",
        "/about/",
        "/about/accessibility-statement/",
        "/about/privacy-notice/",
        "/engagement-strategy/",
        "/get-involved/",
        "/get-involved/join/",
        "/get-involved/join/thank-you/",
        "/you-said-we-did/",
        "/share-your-experience/",
        "/share-your-experience/thank-you/",
    ]:
        assert url in found, url
    for page in OpportunityPage.objects.live():
        assert page.url in found, page.url
    assert sorted(addresses.form_pages()) == ["/get-involved/join/", "/share-your-experience/"]

    by_label = {address.label: address.url for address in found.values()}
    filtered = client.get(by_label["/get-involved/ filtered"])
    assert 0 < filtered.context["result_count"] < client.get("/get-involved/").context["result_count"]
    assert client.get(by_label["/get-involved/ with no results"]).context["result_count"] == 0
    assert client.get(by_label["/get-involved/ page 2"]).context["results"].number == 2
    assert client.get(by_label["search with results"]).context["result_count"] > 0
    assert client.get(by_label["search without results"]).context["result_count"] == 0


@pytest.mark.django_db
def test_every_feed_of_the_demo_site_parses_cleanly(demo_content, client):
    for url in FEEDS:
        response = client.get(url)
        assert response.status_code == 200, url
        feed = feedparser.parse(response.content)
        assert not feed.bozo, f"{url}: {feed.get('bozo_exception')}"
        assert feed.entries, url


@pytest.mark.django_db
def test_every_calendar_of_the_demo_site_parses(demo_content, client):
    events = OpportunityPage.objects.live().public().exclude(event_start=None)
    urls = ["/feeds/events.ics", *(f"{page.url}event.ics" for page in events)]
    assert len(urls) > 1, "the demo has no events to check"
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        calendar = Calendar.from_ical(response.content)
        assert calendar.walk("VEVENT"), url
