"""`make bench BENCH_COMPARE=/path/to/bakerydemo`: this site against Wagtail's own demo, as ratios.

An absolute figure on a shared machine means little; a ratio to bakerydemo, measured on the same
machine in alternating runs, means more. Given a checkout of wagtail/bakerydemo, this:

- makes it its own venv (<checkout>/.bench-venv) with this project's Wagtail, Django, gunicorn and
  WhiteNoise pins and bakerydemo's other base requirements; a package that will not install is
  skipped and named (none of them is needed to serve pages from SQLite);
- builds its demo data (`load_initial_data`) in SQLite in the bench's working folder and collects
  its static files (into the checkout, where bakerydemo's settings put them);
- serves both under gunicorn, 2 workers, production settings, SQLite, uncached (this site's page
  cache off; bakerydemo has none);
- alternates page type by page type (home, an index, a detail page, search), BENCH_COMPARE_ROUNDS
  rounds of BENCH_COMPARE_SECONDS each, and reports the medians: requests a second and worker CPU
  milliseconds per request of each, and their ratios (this site / bakerydemo);
- then, page cache on, loads this site's home page for 10 s, publishes a "You said, We did" item
  (benchmarks/publisher.py), loads it 10 s more, and reports requests a second after the publish
  against before, and the longest wait for a response after it.
"""

import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from benchmarks import harness, loader
from benchmarks.harness import PYTHON, ROOT, say

ROUNDS = int(os.environ.get("BENCH_COMPARE_ROUNDS", "3"))
SECONDS = int(os.environ.get("BENCH_COMPARE_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
PUBLISH_WINDOW = 10
TARGETS = {"cpu_share": 0.20, "queries": 15, "after_publish": 0.90}

# (page type, this site's address or the name of one from benchmarks/probe.py, bakerydemo's address)
PAGE_TYPES = [
    ("home", "/", "/"),
    ("index", "/get-involved/", "/blog/"),
    ("detail", "opportunity: open consultation", "/blog/wild-yeast/"),
    ("search", "/search/?q=health", "/search/?q=bread"),
]
# Pinned from this project's lock file, so both sites run the same framework and server.
SHARED_PINS = ("django", "wagtail", "gunicorn", "whitenoise")
# Only bakerydemo's requirements/base.txt is installed (its urls.py imports django-debug-toolbar,
# so even that one is needed): its production.txt (uwsgi, Elasticsearch, S3, Redis, PostgreSQL) is
# not needed to serve from SQLite, and gunicorn and WhiteNoise come from SHARED_PINS.


# Pure helpers (benchmarks/tests/test_compare.py) ------------------------------------------------


def requirement_name(line):
    """The normalised package name of a requirements line, or None for comments and options."""
    line = line.split("#", 1)[0].strip()
    if not line or line.startswith("-"):
        return None
    return re.split(r"[\s<>=!~;\[]", line, maxsplit=1)[0].lower().replace("_", "-")


def pinned(lock_text, names):
    """{name: "name==version"} for `names` from a pip-compile lock file's text."""
    found = {}
    for line in lock_text.splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s\\]+)", line)
        if match and match.group(1).lower() in names:
            found[match.group(1).lower()] = f"{match.group(1).lower()}=={match.group(2)}"
    return found


def bakery_requirements(base_text, pins):
    """Bakerydemo's base requirements with this project's pins in place of its own."""
    wanted = dict(pins)
    for line in base_text.splitlines():
        name = requirement_name(line)
        if name and name not in wanted:
            wanted[name] = line.split("#", 1)[0].strip()
    return list(wanted.values())


def summarise(rounds):
    """Medians over rounds of each page type: both sites' rps and CPU ms, and the ratios."""
    summary = []
    for page_type in dict.fromkeys(r["page_type"] for r in rounds):
        mine = [r for r in rounds if r["page_type"] == page_type]
        hub = {k: loader.median_or_none([r["hub"][k] for r in mine]) for k in ("rps", "cpu_ms")}
        bakery = {k: loader.median_or_none([r["bakery"][k] for r in mine]) for k in ("rps", "cpu_ms")}
        summary.append(
            {
                "page_type": page_type,
                "hub": hub,
                "bakery": bakery,
                "rps_ratio": loader.median_or_none(
                    [loader.ratio(r["hub"]["rps"], r["bakery"]["rps"]) for r in mine]
                ),
                "cpu_ratio": loader.median_or_none(
                    [loader.ratio(r["hub"]["cpu_ms"], r["bakery"]["cpu_ms"]) for r in mine]
                ),
                "hub_errors": sum(r["hub"]["errors"] for r in mine),
                "bakery_errors": sum(r["bakery"]["errors"] for r in mine),
            }
        )
    return summary


# Bakerydemo's venv and data ------------------------------------------------------------------------


