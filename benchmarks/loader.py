"""A small closed-loop load generator, and the CPU time of a gunicorn server's workers.

The comparison with bakerydemo (benchmarks/compare.py) loads both sites with the same client, so
the client's own ceiling is the same for both; the figure it relies on most is the CPU time the
workers spent per request, read from the worker processes before and after a run, which stays
steady when other work shares the machine. The publish test needs the moment each response
arrived, which wrk and locust do not give.
"""

import http.client
import statistics
import threading
import time
from urllib.parse import urlsplit

import psutil


def worker_cpu_seconds(master_pid):
    """User plus system CPU seconds of the worker processes under the gunicorn master `master_pid`."""
    total = 0.0
    for child in psutil.Process(master_pid).children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def cpu_ms_per_request(before, after, requests):
    """Milliseconds of worker CPU per request between two readings of worker_cpu_seconds."""
    if not requests:
        return None
    return round(max(0.0, after - before) * 1000 / requests, 1)


def ratio(ours, theirs):
    """ours / theirs to two places, or None when either side is missing or theirs is zero."""
    if ours is None or not theirs:
        return None
    return round(ours / theirs, 2)


def rps_between(finished, start, end):
    """Responses a second among `finished` (arrival times) in [start, end)."""
    if end <= start:
        return 0.0
    return round(sum(1 for moment in finished if start <= moment < end) / (end - start), 1)


def after_before(finished, moment, window):
    """Requests a second in the `window` seconds after `moment` over the `window` seconds before."""
    before = rps_between(finished, moment - window, moment)
    after = rps_between(finished, moment, moment + window)
    return {"rps_before": before, "rps_after": after, "ratio": ratio(after, before)}


def longest_gap(finished, start, end):
    """The longest time in [start, end) without a response, in seconds: how long a stall lasted."""
    moments = [start, *sorted(m for m in finished if start <= m < end), end]
    return round(max(b - a for a, b in zip(moments, moments[1:], strict=False)), 2)


def median_or_none(values):
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 2) if values else None


def _one(connection_target, path):
    host, port = connection_target
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1", "Accept-Encoding": "identity"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def hammer(url, seconds, connections=8):
    """Load `url` from `connections` threads, each waiting for its answer, for `seconds`.

    Returns (arrival times of the successful responses, errors, start, end) on time.monotonic().
    Every request started is waited for, so the server has finished its work when this returns.
    """
    parts = urlsplit(url)
    target = (parts.hostname, parts.port)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    finished, errors = [], []
    lock = threading.Lock()
    start = time.monotonic()
    deadline = start + seconds

    def user():
        while time.monotonic() < deadline:
            try:
                status = _one(target, path)
            except (OSError, http.client.HTTPException):
                status = None
            with lock:
                (finished if status == 200 else errors).append(time.monotonic())

    threads = [threading.Thread(target=user, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return finished, len(errors), start, deadline


def measure(base, master_pid, path, seconds, connections=8, warmup=1):
    """Requests a second and worker CPU ms per request of `path` on one server."""
    hammer(base + path, warmup, connections)
    before = worker_cpu_seconds(master_pid)
    finished, errors, start, _deadline = hammer(base + path, seconds, connections)
    after = worker_cpu_seconds(master_pid)
    elapsed = max((finished[-1] if finished else start) - start, 1e-6)
    return {
        "requests": len(finished),
        "errors": errors,
        "rps": round(len(finished) / elapsed, 1),
        "cpu_ms": cpu_ms_per_request(before, after, len(finished) + errors),
    }
