"""`make bench`: throughput, latency, queries and page weight of the public site, uncached and cached.

    make bench                                              # SQLite in a temporary folder
    .venv/bin/python -m benchmarks.bench                    # the same, without make
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_volume make bench

Builds the volume data (`generate_volume_data`) in a throwaway database, collects the static
files, serves the site with the production settings under gunicorn (2 workers, WhiteNoise for
static files) on 127.0.0.1, and loads each address with wrk, or with locust where wrk is not
installed (it says how to install it; it never installs anything itself): first with the
anonymous page cache off (PAGE_CACHE_SECONDS=0), then on. SQL queries per request are counted
separately through Django's test client. Prints a table and writes bench-results.json at the
project root.

Knobs: BENCH_SECONDS (per address and mode, default 5), BENCH_CONNECTIONS (default 8),
BENCH_OPPORTUNITIES / BENCH_OUTCOMES (volume, default 2,000 each), BENCH_KEEP=1 (keep the
database and working folder), BENCH_COMPARE=/path/to/bakerydemo (also compare with Wagtail's demo,
benchmarks/compare.py), BENCH_COMPARE_ONLY=1 (with BENCH_COMPARE: only the comparison).
"""

import csv
import datetime
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import time
from pathlib import Path

from benchmarks import compare, harness, messaging
from benchmarks.figures import write_figures
from benchmarks.harness import ROOT, say

SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
WARMUP_SECONDS = 1
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKERS = 2
RESULTS = ROOT / "bench-results.json"

SEARCH_TERMS = [
    "urgent care",
    "diabetes",
    "mental health",
    "maternity",
    "Mansfield",
    "GP appointments",
    "dementia support",
    "patient transport",
    "opening hours",
    "Newark physiotherapy",
]
SEARCH_ROUNDS = 10

TARGETS = {
    "queries": 15,
    "uncached_rps": 60,
    "cached_rps": 1000,
    "search_p95_ms": 100,
    "page_kb": 150,
}

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
    .. '"status_errors": %d, "socket_errors": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
