"""`make cluster-test`: nginx in front of two gunicorn servers (A and B) under the production
settings, sharing one PostgreSQL database, one Redis (its own, on 6390), one S3-compatible object
store (SeaweedFS) and one RQ worker; then the checks of docs/cluster.md, each a PASS/FAIL line, with
the figures in docs/cluster-figures.json and docs/cluster.md's table. CLUSTER_QUICK=1 shortens the
load phases only. Everything listens on 127.0.0.1 and is stopped on exit."""

import io
import json
import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks import harness, loadtest
from benchmarks.cluster import checks, report, services

QUICK = os.environ.get("CLUSTER_QUICK") == "1"
REDIS_PORT = 6390
PORTS = {"nginx": 18480, "a": 18481, "b": 18482, "purge": 18483}
DATABASE = os.environ.get("CLUSTER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/eh_18_cluster")
RATE_LIMIT = 3
# Tasks waiting on the worker when the page is published (check 1): the purge must go before them.
BACKLOG = 100
ADMIN, PASSWORD = "cluster-admin", "cluster-run-password-0123"
# Enough visitors that requests are in flight through nginx whenever server A is killed.
LOAD_USERS, LOAD_SECONDS = (120, 20) if QUICK else (200, 40)
# Requests logged before a load phase counts as under way (then its break comes LOAD_SECONDS / 3 later).
LOADED = 100


def png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (0, 94, 184)).save(buffer, "PNG")
    return buffer.getvalue()


def environment(workdir, store):
    return harness.production_env(
        workdir,
        DATABASE,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        TRUSTED_PROXIES=2,  # a proxy in front of nginx (the browser's X-Forwarded-For), then nginx
        SECURE_SSL_REDIRECT="false",
        REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}/0",
        TASKS_BACKEND="rq",
        FRONTEND_CACHE_PURGE_URL=f"http://127.0.0.1:{PORTS['purge']}",
        INVOLVEMENT_RATE_LIMIT=RATE_LIMIT,
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
        LOG_LEVEL="WARNING",
        **store.env(),
    )


def build(env):
    harness.manage(env, "migrate", "--noinput")
    harness.say("Loading the demo content…")
    harness.manage(env, "load_demo_content")
    harness.manage(env, "collectstatic", "--noinput")
    harness.manage(env, "createsuperuser", "--noinput", "--username", ADMIN, "--email", "admin@example.com")


def once_loaded(log, after):
    """Wait until locust's users are sending (its request log has LOADED lines), then `after` s more:
    on a loaded machine locust can take seconds to start, and a break before the load is no test."""
    deadline = time.monotonic() + LOAD_SECONDS
    while time.monotonic() < deadline:
        if log.exists() and log.read_text().count("\n") >= LOADED:
            break
        time.sleep(0.2)
    time.sleep(after)


def kill_during(process, log, after):
    def during(started, window):
        once_loaded(log, after)
        window["began"] = time.time()
        os.killpg(process.pid, signal.SIGKILL)
        window["ended"] = time.time()

    return during


def restart_during(redis, log, after):
    def during(started, window):
        once_loaded(log, after)
        window["began"] = time.time()
        redis.restart()
        window["ended"] = time.time()

    return during


def in_flight(records, moment):
    """Requests sent before `moment` and answered (or failed) after it."""
    return sum(
        1 for r in records if r["kind"] in ("request", "failure") and r["started"] < moment < r["ended"]
    )


def answered_after(records, moment):
    """Requests sent after `moment` and answered: with A dead, B answered them through nginx."""
    return sum(1 for r in records if r["kind"] == "request" and r["started"] > moment)


