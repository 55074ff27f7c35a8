"""The digest benchmark: a weekly digest to 10,000 subscribers, sent by the real worker through a
local SMTP sink.

    .venv/bin/python -m benchmarks.messaging      # on its own: migrate, demo content, digest
    make bench                                    # the same step at the end of the site's bench

`prepare_digest_bench` (in its own process, as cron would run it) queues the digests; the SMTP
sink must have received nothing when it has finished, because only the worker sends. Then
`manage.py db_worker` runs until the sink has every message. Reports the worker's messages per
second, that nothing was sent before the worker ran, and the SQL statements of a batch of 10
subscribers and of each full batch (MESSAGING_CHUNK_SIZE) of the 10,000: the same number. Writes
bench-digest-results.json at the project root. Knob: BENCH_SUBSCRIBERS (default 10,000).
"""

import json
import os
import subprocess
import threading
import time

from aiosmtpd.controller import Controller

from benchmarks import harness
from benchmarks.harness import ROOT, say

SUBSCRIBERS = int(os.environ.get("BENCH_SUBSCRIBERS", "10000"))
RESULTS = ROOT / "bench-digest-results.json"
TIMEOUT_SECONDS = 1800


class CountingSink:
    """An SMTP server's handler that keeps nothing but the count and when messages arrived."""

    def __init__(self):
        self.lock = threading.Lock()
        self.count = 0
        self.first = self.last = None

    async def handle_DATA(self, server, session, envelope):
        now = time.monotonic()
        with self.lock:
            self.count += len(envelope.rcpt_tos)
            self.first = self.first or now
            self.last = now
        return "250 OK"


def run_digest(env):
    """Queue and send the digest; print and return the figures."""
    sink = CountingSink()
    controller = Controller(sink, hostname="127.0.0.1", port=harness.free_port())
    controller.start()
    try:
        smtp_env = {**env, "EMAIL_URL": f"smtp://127.0.0.1:{controller.port}", "MESSAGING_SWEEP_SECONDS": "0"}
        say(f"Queueing a weekly digest to {SUBSCRIBERS:,} subscribers…")
        figures = harness.json_from(smtp_env, "manage.py", "prepare_digest_bench", str(SUBSCRIBERS))
        figures["received_before_worker"] = sink.count
        say("Sending them with the worker (manage.py db_worker)…")
        started = time.monotonic()
        worker = subprocess.Popen(
            [harness.PYTHON, "manage.py", "db_worker"],
            cwd=ROOT,
            env=smtp_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            expected = figures["queued_all"]  # the digests, and anything else waiting
            while sink.count < expected and time.monotonic() - started < TIMEOUT_SECONDS:
                time.sleep(0.2)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
        total = time.monotonic() - started
        sending = (sink.last - sink.first) if sink.count > 1 else total
        figures.update(
            received=sink.count,
            worker_seconds=round(total, 1),
            messages_per_second=round(sink.count / total, 1) if total else None,
            messages_per_second_once_started=round((sink.count - 1) / sending, 1) if sending else None,
        )
    finally:
        controller.stop()
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n")
    report(figures)
    return figures


def report(figures):
    small, large = figures["batch_small"], figures["batches_large"]
    large_statements = sorted({b["statements"] for b in large})
    say(
        f"  Digest: {figures['received']:,} of {figures['queued_all']:,} messages received by the SMTP sink "
        f"({figures['digests']:,} digests), "
        f"{figures['items_per_digest']} items each; queued in {figures['queue_seconds']} s."
    )
    say(
        f"  Worker: {figures['messages_per_second']} messages/s including its start "
        f"({figures['worker_seconds']} s), "
        f"{figures['messages_per_second_once_started']} messages/s once sending."
    )
    say(
        f"  Sent before the worker ran, by the process that queued them: {figures['received_before_worker']}."
    )
    say(
        f"  SQL statements per batch: {small['statements']} for {small['subscribers']} subscribers, "
        f"{', '.join(map(str, large_statements))} for each of {len(large)} batches of "
        f"{large[0]['subscribers'] if large else 0} (raw queries {small['raw']} and "
        f"{sorted({b['raw'] for b in large})}: SQLite splits a large insert)."
    )


def main():
    with harness.throwaway_database("engagement_bench_digest") as (url, workdir):
        env = harness.production_env(workdir, url)
        harness.build_site(env)
        run_digest(env)


if __name__ == "__main__":
    main()