"""

# Stylesheets and scripts a page makes the browser fetch, including one loaded by a script
# (data-frontend="…js") and the print stylesheet.
ASSET = re.compile(r'(?:href|src|data-[\w-]+)="(/static/[^"?#]+\.(?:css|js))"')
BROWSER_ENCODINGS = {"Accept-Encoding": "gzip, br"}


# Load generators -----------------------------------------------------------------------------


def load_tool():
    """'wrk' if it is installed, else 'locust', after saying how to get wrk.

    Installing system packages is for whoever runs the machine, not for a benchmark.
    """
    if shutil.which("wrk"):
        return "wrk"
    say(
        "wrk is not installed, so locust loads the site instead; its ceiling is lower (one Python "
        "process), so the cached figures will be too. To measure with wrk, install it "
        "(Debian or Ubuntu: sudo apt-get install wrk) and run make bench again."
    )
    return "locust"


def run_wrk(url, seconds, workdir):
    script = Path(workdir) / "report.lua"
    script.write_text(WRK_SCRIPT)
    result = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=False,
    )
    line = next((line for line in result.stdout.splitlines() if line.startswith("BENCH ")), None)
    if line is None:
        raise SystemExit(f"wrk failed for {url}:\n{result.stdout}\n{result.stderr}")
    data = json.loads(line[6:])
    return {
        "requests": data["requests"],
        "rps": round(data["requests"] / (data["duration_us"] / 1e6), 1),
        "p50_ms": round(data["p50_us"] / 1000, 1),
        "p95_ms": round(data["p95_us"] / 1000, 1),
        "p99_ms": round(data["p99_us"] / 1000, 1),
        "errors": data["status_errors"] + data["socket_errors"],
    }


def run_locust(url, seconds, workdir):
    base, _, path = url.partition("://")[2].partition("/")
    prefix = Path(workdir) / "locust"
    subprocess.run(
        [
            str(Path(harness.PYTHON).parent / "locust"),
            "-f",
            str(ROOT / "benchmarks" / "locustfile.py"),
            "BenchUser",
            "--headless",
            "-u",
            str(CONNECTIONS),
            "-r",
            str(CONNECTIONS),
            "-t",
            f"{seconds}s",
            "--host",
            f"http://{base}",
            "--csv",
            str(prefix),
            "--only-summary",
        ],
        env={**os.environ, "BENCH_PATH": "/" + path},
        capture_output=True,
        check=False,
    )
    with open(f"{prefix}_stats.csv") as stats:
        row = next(r for r in csv.DictReader(stats) if r["Name"] == "Aggregated")
    # Locust takes about a second to start its users, so a one-second warm-up may finish before
    # any request has: it then reports "N/A" for the percentiles.
    return {
        "requests": int(row["Request Count"]),
        "rps": round(float(row["Requests/s"]), 1),
        "p50_ms": None if row["50%"] == "N/A" else float(row["50%"]),
        "p95_ms": None if row["95%"] == "N/A" else float(row["95%"]),
        "p99_ms": None if row["99%"] == "N/A" else float(row["99%"]),
        "errors": int(row["Failure Count"]),
    }


# Measurements -------------------------------------------------------------------------------------


def probe(env):
    """The addresses to load and the SQL queries of each, from benchmarks/probe.py."""
    return harness.json_from(env, "-m", "benchmarks.probe")


def page_weight(base, address):
    """Bytes of the HTML and the CSS and JavaScript it loads: uncompressed, and as sent to a browser.

    "served" is what this app sends to a browser that accepts gzip and Brotli (WhiteNoise's
    precompressed static files; the HTML as Django sends it); "gzip" is everything gzipped, as
    a compressing proxy in front would send it.
    """
    status, html = harness.fetch(base + address)
    _status, html_served = harness.fetch(base + address, headers=BROWSER_ENCODINGS)
    weight = {
        "status": status,
        "html": len(html),
        "css_js": 0,
        "served": len(html_served),
        "gzip": len(gzip.compress(html)),
    }
    for asset in dict.fromkeys(ASSET.findall(html.decode(errors="replace"))):
        _status, body = harness.fetch(base + asset)
        _status, served = harness.fetch(base + asset, headers=BROWSER_ENCODINGS)
        weight["css_js"] += len(body)
        weight["served"] += len(served)
        weight["gzip"] += len(gzip.compress(body))
    weight["total"] = weight["html"] + weight["css_js"]
    return weight


def search_latency(base):
    """p50/p95 of searches one at a time (no queueing), over several different terms."""
    timings = []
    for term in SEARCH_TERMS:  # warm up
        harness.fetch(f"{base}/search/?q={term.replace(' ', '+')}")
    for _ in range(SEARCH_ROUNDS):
        for term in SEARCH_TERMS:
            started = time.perf_counter()
            status, _body = harness.fetch(f"{base}/search/?q={term.replace(' ', '+')}")
            timings.append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise SystemExit(f"search for {term!r} answered {status}")
    timings.sort()
    return {
        "requests": len(timings),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
    }


def wait_until_idle(base, seconds=120):
    """Wait for gunicorn to finish what the last run left queued.

    When wrk stops, the requests it had in flight stay in the workers' queue; on a slow address
    that is seconds of work, which would otherwise be charged to the next address.
    """
    deadline = time.monotonic() + seconds
    quick = 0
    while quick < 3 and time.monotonic() < deadline:
        started = time.perf_counter()
        harness.fetch(base + "/robots.txt")
        quick = quick + 1 if time.perf_counter() - started < 0.2 else 0


def load_all(base, pages, tool, workdir, mode):
    run = run_wrk if tool == "wrk" else run_locust
    for page in pages:
        url = base + page["url"]
        run(url, WARMUP_SECONDS, workdir)
        wait_until_idle(base)
        page[mode] = run(url, SECONDS, workdir)
        wait_until_idle(base)
        figures = page[mode]
        if not figures["requests"]:
            raise SystemExit(f"{tool} made no request to {url} in {SECONDS} s: set a longer BENCH_SECONDS")
        say(
            f"  {mode:<8} {page['name'][:60]:<60} {figures['rps']:>8.1f} req/s"
            f"  p50 {figures['p50_ms']:>7.1f}  p99 {figures['p99_ms']:>7.1f} ms  errors {figures['errors']}"
        )


# Report -------------------------------------------------------------------------------------------


def judge(results):
    pages = results["pages"]
    public = [p for p in pages if p["kind"] in {"html", "feed"}]
    html = [p for p in pages if p["kind"] == "html"]
    main = [p for p in pages if p["name"].startswith(("home", "get-involved", "you-said-we-did"))]
    worst_queries = max(public, key=lambda p: p["queries"]["uncached"])
    slowest = min(main, key=lambda p: p["uncached"]["rps"])
    slowest_cached = min(main, key=lambda p: p["cached"]["rps"])
    heaviest = max(html, key=lambda p: p["bytes"]["served"])
    search = results["search"]
    on_postgres = results["database"] == "postgresql"
    return [
        {
            "target": f"≤{TARGETS['queries']} SQL queries on any public page",
            "measured": f"{worst_queries['queries']['uncached']} ({worst_queries['name']})",
            "met": worst_queries["queries"]["uncached"] <= TARGETS["queries"],
        },
        {
            "target": f"uncached ≥{TARGETS['uncached_rps']} req/s, home and indexes, {WORKERS} workers",
            "measured": f"{slowest['uncached']['rps']} req/s lowest ({slowest['name']})",
            "met": slowest["uncached"]["rps"] >= TARGETS["uncached_rps"],
        },
        {
            "target": f"cached ≥{TARGETS['cached_rps']:,} req/s, anonymous, home and indexes",
            "measured": f"{slowest_cached['cached']['rps']} req/s lowest ({slowest_cached['name']})",
            "met": slowest_cached["cached"]["rps"] >= TARGETS["cached_rps"],
        },
        {
            "target": f"search p95 <{TARGETS['search_p95_ms']} ms (on PostgreSQL)",
            "measured": f"{search['p95_ms']} ms on {results['database']}, one request at a time",
            "met": search["p95_ms"] < TARGETS["search_p95_ms"] if on_postgres else None,
        },
        {
            "target": f"≤{TARGETS['page_kb']} KB HTML+CSS+JS per page, as sent to a browser",
            "measured": f"{heaviest['bytes']['served'] / 1024:.0f} KB largest ({heaviest['name']}; "
            f"{heaviest['bytes']['total'] / 1024:.0f} KB uncompressed)",
            "met": heaviest["bytes"]["served"] <= TARGETS["page_kb"] * 1024,
        },
    ]


def columns(figures):
    return f"{figures['p50_ms']:>7.1f} {figures['p99_ms']:>7.1f} {figures['errors']:>4}"


def print_table(results):
    say("")
    say(
        f"{results['database']}, {results['volume']}, gunicorn {WORKERS} workers, {results['tool']} "
        f"{CONNECTIONS} connections, {SECONDS} s per address and mode, {os.cpu_count()} CPUs, "
        f"load average {results['load_average_at_start'][0]} at the start"
    )
    header = (
        f"{'address':<52} {'SQL':>7} {'KB':>5} {'sent':>5}"
        f" │ {'uncached req/s':>14} {'p50':>7} {'p99':>7} {'err':>4}"
        f" │ {'cached req/s':>12} {'p50':>7} {'p99':>7} {'err':>4}"
    )
    say(header)
    say("─" * len(header))
    for page in results["pages"]:
        weight = page.get("bytes")
        kb = (
            f"{weight['total'] / 1024:>5.0f} {weight['served'] / 1024:>5.0f}"
            if weight
            else f"{'':>5} {'':>5}"
        )
        queries = f"{page['queries']['uncached']}/{page['queries']['cached']}"
        uncached, cached = page["uncached"], page["cached"]
        say(
            f"{page['name'][:52]:<52} {queries:>7} {kb}"
            f" │ {uncached['rps']:>14.1f} {columns(uncached)} │ {cached['rps']:>12.1f} {columns(cached)}"
        )
    say(
        "SQL: queries per request uncached/cached. "
        "KB: HTML plus the CSS and JavaScript it loads, uncompressed and as sent (gzip/Brotli static files)."
    )
    say("p50/p99 in ms under load. Errors: non-2xx/3xx responses and socket errors.")
    search = results["search"]
    say(
        f"Search one request at a time ({search['requests']} searches, {len(SEARCH_TERMS)} terms): "
        f"p50 {search['p50_ms']} ms, p95 {search['p95_ms']} ms"
    )
    say("")
    for target in results["targets"]:
        verdict = {True: "met", False: "NOT MET", None: "n/a here"}[target["met"]]
        say(f"  {verdict:<8} {target['target']}: {target['measured']}")
    say(f"\nWrote {RESULTS.relative_to(ROOT)}")


def main():
    started = time.monotonic()
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    tool = load_tool()
    with harness.throwaway_database("engagement_bench") as (url, workdir):
        database = "postgresql" if harness.is_postgres(url) else "sqlite"
        say(
            f"Database: {database} ({url.split('@')[-1] if database == 'postgresql' else 'a temporary file'})"
        )
        env = harness.production_env(workdir, url)
        build_seconds = harness.build_site(env)

        uncached_env = {**env, "PAGE_CACHE_SECONDS": "0"}
        cached_env = {**env, "PAGE_CACHE_SECONDS": os.environ.get("PAGE_CACHE_SECONDS", "600")}
        if os.environ.get("BENCH_COMPARE"):
            comparison = compare.run(uncached_env, cached_env, workdir)
            if os.environ.get("BENCH_COMPARE_ONLY") == "1":
                return compare.report(comparison, load_at_start, ROOT / "bench-compare.json")
        say("Counting SQL queries per request…")
        pages = probe(uncached_env)
        cached_queries = {page["url"]: page["queries"] for page in probe(cached_env)}
        for page in pages:
            page["queries"] = {"uncached": page["queries"], "cached": cached_queries.get(page["url"])}

        say(f"Loading {len(pages)} addresses, page cache off…")
        with harness.gunicorn(uncached_env, workers=WORKERS) as base:
            for page in pages:
                if page["kind"] == "html":
                    page["bytes"] = page_weight(base, page["url"])
                    if page["bytes"]["status"] != 200:
                        raise SystemExit(f"{page['url']} answered {page['bytes']['status']}")
            load_all(base, pages, tool, workdir, "uncached")
            search = search_latency(base)
        say("Loading again, page cache on…")
        with harness.gunicorn(cached_env, workers=WORKERS) as base:
            load_all(base, pages, tool, workdir, "cached")
        messaging.run_digest(env)  # the weekly digest to 10,000 subscribers (benchmarks/messaging.py)
        say("Timing the Responses view and the export on 10,000 responses…")
        questionnaire = harness.json_from(env, "manage.py", "response_bench")  # benchmarks/responses.py

    results = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": database,
        "volume": "2,000 opportunities and 2,000 outcomes"
        if not harness.volume_args()
        else " ".join(harness.volume_args()),
        "cpus": os.cpu_count(),
        "load_average_at_start": load_at_start,
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "workers": WORKERS,
        "tool": tool,
        "connections": CONNECTIONS,
        "seconds_per_address": SECONDS,
        "build_seconds": {step: round(seconds, 1) for step, seconds in build_seconds.items()},
        "pages": pages,
        "search": search,
        "questionnaire": questionnaire,
        "comparison": comparison if os.environ.get("BENCH_COMPARE") else None,
        "total_seconds": None,
    }
    results["targets"] = judge(results)
    results["total_seconds"] = round(time.monotonic() - started)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)
    if results["comparison"]:
        compare.print_comparison(results["comparison"])
    say(f"Wrote {write_figures(results).relative_to(ROOT)}")
    say(f"Done in {results['total_seconds']} s.")


if __name__ == "__main__":
    main()
