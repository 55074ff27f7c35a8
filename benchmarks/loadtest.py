"""`make loadtest`: 200 visitors for a minute, then again while PostgreSQL restarts.

Creates a throwaway PostgreSQL database on 127.0.0.1 (LOADTEST_DATABASE_URL to choose another),
builds the volume data, serves the site with the production settings under gunicorn (2 workers,
form rate limit off), and runs locust (benchmarks/locustfile.py) headless: 200 concurrent users
browsing, filtering, searching and submitting the register sign-up and feedback forms, for 60 s.
Then the same again with `pg_ctlcluster --skip-systemctl-redirect <version> main restart` half
way through (needs root; LOADTEST_RESTART=0 skips it). Finally it counts, in the database, the
rows stored for each submission's unique marker.

It passes when there were no failed requests outside the restart window and every accepted
submission (a redirect to the thank-you page) was stored exactly once. Prints a summary, writes
loadtest-results.json and exits non-zero on failure. The database is dropped at the end.
"""

import csv
import json
import os
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

from benchmarks import harness
from benchmarks.harness import ROOT, say

USERS = int(os.environ.get("LOADTEST_USERS", "200"))
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
SPAWN_RATE = 50
WORKERS = 2
RESTART_AFTER = SECONDS // 2
# A request that ended this long after the restart finished still counts as in its window.
GRACE_SECONDS = 5
RESULTS = ROOT / "loadtest-results.json"


def postgres_version():
    versions = (
        sorted(os.listdir("/etc/postgresql"), key=lambda v: float(v))
        if Path("/etc/postgresql").is_dir()
        else []
    )
    return os.environ.get("LOADTEST_PG_VERSION") or (versions[-1] if versions else "15")


def run_locust(
    base, workdir, phase, during=None, locustfile="locustfile.py", user_classes=("Visitor", "Submitter")
):
    """Run locust headless for SECONDS; `during(started)` runs in a thread meanwhile. Returns figures.

    `locustfile` (in benchmarks/) and `user_classes` choose the simulated people."""
    log = Path(workdir) / f"{phase}.jsonl"
    prefix = Path(workdir) / phase
    command = [
        str(Path(harness.PYTHON).parent / "locust"),
        "-f",
        str(ROOT / "benchmarks" / locustfile),
        *user_classes,
        "--headless",
        "-u",
        str(USERS),
        "-r",
        str(SPAWN_RATE),
        "-t",
        f"{SECONDS}s",
        "--stop-timeout",
        "10",
        "--host",
        base,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    # PYTHONPATH: a locustfile may import from benchmarks (the questionnaire's does).
    env = {**os.environ, "LOADTEST_LOG": str(log), "LOADTEST_RUN": phase, "PYTHONPATH": str(ROOT)}
    started = time.time()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    window = {}
    thread = None
    if during is not None:
        thread = threading.Thread(target=during, args=(started, window))
        thread.start()
    _out, errors = process.communicate(timeout=SECONDS + 120)
    if thread is not None:
        thread.join()
    if not Path(f"{prefix}_stats.csv").exists():
        raise SystemExit(f"locust failed:\n{errors[-4000:]}")
    with open(f"{prefix}_stats.csv") as stats:
        rows = list(csv.DictReader(stats))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    records = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    return {
        "phase": phase,
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "rps": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
        "by_name": {
            row["Name"]: {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50_ms": float(row["50%"]),
                "p95_ms": float(row["95%"]),
            }
            for row in rows
            if row["Name"] != "Aggregated"
        },
        "window": window,
        "records": records,
    }


def restart_postgres(version):
    def restart(started, window):
        time.sleep(max(0, started + RESTART_AFTER - time.time()))
        others = other_clients()
        if others:
            say(f"  note: also restarting the connections of other databases: {', '.join(others)}")
        window["began"] = time.time()
        result = subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
            capture_output=True,
            text=True,
            check=False,
        )
        window["ended"] = time.time()
        window["exit"] = result.returncode
        say(
            f"  PostgreSQL {version} restarted {window['began'] - started:.0f} s in, "
            f"took {window['ended'] - window['began']:.1f} s (exit {result.returncode})"
        )

    return restart


def other_clients():
    """Databases other than ours with client connections right now (other people's work)."""
    try:
        connection, name = harness._maintenance_connection(DATABASE_URL)
    except Exception:  # noqa: BLE001 - only a courtesy note
        return []
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT datname FROM pg_stat_activity WHERE datname IS NOT NULL "
                "AND datname NOT IN (%s, 'postgres') AND pid <> pg_backend_pid()",
                [name],
            )
            return [row[0] for row in cursor.fetchall()]
    finally:
        connection.close()


def stored_rows(url):
    """{marker: rows} for every load-test submission in the database."""
    import psycopg2

    connection = psycopg2.connect(url)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT split_part(email, '@', 1), count(*) FROM involvement_member "
                "WHERE email LIKE 'lt-%%' GROUP BY 1"
            )
            rows = dict(cursor.fetchall())
            cursor.execute(
                "SELECT service, count(*) FROM involvement_feedback WHERE service LIKE 'lt-%%' GROUP BY 1"
            )
            rows.update(dict(cursor.fetchall()))
            return rows
    finally:
        connection.close()