def load_phase(base, workdir, phase, during, kill=False):
    """Locust (benchmarks/locustfile.py: visitors and submitters) through nginx while `during` breaks
    something; every accepted submission must be stored exactly once, none refused stored, and no
    request fail outside the break. When `kill` is set (server A killed), nginx must go on answering
    after the kill, and at most the requests in flight at the kill may fail. How many were in flight
    is chance (at 60 requests a second of a few milliseconds each, often none): none in flight
    allows no failure, so the check is strictest then, never vacuous."""
    loadtest.USERS, loadtest.SECONDS = LOAD_USERS, LOAD_SECONDS
    os.environ["LOADTEST_SPREAD_ADDRESSES"] = "1"
    os.environ["LOADTEST_LOG_REQUESTS"] = "1"
    run = loadtest.run_locust(base, workdir, phase, during=during)
    verdict = loadtest.judge(run, loadtest.stored_rows(DATABASE))
    figures = {k: run[k] for k in ("requests", "failures", "rps", "p50_ms", "p95_ms")} | {
        "failures_in_window": verdict["failures_in_window"],
        "failures_outside_window": verdict["failures_outside_window"],
        "failure_kinds": verdict["window_failure_kinds"],
        "submissions_accepted": verdict["accepted"],
        "accepted_missing": verdict["accepted_missing"],
        "accepted_duplicated": verdict["accepted_duplicated"],
        "refused_but_stored": verdict["not_accepted_but_stored"],
    }
    passed = (
        run["requests"] > 0
        and verdict["accepted"] > 0
        and verdict["accepted_missing"] == 0
        and verdict["accepted_duplicated"] == 0
        and verdict["not_accepted_but_stored"] == 0
        and verdict["failures_outside_window"] == 0
    )
    if kill:
        figures["in_flight_at_kill"] = in_flight(run["records"], run["window"]["began"])
        figures["answered_after_kill"] = answered_after(run["records"], run["window"]["ended"])
        passed = (
            passed and figures["answered_after_kill"] > 0 and run["failures"] <= figures["in_flight_at_kill"]
        )
    return passed, figures


def speed(site, workdir):
    """wrk against nginx: the cached page, and a static file of the same bytes."""
    url = site["nginx"] + site["page_path"]
    body = checks.Browser("192.0.2.4").get(url).content
    probe = Path(workdir) / "nginx" / "static-probe" / "page.html"
    probe.write_bytes(body)
    seconds = 3 if QUICK else 5
    cached = harness_wrk(url, seconds, workdir)
    static = harness_wrk(site["nginx"] + "/__static-probe/page.html", seconds, workdir)
    ratio = round(cached["rps"] / static["rps"], 2) if static["rps"] else 0
    return ratio >= 0.5, {"bytes": len(body), "cached_page": cached, "static_file": static, "ratio": ratio}


def harness_wrk(url, seconds, workdir):
    from benchmarks import bench

    return bench.run_wrk(url, seconds, workdir)


