"""`manage.py prepare_digest_bench N`: queue a weekly digest to N subscribers, for `make bench`.

Run by benchmarks/messaging.py in its own process, standing in for the web process and cron: it
adds N confirmed weekly subscribers, makes five pages "new this week", queues the digests
(alerts/digests.py) and prints, as one JSON line, how many it queued, how long that took and
the SQL statements of each batch: for a batch of 10 subscribers first, then for the full
batches of the N. It sends nothing itself: the worker does.
"""

import datetime
import json
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alerts import digests
from alerts.models import Frequency, Subscription
from messaging.models import Message
from pages.models import OpportunityPage, YouSaidWeDidPage

NEW_PAGES = 5


def statements(queries):
    """Each statement once, where the database driver split one bulk INSERT or UPDATE into parts
    (SQLite takes at most 999 parameters a statement); savepoint names left out."""
    kinds = []
    for query in queries:
        sql = query["sql"]
        kind = sql.split('"')[0] if "SAVEPOINT" in sql else sql[:60]
        if not (kinds and kind == kinds[-1] and sql.startswith(("INSERT", "UPDATE"))):
            kinds.append(kind)
    return kinds


class Command(BaseCommand):
    help = "Add N weekly alert subscribers and queue their digests (for the benchmark only)."

    def add_arguments(self, parser):
        parser.add_argument("subscribers", type=int)

    def handle(self, *args, subscribers, **options):
        now = timezone.now()
        week_ago = now - datetime.timedelta(days=7)
        # Everything already there went live long ago; five opportunities and outcomes are new.
        for model in (OpportunityPage, YouSaidWeDidPage):
            model.objects.update(first_published_at=now - datetime.timedelta(days=30))
        fresh = list(OpportunityPage.objects.live().public().order_by("pk")[:3]) + list(
            YouSaidWeDidPage.objects.live().public().order_by("pk")[:2]
        )
        for page in fresh[:NEW_PAGES]:
            type(page).objects.filter(pk=page.pk).update(first_published_at=now - datetime.timedelta(hours=1))

        batches = []
        original = digests.send_batch

        def counted(batch, pages, when):
            with CaptureQueriesContext(connection) as queries:
                result = original(batch, pages, when)
            batches.append(
                {
                    "subscribers": len(batch),
                    "raw": len(queries),
                    "statements": len(statements(queries.captured_queries)),
                }
            )
            return result

        digests.send_batch = counted

        def add(count, start):
            Subscription.objects.bulk_create(
                Subscription(
                    email=f"subscriber{i}@bench.example",
                    frequency=Frequency.WEEKLY,
                    confirmed_at=week_ago,
                )
                for i in range(start, start + count)
            )

        add(10, 0)
        digests.send_digests(now=now)
        small = batches[-1]
        add(subscribers, 10)
        started = time.perf_counter()
        sent, seen = digests.send_digests(now=now)
        seconds = time.perf_counter() - started
        full = [b for b in batches[1:] if b["subscribers"] == settings.MESSAGING_CHUNK_SIZE]
        self.stdout.write(
            json.dumps(
                {
                    "queued": Message.objects.filter(purpose="digest", status="queued").count(),
                    "queued_all": Message.objects.filter(status="queued").count(),
                    "sent_by_this_process": Message.objects.filter(purpose="digest", status="sent").count(),
                    "items_per_digest": len(fresh[:NEW_PAGES]),
                    "subscribers": seen,
                    "digests": sent + small["subscribers"],
                    "queue_seconds": round(seconds, 2),
                    "batch_small": small,
                    "batches_large": full,
                }
            )
        )
