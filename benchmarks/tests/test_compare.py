"""The comparison with bakerydemo: its ratios, CPU per request, publish windows and requirements."""

from benchmarks import compare, loader


def test_cpu_ms_per_request_is_the_workers_cpu_spent_over_the_requests_served():
    assert loader.cpu_ms_per_request(10.0, 12.5, 50) == 50.0
    assert loader.cpu_ms_per_request(3.0, 3.0, 10) == 0.0


def test_cpu_ms_per_request_without_requests_is_unknown_not_a_division_by_zero():
    assert loader.cpu_ms_per_request(1.0, 2.0, 0) is None


def test_cpu_never_goes_backwards_when_a_worker_was_replaced():
    assert loader.cpu_ms_per_request(5.0, 4.0, 10) == 0.0


def test_ratio_is_ours_over_theirs_and_unknown_without_a_figure():
    assert loader.ratio(30.0, 60.0) == 0.5
    assert loader.ratio(10.0, 0) is None
    assert loader.ratio(None, 5.0) is None


def test_rps_between_counts_only_responses_inside_the_window():
    finished = [0.5, 1.0, 1.5, 2.0, 2.5, 9.9, 10.0]
    assert loader.rps_between(finished, 1.0, 3.0) == 2.0  # 1.0, 1.5, 2.0, 2.5 over 2 s
    assert loader.rps_between(finished, 3.0, 3.0) == 0.0


def test_after_before_compares_the_windows_either_side_of_the_publish():
    before = [i / 10 for i in range(100)]  # 10 a second for 10 s
    after = [10 + i / 5 for i in range(45)]  # 5 a second for 9 s, then nothing
    figures = loader.after_before(before + after, 10.0, 10)
    assert figures == {"rps_before": 10.0, "rps_after": 4.5, "ratio": 0.45}


def test_longest_gap_finds_the_stall_after_a_publish():
    finished = [10.0, 10.1, 11.6, 11.7]
    assert loader.longest_gap(finished, 10.0, 12.0) == 1.5
    assert loader.longest_gap([], 10.0, 12.0) == 2.0


def test_summarise_takes_the_median_of_each_rounds_ratio_per_page_type():
    def row(page_type, hub_rps, hub_cpu, bakery_rps, bakery_cpu):
        return {
            "page_type": page_type,
            "hub": {"rps": hub_rps, "cpu_ms": hub_cpu, "errors": 0},
            "bakery": {"rps": bakery_rps, "cpu_ms": bakery_cpu, "errors": 1},
        }

    rounds = [
        row("home", 100, 10, 50, 50),  # 2.0×, 20 %
        row("home", 90, 12, 60, 40),  # 1.5×, 30 %
        row("home", 300, 5, 60, 50),  # 5.0×, 10 %
        row("index", 40, 20, 40, 20),
    ]
    home, index = compare.summarise(rounds)
    assert home["page_type"] == "home"
    assert home["rps_ratio"] == 2.0
    assert home["cpu_ratio"] == 0.2
    assert home["hub"] == {"rps": 100, "cpu_ms": 10}
    assert home["bakery"] == {"rps": 60, "cpu_ms": 50}
    assert home["bakery_errors"] == 3
    assert index["rps_ratio"] == 1.0


def test_judge_says_which_targets_are_met():
    comparison = {
        "page_types": [
            {"page_type": "home", "cpu_ratio": 0.15},
            {"page_type": "index", "cpu_ratio": 0.5},
            {"page_type": "search", "cpu_ratio": 3.0},
        ],
        "queries": {"home": 9, "index": 16, "search": 5},
        "publish": {"ratio": 0.95},
    }
    verdicts = {v["target"]: v["met"] for v in compare.judge(comparison)}
    assert verdicts["home: ≤20% of bakerydemo's CPU per request"] is True
    assert verdicts["index: ≤20% of bakerydemo's CPU per request"] is False
    assert verdicts["home: ≤15 SQL queries"] is True
    assert verdicts["index: ≤15 SQL queries"] is False
    assert not any(target.startswith("search") for target in verdicts)
    assert verdicts["≥90% of the requests a second in the 10 s after a publish"] is True


def test_bakerydemo_gets_this_projects_framework_pins_and_keeps_its_other_requirements():
    lock = "django==5.2.19 \\\n    --hash=sha256:abc\nwagtail==8.0.1 \\\ngunicorn==27.0.1 \\\nrequests==2.0\n"
    pins = compare.pinned(lock, compare.SHARED_PINS)
    assert pins == {"django": "django==5.2.19", "wagtail": "wagtail==8.0.1", "gunicorn": "gunicorn==27.0.1"}
    base = (
        "Django>=6.0,<6.1\n"
        "python-dotenv>=1.2.1,<2  # settings\n"
        "wagtail>=7.4,<7.5\n"
        "-r other.txt\n"
        "# a comment\n"
        "wagtail_font_awesome_svg>=1,<2\n"
    )
    wanted = compare.bakery_requirements(base, pins)
    assert wanted == [
        "django==5.2.19",
        "wagtail==8.0.1",
        "gunicorn==27.0.1",
        "python-dotenv>=1.2.1,<2",
        "wagtail_font_awesome_svg>=1,<2",
    ]


def test_requirement_name_normalises_and_ignores_options():
    assert compare.requirement_name("psycopg[binary]>=3.3") == "psycopg"
    assert compare.requirement_name("Django_Extensions ~= 4.1") == "django-extensions"
    assert compare.requirement_name("-r base.txt") is None
    assert compare.requirement_name("   # nothing") is None
