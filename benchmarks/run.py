"""Response-time and query-count figures for the public pages, on a throwaway database.

    make benchmark                       # SQLite in a temporary file
    DATABASE_URL=postgres://... make benchmark   # an existing, empty PostgreSQL database

Builds the page tree with N opportunities and outcomes (default 200; BENCH_ITEMS to change),
then requests each address repeatedly through Django's test client and prints the median and
95th-percentile time and the number of SQL queries. Figures depend on the machine; compare
runs on the same one.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

ITEMS = int(os.environ.get("BENCH_ITEMS", "200"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))


def build():
    from wagtail.models import Site

    from pages.models import HomePage
    from pages.tests.factories import (
        OpportunityIndexPageFactory,
        OpportunityPageFactory,
        TopicFactory,
        YouSaidWeDidIndexPageFactory,
        YouSaidWeDidPageFactory,
        days,
    )

    call_command("migrate", verbosity=0)
    home = HomePage.objects.get()
    Site.objects.filter(is_default_site=True).update(hostname="testserver")
    opportunities = OpportunityIndexPageFactory(parent=home)
    outcomes = YouSaidWeDidIndexPageFactory(parent=home)
    topics = [TopicFactory(name=f"Topic {n}") for n in range(8)]
    for n in range(ITEMS):
        page = OpportunityPageFactory(
            parent=opportunities, title=f"Opportunity {n}", opens=days(-30 + n % 60), closes=days(n % 90)
        )
        page.topics.add(topics[n % len(topics)])
        page.save()
        outcome = YouSaidWeDidPageFactory(parent=outcomes, title=f"Outcome {n}", date=days(-n))
        outcome.topics.add(topics[n % len(topics)])
        outcome.save()
    return opportunities, outcomes, page


def measure(client, url):
    timings = []
    queries = 0
    client.get(url)  # warm caches
    for _ in range(REPEAT):
        reset_queries()
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        queries = len(connection.queries)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], queries


def main():
    opportunities, outcomes, an_opportunity = build()
    urls = [
        "/",
        opportunities.url,
        opportunities.url + "?status=open&status=upcoming&status=closed&topic=topic-1",
        opportunities.url + "?page=5",
        an_opportunity.url,
        outcomes.url,
        "/search/?q=opportunity",
        "/feeds/opportunities.rss",
        "/feeds/events.ics",
        "/sitemap.xml",
        "/api/v2/pages/?type=pages.OpportunityPage",
    ]
    client = Client()
    print(f"{connection.vendor}, {ITEMS} opportunities and outcomes, {REPEAT} requests each")
    print(f"{'address':<75} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    with override_settings(DEBUG=True):
        for url in urls:
            median, p95, queries = measure(client, url)
            print(f"{url:<75} {median:>10.1f} {p95:>8.1f} {queries:>8}")


if __name__ == "__main__":
    main()
