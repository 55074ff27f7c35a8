"""Chooses the addresses `make bench` loads and counts the SQL queries of each; prints JSON.

Run by benchmarks/bench.py in a child process with the production settings and the volume data
(`python -m benchmarks.probe`). Each address is requested twice to warm up, then once more through
Django's test client inside CaptureQueriesContext, each time as a new visitor without cookies:
the count is what a warmed-up process runs for one request (with PAGE_CACHE_SECONDS=0, an
uncached render; with the page cache on, a cache hit where the page is cacheable).
"""

import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.production")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Page  # noqa: E402

from benchmarks.volume import SLUG_PREFIX, STRATEGY_SLUG  # noqa: E402
from pages.models import OpportunityPage, StandardPage, StrategyPage, Topic, YouSaidWeDidPage  # noqa: E402
from pages.models.opportunities import OpportunityType, Status  # noqa: E402

STYLESHEET = re.compile(
    r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"'
)


def addresses():
    """[(name, address, kind)]: kind is html, feed or static."""
    volume = OpportunityPage.objects.live().filter(slug__startswith=SLUG_PREFIX).with_status()
    topic = Topic.objects.annotate(n=Count("opportunities")).order_by("-n").first()
    outcome_topic = Topic.objects.annotate(n=Count("outcomes")).order_by("-n").first()
    year = YouSaidWeDidPage.objects.live().order_by("-date").first().date.year - 1
    consultation = volume.filter(opportunity_type=OpportunityType.CONSULTATION, status=Status.OPEN).first()
    event = volume.filter(opportunity_type=OpportunityType.EVENT, body__icontains='"image"').first() or (
        volume.filter(opportunity_type=OpportunityType.EVENT).first()
    )
    answered = volume.filter(status=Status.OUTCOME_PUBLISHED).first()
    outcome = YouSaidWeDidPage.objects.live().filter(slug__startswith=SLUG_PREFIX).order_by("pk").first()
    strategy = StrategyPage.objects.get(slug=STRATEGY_SLUG)
    about = StandardPage.objects.live().filter(depth=3).order_by("path").first()
    found = [
        ("home", "/", "html"),
        ("get-involved (default: open and upcoming)", "/get-involved/", "html"),
        (
            "get-involved, filtered: open surveys and consultations on a topic",
            f"/get-involved/?status=open&type=survey&type=consultation&topic={topic.slug}",
            "html",
        ),
        (
            "get-involved, filtered: closed and outcome, page 3",
            "/get-involved/?status=closed&status=outcome&page=3",
            "html",
        ),
        ("you-said-we-did (default)", "/you-said-we-did/", "html"),
        (
            "you-said-we-did, filtered: topic and year",
            f"/you-said-we-did/?topic={outcome_topic.slug}&year={year}",
            "html",
        ),
        ("opportunity: open consultation", consultation.url, "html"),
        ("opportunity: event", event.url, "html"),
        ("opportunity: outcome published", answered.url, "html"),
        ("'You said, We did' item", outcome.url, "html"),
        (f"strategy ({strategy.actions.count()} actions)", strategy.url, "html"),
        ("standard page", about.url, "html"),
    ]
    for slug, name in (
        ("join", "form: join the register"),
        ("share-your-experience", "form: share your experience"),
    ):
        page = Page.objects.live().filter(slug=slug).first()
        if page:
            found.append((name, page.url, "html"))
    report = Page.objects.live().filter(slug="annual-report").first()
    if report:
        found.append(("annual report", report.url, "html"))
    found += [
        ("search", "/search/?q=urgent+care", "html"),
        ("feed (opportunities RSS)", "/feeds/opportunities.rss", "feed"),
        ("sitemap.xml", "/sitemap.xml", "feed"),
    ]
    return found


def count_queries(address):
    """Queries of the third of three requests, each from a new visitor without cookies."""
    for _warm_up in range(2):
        Client(HTTP_HOST="127.0.0.1").get(address)
    with CaptureQueriesContext(connection) as queries:
        response = Client(HTTP_HOST="127.0.0.1").get(address)
    return response, len(queries)


def main():
    results = []
    for name, address, kind in addresses():
        response, queries = count_queries(address)
        results.append(
            {"name": name, "url": address, "kind": kind, "status": response.status_code, "queries": queries}
        )
    home = Client(HTTP_HOST="127.0.0.1").get("/").content.decode()
    match = STYLESHEET.search(home)
    if match:
        stylesheet = match.group(1) or match.group(2)
        response, queries = count_queries(stylesheet)
        results.append(
            {
                "name": "static file (stylesheet)",
                "url": stylesheet,
                "kind": "static",
                "status": 200,
                "queries": queries,
            }
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
