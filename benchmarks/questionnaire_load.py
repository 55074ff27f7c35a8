"""`make loadtest-questionnaire`: 100 simultaneous respondents answer a four-section questionnaire
for 60 s, then a count shows whether every response the server accepted was stored exactly once.

Serves the site as `make loadtest` does (benchmarks/harness.py: the production settings under
gunicorn, 2 workers) on a throwaway database: SQLite by default, PostgreSQL when DATABASE_URL is
a postgres:// URL (a database that does not exist yet is created and dropped after). The demo
content (loaded under settings.dev, whose demo accounts sign the opportunities off, so they are
live; the served site runs production's) gives the urgent care consultation, open, with four
sections and About you.

Locust runs benchmarks/questionnaire_locustfile.py (Respondent) headless. The rate limit stays on,
as in production: TRUSTED_PROXIES=1 and each respondent sends an X-Forwarded-For address of its
own (LOADTEST_SPREAD_ADDRESSES, as the cluster run does). Afterwards the responses holding each
respondent's marker are read from the database and benchmarks/questionnaire_verdict.py judges.

Prints respondents, completed responses, responses/s, p50/p95 per step, failures and the
"stored exactly once" verdict; writes loadtest-questionnaire-results.json; exits 1 on failure.
Knobs: QUICK=1 (20 users for 15 s), LOADTEST_USERS, LOADTEST_SECONDS, BENCH_KEEP=1.
"""

import json
import os
import sqlite3
import time
from urllib.parse import urlsplit

from benchmarks import harness, loadtest
from benchmarks.harness import ROOT, say
from benchmarks.questionnaire_verdict import (
    MARKER_KEY,
    MARKER_PREFIX,
    confirmed_within,
    judge,
    markers_in,
    rate,
    step_figures,
)

QUICK = os.environ.get("QUICK") == "1"
USERS = int(os.environ.get("LOADTEST_USERS", "20" if QUICK else "100"))
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "15" if QUICK else "60"))
RESULTS = ROOT / "loadtest-questionnaire-results.json"


def stored_markers(url):
    """{marker: [references]} of the responses holding a load-test marker."""
    if harness.is_postgres(url):
        import psycopg2

        connection = psycopg2.connect(url)
        query = "SELECT reference, answers FROM questionnaires_response WHERE answers::text LIKE %s"
    else:
        connection = sqlite3.connect(urlsplit(url).path)
        query = "SELECT reference, answers FROM questionnaires_response WHERE answers LIKE ?"
    try:
        cursor = connection.cursor()
        cursor.execute(query, [f"%{MARKER_PREFIX}%"])
        return markers_in(cursor.fetchall(), MARKER_KEY, MARKER_PREFIX)
    finally:
        connection.close()


def load_average():
    return [round(value, 2) for value in os.getloadavg()]


def summarise(figures):
    verdict = figures["verdict"]
    say(
        f"\n{figures['users']} simultaneous respondents for {figures['seconds']} s "
        f"({figures['database']}, gunicorn {loadtest.WORKERS} workers, {os.cpu_count()} CPUs, "
        f"load average {figures['load_average_before'][0]} before, {figures['load_average_after'][0]} after)"
    )
    say(
        f"  respondents started: {figures['respondents']}; completed responses: {verdict['confirmed']}, "
        f"{figures['completed_within_run']} of them within the {figures['seconds']} s "
        f"({figures['responses_per_second']} responses/s), the rest while locust let the last ones "
        f"finish; requests (locust's figures, the {figures['seconds']} s only): {figures['requests']}, "
        f"failed: {figures['failures']}"
    )
    say(f"  {'step':<18}{'requests':>9}{'failed':>8}{'p50 ms':>9}{'p95 ms':>9}")
    for name, step in figures["steps"].items():
        say(
            f"  {name:<18}{step['requests']:>9}{step['failures']:>8}"
            f"{step['p50_ms']:>9.0f}{step['p95_ms']:>9.0f}"
        )
    say(
        f"  submissions sent {verdict['submissions_sent']}, confirmed {verdict['confirmed']}, "
        f"of those stored exactly once {verdict['confirmed_stored_once']} "
        f"({verdict['confirmed_missing']} missing, {verdict['confirmed_wrong_reference']} under another "
        f"reference); markers stored twice: {verdict['duplicated_markers']}; stored but not confirmed "
        f"(in flight at the end): {verdict['stored_in_flight']}; stored but never sent: "
        f"{verdict['stored_never_sent']}"
    )
    for example in figures["failure_examples"]:
        say(f"    {example}")
    say(f"  stored exactly once: {'yes' if verdict['stored_exactly_once'] else 'NO'}")
    say(f"  {'PASS' if verdict['passed'] else 'FAIL'}")


def main():
    started = time.monotonic()
    loadtest.USERS, loadtest.SECONDS = USERS, SECONDS
    os.environ["LOADTEST_SPREAD_ADDRESSES"] = "1"
    with harness.throwaway_database(f"engagement_qload_{os.getpid()}") as (url, workdir):
        env = harness.production_env(workdir, url, TRUSTED_PROXIES=1)
        say("Migrating, loading the demo content, collecting static files…")
        harness.manage(env, "migrate", "--noinput")
        # Under the production settings the demo's opportunities stay drafts (no demo accounts to
        # sign them off); the development settings make the accounts, so the consultation is live.
        harness.manage({**env, "DJANGO_SETTINGS_MODULE": "settings.dev"}, "load_demo_content")
        harness.manage(env, "collectstatic", "--noinput")
        before = load_average()
        with harness.gunicorn(env, workers=loadtest.WORKERS) as base:
            say(f"{USERS} respondents for {SECONDS} s…")
            run = loadtest.run_locust(
                base,
                workdir,
                "questionnaire",
                locustfile="questionnaire_locustfile.py",
                user_classes=("Respondent",),
            )
        after = load_average()
        stored = stored_markers(url)
    records = run["records"]
    verdict = judge(records, stored, failures=run["failures"])
    figures = {
        "users": USERS,
        "seconds": SECONDS,
        "database": "PostgreSQL" if harness.is_postgres(url) else "SQLite",
        "load_average_before": before,
        "load_average_after": after,
        "respondents": sum(1 for r in records if r["kind"] == "started"),
        "completed_within_run": confirmed_within(records, SECONDS),
        "responses_per_second": rate(confirmed_within(records, SECONDS), SECONDS),
        "requests": run["requests"],
        "failures": run["failures"],
        "steps": step_figures(run["by_name"]),
        "failure_examples": sorted(
            {f"{r['name']}: {r['error'][:80]}" for r in records if r["kind"] == "failure"}
        )[:5],
        "verdict": verdict,
    }
    summarise(figures)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n")
    say(f"\nWrote {RESULTS.relative_to(ROOT)}. Done in {time.monotonic() - started:.0f} s.")
    raise SystemExit(0 if verdict["passed"] else 1)


if __name__ == "__main__":
    main()
