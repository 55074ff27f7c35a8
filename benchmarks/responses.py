"""The questionnaire benchmark: 10,000 responses to the demo urgent care consultation, the staff
Responses view and the export timed on them, and the export's peak memory.

    make bench                         # runs it after the page and digest benchmarks
    .venv/bin/python -m benchmarks.responses   # on its own: a throwaway database, migrate, demo, run

`add_responses` is part of the volume data (generate_volume_data). `measure` runs in the site's
process, through Django's test client as a superuser, so it times the view and the export
without the network: the Responses view (its SQL statements, which must be the same at 10 and
10,000 responses), the CSV and the XLSX export (seconds, bytes, and the peak of Python memory while
streaming, from tracemalloc). Writes bench-responses-results.json at the project root.
Knob: BENCH_RESPONSES (default 10,000).
"""

import datetime
import os
import time
import tracemalloc

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from benchmarks import analysis
from pages.models import OpportunityPage
from questionnaires import synthetic
from questionnaires.models import Response

RESPONSES = int(os.environ.get("BENCH_RESPONSES", "10000"))
CONSULTATION = "future-of-urgent-care"
SEED = 10_000
ROUNDS = 5


def consultation():
    return OpportunityPage.objects.filter(slug=CONSULTATION).first()


def add_responses(count=RESPONSES):
    """Made-up responses to the demo consultation, up to `count` in all; returns how many were added
    (none without the demo content)."""
    page = consultation()
    if page is None:
        return 0
    existing = page.responses.count()
    if existing >= count:
        return 0
    now = timezone.now()
    start = now - datetime.timedelta(days=40)
    # A seed of its own for each top-up, so no reference repeats one made before.
    return synthetic.create(page, count - existing, seed=SEED + existing, start=start, end=now)


def _staff_client():
    user, _created = get_user_model().objects.get_or_create(
        username="bench-responses", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    return client


def _timed(client, url, rounds=ROUNDS):
    """(median seconds, SQL statements, bytes) of GET `url`, reading streamed bodies to the end."""
    seconds, queries, size = [], 0, 0
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            seconds.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        queries, size = len(captured), len(body)
    return sorted(seconds)[len(seconds) // 2], queries, size


def _peak_memory(client, url):
    """The peak of memory Python allocated while the export was made and read, in bytes."""
    tracemalloc.start()
    try:
        response = client.get(url)
        for _chunk in response.streaming_content:
            pass
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak


def measure():
    page = consultation()
    client = _staff_client()
    index = reverse("questionnaires_responses", args=[page.pk])
    export = reverse("questionnaires_export", args=[page.pk])
    client.get(index)  # warm: the session, the templates
    view_seconds, view_queries, view_bytes = _timed(client, index)
    results = {"responses": Response.objects.filter(opportunity=page).count(), "view": {}, "export": {}}
    results["view"] = {"seconds": round(view_seconds, 3), "queries": view_queries, "bytes": view_bytes}
    for export_format in ("csv", "xlsx"):
        url = f"{export}?format={export_format}"
        seconds, queries, size = _timed(client, url, rounds=1)
        results["export"][export_format] = {
            "seconds": round(seconds, 2),
            "queries": queries,
            "bytes": size,
            "peak_python_memory_bytes": _peak_memory(client, url),
        }
    results["analysis"] = analysis.measure(page, client, _timed)
    return results
