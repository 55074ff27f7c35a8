"""Every public address, rendered without the page cache, costs at most 15 SQL queries at volume.

The site is the demo (footer links, privacy notices on the forms, the annual report, sign-off
decisions, register members and feedback) with the volume data on top, built once for the module
by the same generator as `make bench` (benchmarks.volume): 2,100 opportunities of every type and
status, 600 'You said, We did' items over five years, a strategy with 100 actions.

Why so many: some costs grow in steps, not per row. Wagtail loads pages as their own types 2,000
at a time, one query per page type per 2,000 pages, so a listing of every page (the sitemap) costs
more queries only past 2,000 pages; the annual report lists a year of opportunities and items, so
a year must hold more than the page shows. A small site passes where a real one would not, and
a site without the demo's footer links and privacy notices misses queries every page pays.

Each address is requested once to warm the per-process caches (site root paths, the settings
row), then counted. Counts only, never timings.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from benchmarks import volume
from pages.models import OpportunityPage, StandardPage, StrategyPage, Topic, YouSaidWeDidPage
from pages.models.opportunities import OpportunityType, Status
from public_site.tests.demo import load_demo_content
from reporting.models import EngagementReportPage

BUDGET = 15
# The annual report reads one aggregate per kind of record it counts (reporting/figures.py), fixed
# whatever the volume; questionnaire responses and event attendance are one each beyond the budget,
# and who we heard from two (the year's counts by group, the area's population figures).
BUDGETS = {"annual report": BUDGET + 2}
VOLUME = volume.Counts(opportunities=2_100, outcomes=600, actions=100, images=2)


def build(tmp_path):
    load_demo_content(tmp_path / ".demo-password")
    volume.build(VOLUME)
    call_command("update_index", verbosity=0, stdout=io.StringIO())
    assert Page.objects.live().count() > 2_000 + 600

    added = OpportunityPage.objects.live().filter(slug__startswith=volume.SLUG_PREFIX).with_status()
    event = added.filter(opportunity_type=OpportunityType.EVENT).first()
    topic = Topic.objects.annotate(n=Count("opportunities")).order_by("-n").first()
    item = YouSaidWeDidPage.objects.live().filter(slug__startswith=volume.SLUG_PREFIX).first()
    report = EngagementReportPage.objects.live().get()
    register = Page.objects.live().get(slug="join")
    feedback = Page.objects.live().get(slug="share-your-experience")
    addresses = {
        "home": "/",
        "opportunity index": "/get-involved/",
        "opportunity index, closed and answered": "/get-involved/?status=closed&status=outcome",
        "opportunity filters": f"/get-involved/?status=open&type=survey&type=consultation&topic={topic.slug}",
        "opportunity filters 2": f"/get-involved/?topic={topic.slug}&audience=carers&type=event&type=survey",
        "opportunity index, page 3": "/get-involved/?status=closed&status=outcome&page=3",
        "you said we did index": "/you-said-we-did/",
        "you said we did index, filters": f"/you-said-we-did/?topic={topic.slug}&year={item.date.year}",
        "you said we did item": item.url,
        "strategy (100 actions)": StrategyPage.objects.get(slug=volume.STRATEGY_SLUG).url,
        "standard page": StandardPage.objects.live().filter(depth=3).order_by("path").first().url,
        "form: join the register": register.url,
        "form: joined": register.url + "thank-you/",
        "form: share your experience": feedback.url,
        "form: shared": feedback.url + "thank-you/",
        "annual report": report.url,
        "annual report CSV": report.url + "figures.csv",
        "search": "/search/?q=urgent+care",
        "search, one kind": "/search/?q=survey&type=opportunity",
        "search, a common word": "/search/?q=health",
        "opportunities feed": "/feeds/opportunities.rss",
        "opportunities feed (Atom)": "/feeds/opportunities.atom",
        "outcomes feed": "/feeds/you-said-we-did.rss",
        "outcomes feed (Atom)": "/feeds/you-said-we-did.atom",
        "events calendar": "/feeds/events.ics",
        "one event's calendar": event.url + "event.ics",
        "sitemap": "/sitemap.xml",
        "robots.txt": "/robots.txt",
    }
    for status in Status:
        page = added.filter(status=status).first()
        addresses[f"opportunity ({status.value})"] = page.url
    for kind in OpportunityType:
        page = added.filter(opportunity_type=kind).first()
        addresses[f"opportunity ({kind.value})"] = page.url
    return addresses


@pytest.fixture(scope="module")
def addresses(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build(tmp_path_factory.mktemp("volume"))
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_every_public_page_type_is_built(addresses):
    kinds = set(addresses)
    assert {f"opportunity ({code})" for code, _label in OpportunityType.choices} <= kinds
    assert {f"opportunity ({status.value})" for status in Status} <= kinds
    report = EngagementReportPage.objects.live().get().get_figures()
    # The report's year holds more than its page lists, so its long lists are cut short.
    assert report.outcomes_total > 20 and report.overdue_total > 20 and report.consultations_total > 20


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache_off")
def test_every_public_page_stays_within_the_query_budget(client, addresses):
    over = {}
    for name, url in addresses.items():
        assert client.get(url).status_code == 200, url  # warms the site root paths and settings row
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        if len(queries) > BUDGETS.get(name, BUDGET):
            over[f"{name} ({url})"] = [len(queries), *(q["sql"][:200] for q in queries.captured_queries)]
    assert not over, "\n\n".join(
        f"{name}: {lines[0]} queries\n" + "\n".join(lines[1:]) for name, lines in over.items()
    )