def bakery_python(checkout):
    """The Python of <checkout>/.bench-venv, made or brought up to date; (python, skipped packages)."""
    venv = checkout / ".bench-venv"
    python = venv / "bin" / "python"
    pins = pinned((ROOT / "requirements.txt").read_text(), SHARED_PINS)
    wanted = bakery_requirements((checkout / "requirements" / "base.txt").read_text(), pins)
    stamp = venv / ".bench-requirements.json"
    if python.exists() and stamp.exists():
        done = json.loads(stamp.read_text())
        if done["wanted"] == wanted:
            return python, done["skipped"]
    say(f"Making bakerydemo's venv in {venv} ({len(wanted)} packages)…")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    skipped = []
    if subprocess.run([*pip, *wanted], capture_output=True, check=False).returncode != 0:
        for requirement in wanted:  # one at a time, to name what fails
            if subprocess.run([*pip, requirement], capture_output=True, check=False).returncode != 0:
                skipped.append(requirement)
                say(f"  could not install {requirement}: skipped")
    stamp.write_text(json.dumps({"wanted": wanted, "skipped": skipped}))
    return python, skipped


def bakery_env(checkout, workdir):
    drop = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "REDIS_TLS_URL", "ELASTICSEARCH_ENDPOINT"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
            "DJANGO_SECRET_KEY": "benchmark-only-" + "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_NAME": str(Path(workdir) / "bakerydemo.sqlite3"),
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            # Only where harness.gunicorn_process writes its log; bakerydemo ignores it.
            "STATIC_ROOT": str(Path(workdir) / "bakery-static"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def build_bakery(python, checkout, env):
    for args in (("migrate", "--noinput"), ("load_initial_data",), ("collectstatic", "--noinput")):
        say(f"  bakerydemo: manage.py {' '.join(args)}")
        result = subprocess.run(
            [str(python), "manage.py", *args],
            cwd=checkout,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise SystemExit(f"bakerydemo manage.py {' '.join(args)} failed:\n{result.stderr[-6000:]}")


# The runs ---------------------------------------------------------------------------------------


def hub_addresses(env):
    """This site's address for each page type (names resolved through benchmarks/probe.py)."""
    probed = harness.json_from(env, "-m", "benchmarks.probe")
    by_name = {page["name"]: page for page in probed}
    by_url = {page["url"]: page for page in probed}
    addresses = {}
    for page_type, address, _bakery in PAGE_TYPES:
        page = by_name.get(address) or by_url.get(address)
        addresses[page_type] = {"url": page["url"] if page else address, "queries": page and page["queries"]}
    return addresses


def alternate(hub, bakery, addresses):
    rounds = []
    for page_type, _address, bakery_path in PAGE_TYPES:
        for number in range(ROUNDS):
            row = {"page_type": page_type, "round": number + 1}
            for side, (base, process), path in (
                ("hub", hub, addresses[page_type]["url"]),
                ("bakery", bakery, bakery_path),
            ):
                status, _body = harness.fetch(base + path)
                if status != 200:
                    raise SystemExit(f"{side} {path} answered {status}")
                row[side] = loader.measure(base, process.pid, path, SECONDS, CONNECTIONS)
            say(
                f"  {page_type:<7} round {number + 1}: this site {row['hub']['rps']:>6.1f} req/s "
                f"{row['hub']['cpu_ms']} ms CPU │ bakerydemo {row['bakery']['rps']:>6.1f} req/s "
                f"{row['bakery']['cpu_ms']} ms CPU"
            )
            rounds.append(row)
    return rounds


def publish_during_load(env, base, path="/"):
    """Requests a second on `path` in the 10 s after a publish against the 10 s before."""
    publisher = subprocess.Popen(
        [PYTHON, "-m", "benchmarks.publisher"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        if publisher.stdout.readline().strip() != "ready":
            raise SystemExit("benchmarks/publisher.py did not start")
        loader.hammer(base + path, 2, CONNECTIONS)  # warm the cache
        outcome = {}

        def load():
            finished, errors, _start, _end = loader.hammer(base + path, 2 * PUBLISH_WINDOW, CONNECTIONS)
            outcome.update(finished=finished, errors=errors)

        thread = threading.Thread(target=load)
        thread.start()
        time.sleep(PUBLISH_WINDOW)
        moment = time.monotonic()
        publisher.stdin.write("publish\n")
        publisher.stdin.flush()
        line = publisher.stdout.readline()
        if not line.strip():
            raise SystemExit("benchmarks/publisher.py could not publish (its error is above)")
        published = json.loads(line)
        thread.join()
    finally:
        publisher.stdin.close()
        publisher.wait(timeout=30)
    figures = loader.after_before(outcome["finished"], moment, PUBLISH_WINDOW)
    figures.update(
        {
            "path": path,
            "published": published["url"],
            "longest_gap_s": loader.longest_gap(outcome["finished"], moment, moment + PUBLISH_WINDOW),
            "errors": outcome["errors"],
        }
    )
    return figures


def run(uncached_env, cached_env, workdir):
    """The comparison's figures (see the module docstring); the site's database is already built."""
    checkout = Path(os.environ["BENCH_COMPARE"]).expanduser().resolve()
    if not (checkout / "bakerydemo").is_dir():
        raise SystemExit(f"BENCH_COMPARE={checkout} is not a checkout of wagtail/bakerydemo")
    python, skipped = bakery_python(checkout)
    env = bakery_env(checkout, workdir)
    Path(env["STATIC_ROOT"]).mkdir(exist_ok=True)
    say("Building bakerydemo's demo data…")
    build_bakery(python, checkout, env)
    addresses = hub_addresses(uncached_env)
    say(f"Alternating this site and bakerydemo, {ROUNDS} rounds of {SECONDS} s per page type, uncached…")
    bakery_server = harness.gunicorn_process(
        env,
        workers=2,
        command=str(python.parent / "gunicorn"),
        app="bakerydemo.wsgi:application",
        cwd=checkout,
        # Its home page makes its image renditions on the first view: too slow a sign of life.
        ready_path="/admin/login/",
        ready_seconds=180,
    )
    hub_server = harness.gunicorn_process(uncached_env, workers=2, ready_seconds=180)
    with hub_server as hub, bakery_server as bakery:
        rounds = alternate(hub, bakery, addresses)
    say("Publishing during load on the cached home page…")
    with harness.gunicorn(cached_env, workers=2, ready_seconds=180) as base:
        publish = publish_during_load(cached_env, base)
    git = ["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"]
    commit = subprocess.run(git, capture_output=True, text=True, check=False).stdout.strip()
    return {
        "bakerydemo_commit": commit or None,
        "skipped_packages": skipped,
        "rounds": rounds,
        "page_types": summarise(rounds),
        "queries": {page_type: a["queries"] for page_type, a in addresses.items()},
        "addresses": {page_type: a["url"] for page_type, a in addresses.items()},
        "publish": publish,
        "seconds": SECONDS,
        "rounds_per_type": ROUNDS,
    }


def print_comparison(comparison):
    say("")
    say(
        f"This site / bakerydemo ({comparison['bakerydemo_commit']}), uncached, medians of "
        f"{comparison['rounds_per_type']} alternating rounds of {comparison['seconds']} s:"
    )
    say(f"{'page type':<9} {'SQL':>4} │ {'req/s':>7} {'ratio':>6} │ {'CPU ms':>7} {'bakery':>7} {'share':>6}")
    for row in comparison["page_types"]:
        queries = comparison["queries"].get(row["page_type"])
        hub, bakery = row["hub"], row["bakery"]
        say(
            f"{row['page_type']:<9} {queries if queries is not None else '':>4} │ {hub['rps']:>7} "
            f"{row['rps_ratio']:>6} │ {hub['cpu_ms']:>7} {bakery['cpu_ms']:>7} {row['cpu_ratio']:>6}"
        )
    publish = comparison["publish"]
    say(
        f"Publish during load ({publish['path']}): {publish['rps_before']} req/s before, "
        f"{publish['rps_after']} after ({publish['ratio']}); longest gap {publish['longest_gap_s']} s"
    )
    for verdict in judge(comparison):
        say(f"  {'met' if verdict['met'] else 'NOT MET':<8} {verdict['target']}: {verdict['measured']}")


def judge(comparison):
    verdicts = []
    for row in comparison["page_types"]:
        if row["page_type"] == "search":
            continue
        share, queries = row["cpu_ratio"], comparison["queries"].get(row["page_type"])
        verdicts.append(
            {
                "target": f"{row['page_type']}: ≤{TARGETS['cpu_share']:.0%} of bakerydemo's CPU per request",
                "measured": f"{share:.0%}" if share is not None else "n/a",
                "met": share is not None and share <= TARGETS["cpu_share"],
            }
        )
        verdicts.append(
            {
                "target": f"{row['page_type']}: ≤{TARGETS['queries']} SQL queries",
                "measured": str(queries),
                "met": queries is not None and queries <= TARGETS["queries"],
            }
        )
    ratio = comparison["publish"]["ratio"]
    verdicts.append(
        {
            "target": f"≥{TARGETS['after_publish']:.0%} of the requests a second in the 10 s after a publish",
            "measured": f"{ratio:.0%}" if ratio is not None else "n/a",
            "met": ratio is not None and ratio >= TARGETS["after_publish"],
        }
    )
    return verdicts


def report(comparison, load_at_start, path):
    """Print the comparison with the load averages and write it to `path` (BENCH_COMPARE_ONLY)."""
    comparison = {
        **comparison,
        "cpus": os.cpu_count(),
        "load_average_at_start": load_at_start,
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
    }
    path.write_text(json.dumps(comparison, indent=2) + "\n")
    print_comparison(comparison)
    say(f"Load average {load_at_start} at the start, {comparison['load_average_at_end']} at the end.")
    say(f"Wrote {path.relative_to(ROOT)}")
