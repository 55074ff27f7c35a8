"""The analysis benchmark: the Engagement team's analysis views and exports timed on the volume data's
10,000 responses to the demo urgent care consultation, and the background search for similar answers.

Part of `manage.py response_bench` (benchmarks/responses.py `measure`), in the site's process through
Django's test client as a superuser: each view's median seconds, SQL statements (the same as at 10
responses: analysis/tests/test_queries.py) and size; the search for near-identical answers
(analysis/similar.py) is timed once, as the worker would run it.
"""

import time

FILTERED = "?channel=online&about=age_band:65_74"


def measure(page, client, timed):
    """{'views': {name: {seconds, queries, bytes}}, 'similar_seconds', 'clusters'}."""
    # Imported here, in the site's process: `lines` is also read by the runners (benchmarks/
    # figures.py, the cluster run), which have no Django settings.
    from django.urls import reverse

    from analysis import similar

    started = time.perf_counter()
    clusters = similar.find_clusters(page)
    similar_seconds = time.perf_counter() - started
    view = reverse("analysis_view", args=[page.pk])
    urls = {
        "analysis view": view,
        "analysis view, two filters": view + FILTERED,
        "coding view": reverse("analysis_coding", args=[page.pk]),
        "similar answers view": reverse("analysis_similar", args=[page.pk]),
        "question tables export, CSV": reverse("analysis_export", args=[page.pk, "questions"])
        + "?format=csv",
        "responses with themes export, CSV": reverse("analysis_export", args=[page.pk, "responses"])
        + "?format=csv",
    }
    views = {}
    for name, url in urls.items():
        seconds, queries, size = timed(client, url, rounds=1 if "export" in name else 5)
        views[name] = {"seconds": round(seconds, 3), "queries": queries, "bytes": size}
    return {"views": views, "similar_seconds": round(similar_seconds, 2), "clusters": clusters}


def lines(figures):
    """Markdown rows for docs/performance-*.md (benchmarks/figures.py)."""
    if not figures:
        return []
    rows = [
        "",
        "Response analysis on the same responses (median of 5; exports once):",
        "",
        "| what | seconds | SQL queries | KB |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, view in figures["views"].items():
        rows.append(f"| {name} | {view['seconds']} | {view['queries']} | {view['bytes'] / 1024:.0f} |")
    rows.append(
        f"| looking for similar answers (background task) | {figures['similar_seconds']} | | "
        f"{figures['clusters']} groups found |"
    )
    return rows