def judge(run, stored):
    window = run["window"]
    failures = [r for r in run["records"] if r["kind"] == "failure"]
    if window.get("began"):
        began, ended = window["began"], window["ended"] + GRACE_SECONDS

        def in_window(record):
            return record["started"] <= ended and record["ended"] >= began

        outside = [r for r in failures if not in_window(r)]
        kinds = Counter(f"{r['status'] or 'no response'}" for r in failures if in_window(r))
        inside = len(failures) - len(outside)
        last_error = max((r["ended"] for r in failures), default=None)
        recovered_after = round(last_error - window["ended"], 1) if last_error else None
    else:
        outside, inside, recovered_after, kinds = failures, 0, None, Counter()
    submissions = [r for r in run["records"] if r["kind"] == "submission"]
    accepted = [s for s in submissions if s["accepted"]]
    not_accepted = [s for s in submissions if not s["accepted"]]
    result = {
        "failures_outside_window": len(outside),
        "failures_in_window": inside,
        "window_failure_kinds": [f"{count}× {status}" for status, count in kinds.most_common()],
        "last_error_after_restart_s": recovered_after,
        "failure_examples": sorted({f"{r['name']}: {r['error'][:80]}" for r in outside})[:5],
        "submissions": len(submissions),
        "accepted": len(accepted),
        "accepted_stored_once": sum(1 for s in accepted if stored.get(s["marker"]) == 1),
        "accepted_missing": sum(1 for s in accepted if not stored.get(s["marker"])),
        "accepted_duplicated": sum(1 for s in accepted if stored.get(s["marker"], 0) > 1),
        "not_accepted": len(not_accepted),
        "not_accepted_but_stored": sum(1 for s in not_accepted if stored.get(s["marker"])),
    }
    result["passed"] = (
        result["failures_outside_window"] == 0
        and result["accepted"] > 0
        and result["accepted_stored_once"] == result["accepted"]
    )
    return result


def summarise(runs):
    say("")
    say(f"{USERS} users, {SECONDS} s each run, gunicorn {WORKERS} workers, PostgreSQL, {os.cpu_count()} CPUs")
    for run in runs:
        verdict = run["verdict"]
        say(
            f"\n{run['phase']}: {run['requests']} requests, {run['rps']} req/s, p50 {run['p50_ms']:.0f} ms, "
            f"p95 {run['p95_ms']:.0f} ms, p99 {run['p99_ms']:.0f} ms, {run['failures']} failed"
        )
        if run["window"].get("began"):
            last = verdict["last_error_after_restart_s"]
            when = (
                "none"
                if last is None
                else f"{abs(last)} s {'after' if last > 0 else 'before'} PostgreSQL was back up"
            )
            say(
                f"  restart window: {verdict['failures_in_window']} failed requests "
                f"({', '.join(verdict['window_failure_kinds']) or 'none'}); outside it: "
                f"{verdict['failures_outside_window']}; last error: {when}"
            )
        else:
            say(f"  failed requests: {verdict['failures_outside_window']}")
        for example in verdict["failure_examples"]:
            say(f"    {example}")
        say(
            f"  submissions: {verdict['submissions']} sent, {verdict['accepted']} accepted, "
            f"{verdict['accepted_stored_once']} of those stored exactly once "
            f"({verdict['accepted_missing']} missing, {verdict['accepted_duplicated']} duplicated); "
            f"{verdict['not_accepted']} not accepted, "
            f"{verdict['not_accepted_but_stored']} of which stored anyway"
        )
        say(f"  {'PASS' if verdict['passed'] else 'FAIL'}")


DATABASE_URL = ""


def main():
    global DATABASE_URL
    started = time.monotonic()
    if os.environ.get("LOADTEST_DATABASE_URL"):
        os.environ["DATABASE_URL"] = os.environ["LOADTEST_DATABASE_URL"]
    else:
        os.environ.pop("DATABASE_URL", None)
    restart = os.environ.get("LOADTEST_RESTART", "1") != "0"
    if restart and os.geteuid() != 0:
        raise SystemExit("Restarting PostgreSQL needs root: run as root, or set LOADTEST_RESTART=0.")
    with harness.throwaway_database(f"engagement_loadtest_{os.getpid()}", require_postgres=True) as (
        url,
        workdir,
    ):
        if not harness.is_postgres(url):
            raise SystemExit(
                "The load test runs on PostgreSQL: set LOADTEST_DATABASE_URL to a postgres:// URL."
            )
        DATABASE_URL = url
        env = harness.production_env(workdir, url, INVOLVEMENT_RATE_LIMIT=0)
        harness.build_site(env)
        runs = []
        with harness.gunicorn(env, workers=WORKERS) as base:
            say(f"Load test 1: {USERS} users for {SECONDS} s…")
            runs.append(run_locust(base, workdir, "steady"))
            if restart:
                version = postgres_version()
                say(
                    f"Load test 2: {USERS} users for {SECONDS} s, "
                    f"PostgreSQL {version} restarted after {RESTART_AFTER} s…"
                )
                runs.append(run_locust(base, workdir, "restart", during=restart_postgres(version)))
        stored = stored_rows(url)
    for run in runs:
        run["verdict"] = judge(run, stored)
        del run["records"]
    summarise(runs)
    passed = all(run["verdict"]["passed"] for run in runs)
    RESULTS.write_text(
        json.dumps({"users": USERS, "seconds": SECONDS, "runs": runs, "passed": passed}, indent=2) + "\n"
    )
    say(f"\nWrote {RESULTS.relative_to(ROOT)}. Done in {time.monotonic() - started:.0f} s.")
    raise SystemExit(0 if passed else 1)


if __name__ == "__main__":
    main()
