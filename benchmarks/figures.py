"""Writes the benchmark's figures into the docs, so the performance page quotes a run, not a typist.

`make bench` calls `write_figures` after each run: docs/performance-<database>.md gets the table
of that run (queries, weight, throughput and latency for every address, and the targets judged).
`python -m benchmarks.figures [bench-results.json]` writes it again from a saved run.
"""

import json
import pathlib
import sys

from benchmarks import analysis

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def kilobytes(page):
    weight = page.get("bytes")
    if not weight:
        return ""
    return f"{weight['total'] / 1024:.0f} / {weight['served'] / 1024:.0f}"


def timing(figures):
    return f"{figures['rps']:,.0f}, {figures['p50_ms']:.0f} / {figures['p99_ms']:.0f}"


def markdown(results):
    """The page for one run, as Markdown."""
    database = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}.get(results["database"], results["database"])
    load = results["load_average_at_start"]
    lines = [
        f"# Benchmark figures: {database}",
        "",
        f"Written by `make bench` on {results['date']} (UTC): {results['volume']}, gunicorn "
        f"{results['workers']} workers, {results['tool']} with {results['connections']} connections for "
        f"{results['seconds_per_address']} s per address and mode, {results['cpus']} CPUs, load average "
        f"{load[0]} at the start and {results['load_average_at_end'][0]} at the end. Do not edit: run "
        "the bench again. [performance.md](performance.md) says what each figure means.",
        "",
        "| address | SQL queries (uncached / cached) | KB: uncompressed / sent "
        "| uncached: req/s, p50 / p99 ms | cached: req/s, p50 / p99 ms |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for page in results["pages"]:
        queries = page["queries"]
        lines.append(
            f"| {page['name']} | {queries['uncached']} / {queries['cached']} | {kilobytes(page)} "
            f"| {timing(page['uncached'])} | {timing(page['cached'])} |"
        )
    search = results["search"]
    lines += [
        "",
        f"Search one request at a time ({search['requests']} searches): p50 {search['p50_ms']} ms, "
        f"p95 {search['p95_ms']} ms.",
        "",
        "| target | measured | |",
        "| --- | --- | --- |",
    ]
    for target in results["targets"]:
        verdict = {True: "met", False: "not met", None: "not judged on this database"}[target["met"]]
        lines.append(f"| {target['target']} | {target['measured']} | {verdict} |")
    lines += questionnaire_lines(results.get("questionnaire"))
    return "\n".join(lines) + "\n"


def questionnaire_lines(figures):
    """The questionnaire benchmark (benchmarks/responses.py): the staff view and the export."""
    if not figures:
        return []
    view = figures["view"]
    lines = [
        "",
        f"Questionnaire responses ({figures['responses']:,} to one consultation, in the site's process):",
        "",
        "| what | seconds | SQL queries | KB | peak Python memory, MB |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| Responses view (median of 5) | {view['seconds']} | {view['queries']} "
        f"| {view['bytes'] / 1024:.0f} | |",
    ]
    for export_format, export in figures["export"].items():
        lines.append(
            f"| export, {export_format.upper()} | {export['seconds']} | {export['queries']} "
            f"| {export['bytes'] / 1024:.0f} | {export['peak_python_memory_bytes'] / 2**20:.1f} |"
        )
    return lines + analysis.lines(figures.get("analysis"))


def write_figures(results):
    path = DOCS / f"performance-{results['database']}.md"
    path.write_text(markdown(results))
    return path


if __name__ == "__main__":
    source = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "bench-results.json")
    print(f"Wrote {write_figures(json.loads(source.read_text())).relative_to(ROOT)}")
