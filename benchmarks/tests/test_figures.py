"""The benchmark writes its figures into the docs: every address, the search timing and the targets."""

from benchmarks import figures


def run():
    timing = {"rps": 1234.5, "p50_ms": 6.2, "p99_ms": 20.9, "errors": 0}
    return {
        "date": "2026-12-01T22:00:00+00:00",
        "database": "sqlite",
        "volume": "2,000 opportunities and 2,000 outcomes",
        "cpus": 2,
        "load_average_at_start": [1.1, 1.0, 0.9],
        "load_average_at_end": [1.4, 1.1, 1.0],
        "workers": 2,
        "tool": "wrk",
        "connections": 8,
        "seconds_per_address": 5,
        "pages": [
            {
                "name": "home",
                "queries": {"uncached": 11, "cached": 0},
                "bytes": {"total": 229_000, "served": 41_000},
                "uncached": timing,
                "cached": timing,
            },
            {
                "name": "sitemap.xml",
                "queries": {"uncached": 4, "cached": 0},
                "uncached": timing,
                "cached": timing,
            },
        ],
        "search": {"requests": 100, "p50_ms": 55, "p95_ms": 154},
        "targets": [{"target": "≤15 SQL queries", "measured": "14 at most", "met": True}],
    }


def test_the_page_holds_every_address_and_target(tmp_path, monkeypatch):
    monkeypatch.setattr(figures, "DOCS", tmp_path)
    path = figures.write_figures(run())
    text = path.read_text()
    assert path.name == "performance-sqlite.md"
    assert "# Benchmark figures: SQLite" in text
    assert "| home | 11 / 0 | 224 / 40 | 1,234, 6 / 21 | 1,234, 6 / 21 |" in text
    assert "| sitemap.xml | 4 / 0 |  |" in text
    assert "p50 55 ms, p95 154 ms" in text
    assert "| ≤15 SQL queries | 14 at most | met |" in text
    assert "load average 1.1 at the start and 1.4 at the end" in text