def main():
    started = time.monotonic()
    services.install_nginx()
    busy = [port for port in (REDIS_PORT, *PORTS.values()) if not services.port_is_free(port)]
    if busy:
        raise SystemExit(f"Ports in use: {busy}; stop what uses them, then run make cluster-test again.")
    workdir = tempfile.mkdtemp(prefix="engagement-cluster-")
    processes = services.Processes(workdir)
    results, figures = [], {}

    def record(name, outcome):
        passed, data = outcome[0], outcome[1]
        results.append((name, passed))
        figures[name] = {"passed": passed, **data}
        harness.say(f"{'PASS' if passed else 'FAIL'}  {name}: {json.dumps(data)}")
        return outcome

    from public_site.tests.object_store import ObjectStore

    store = ObjectStore(Path(workdir) / "store")
    created = harness.create_postgres_database(DATABASE)
    try:
        redis = services.Redis(processes, REDIS_PORT)
        redis.start()
        harness.say("Starting SeaweedFS…")
        store.start()
        processes.started.append(("seaweedfs", store.stop))
        env = environment(workdir, store)
        build(env)
        a = services.gunicorn(processes, "server-a", env, PORTS["a"])
        services.gunicorn(processes, "server-b", env, PORTS["b"])
        processes.popen("worker", [harness.PYTHON, "manage.py", "rqworker", "default"], env=env)
        servers = [f"127.0.0.1:{PORTS['a']}", f"127.0.0.1:{PORTS['b']}"]
        services.start_nginx(processes, Path(workdir) / "nginx", PORTS["nginx"], PORTS["purge"], servers)
        site = {
            "a": f"http://127.0.0.1:{PORTS['a']}",
            "b": f"http://127.0.0.1:{PORTS['b']}",
            "nginx": f"http://127.0.0.1:{PORTS['nginx']}",
            "db": DATABASE,
            "admin": ADMIN,
            "password": PASSWORD,
            "purge": f"http://127.0.0.1:{PORTS['purge']}",
            "public_media": store.env()["MEDIA_PUBLIC_URL"],
            "redis": f"redis://127.0.0.1:{REDIS_PORT}/0",
        }
        site["page_path"] = os.environ.get("CLUSTER_PAGE") or checks.a_standard_page(DATABASE)

        def add_backlog(count):
            """Queue `count` search-index updates in A's environment, as a bulk import would."""
            harness.manage(
                env,
                "shell",
                "-c",
                "from modelsearch.tasks import insert_or_update_object_task as task\n"
                f"page = {checks.page_id(DATABASE, site['page_path'])}\n"
                f"for _ in range({count}):\n"
                "    task.enqueue('pages', 'standardpage', str(page))\n",
            )

        record(
            "published through A's admin: A, B and nginx show it at once, a busy worker notwithstanding",
            checks.publish_shown_at_once(site, add_backlog, BACKLOG),
        )
        record("rate limit counts across A and B", checks.rate_limit_across_servers(site, RATE_LIMIT))
        record("sign-in lockout counts across A and B", checks.lockout_across_servers(site))
        outcome = record("session survives a switch of server", checks.session_across_servers(site))
        site["signed_in"] = outcome[2]
        record(
            "image uploaded through A served through B", checks.image_across_servers(site, outcome[2], png())
        )
        record("nginx caches anonymous pages; PURGE drops them", checks.purge(site))

        def phase_log(phase):
            return Path(workdir) / f"{phase}.jsonl"  # what benchmarks/loadtest.py tells locust to write

        record("cached page vs static file through nginx", speed(site, workdir))
        harness.say(f"Load: {LOAD_USERS} users for {LOAD_SECONDS} s through nginx, A killed once under way…")
        record(
            "server A killed under load: at most the requests in flight fail; none lost or doubled",
            load_phase(
                site["nginx"],
                workdir,
                "kill-a",
                kill_during(a, phase_log("kill-a"), LOAD_SECONDS / 3),
                kill=True,
            ),
        )
        harness.say(f"Load: {LOAD_USERS} users for {LOAD_SECONDS} s, Redis restarted once under way…")
        record(
            "Redis restarted under load: the site keeps serving",
            load_phase(
                site["nginx"],
                workdir,
                "redis-restart",
                restart_during(redis, phase_log("redis-restart"), LOAD_SECONDS / 3),
            ),
        )
        record(
            "after the restart: page cache and counters work again",
            checks.recovered_after_redis_restart(site, RATE_LIMIT),
        )
    finally:
        processes.stop_all()
        if created and os.environ.get("CLUSTER_KEEP") != "1":
            harness.drop_postgres_database(DATABASE)
    elapsed = round(time.monotonic() - started)
    passed = bool(results) and all(ok for _name, ok in results)
    report.write(figures, passed, elapsed, QUICK)
    harness.say(
        f"{'PASSED' if passed else 'FAILED'}: {sum(ok for _n, ok in results)}/{len(results)} in {elapsed} s"
    )
    if os.environ.get("CLUSTER_KEEP") != "1":
        subprocess.run(["rm", "-rf", workdir], check=False)
    raise SystemExit(0 if passed else 1)


if __name__ == "__main__":
    main()
