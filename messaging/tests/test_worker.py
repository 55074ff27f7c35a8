"""The worker as it runs in production, a `manage.py db_worker` process on a file database: killed
with SIGKILL in the middle of a batch and started again, it sends every recipient exactly one
message; and a delivery retried on the real queue is sent once the server takes it."""

import collections
import os
import signal
import sqlite3
import subprocess
import sys
import time

from core.tests.test_layers import ROOT
from messaging.tests.smtp import SMTPServer

RECIPIENTS = 40


def environment(tmp_path, port):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "messaging.tests.worker_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        "TEST_SMTP_PORT": str(port),
        "PYTHONUNBUFFERED": "1",
    }


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def prepare(env, recipients):
    # The outbox's and the task queue's tables are all the worker touches.
    manage(env, "migrate", "messaging", "-v0")
    manage(env, "migrate", "django_tasks_database", "-v0")
    script = (
        "from messaging import outbox\n"
        f"people = [outbox.Recipient(to=f'person{{i}}@example.com', dedupe_key=f'w:{{i}}')"
        f" for i in range({recipients})]\n"
        "outbox.send_many(people, template='messaging/email/message',"
        " context={'subject': 'News', 'body': 'Hello'}, purpose='digest')"
    )
    manage(env, "shell", "-c", script)


def start_worker(env, log):
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def statuses(tmp_path):
    with sqlite3.connect(tmp_path / "worker.sqlite3", timeout=20) as db:
        return collections.Counter(status for (status,) in db.execute("SELECT status FROM messaging_message"))


def wait_for(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def stop(worker):
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(10)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def test_a_worker_killed_in_the_middle_of_a_batch_loses_nothing_and_sends_nothing_twice(tmp_path):
    workers = {}

    def answers(number):
        # The 15th message: the worker is killed while the server has it, before it is accepted.
        if number == 15:
            os.kill(workers["first"].pid, signal.SIGKILL)
            return "451 Gone"
        return None

    log = open(tmp_path / "worker.log", "w")
    with SMTPServer(answers=answers) as server:
        env = environment(tmp_path, server.port)
        prepare(env, RECIPIENTS)
        assert statuses(tmp_path) == {"queued": RECIPIENTS}
        try:
            workers["first"] = start_worker(env, log)
            assert wait_for(lambda: workers["first"].poll() is not None), "the worker was never killed"
            assert workers["first"].returncode == -signal.SIGKILL
            in_the_middle = statuses(tmp_path)
            assert in_the_middle["sent"] == 14 and in_the_middle["sending"] == 1, in_the_middle

            workers["second"] = start_worker(env, log)
            assert wait_for(lambda: statuses(tmp_path) == {"sent": RECIPIENTS}), statuses(tmp_path)
            time.sleep(2)  # any duplicate task still queued has its chance to send again
        finally:
            for worker in workers.values():
                stop(worker)
            log.close()
    received = collections.Counter(message["To"] for message in server.messages)
    assert received == {f"person{i}@example.com": 1 for i in range(RECIPIENTS)}, (
        tmp_path / "worker.log"
    ).read_text()[-3000:]


def test_a_refusal_is_retried_by_the_worker_after_its_backoff(tmp_path):
    log = open(tmp_path / "worker.log", "w")
    with SMTPServer(answers=lambda n: "421 Busy, try later" if n == 1 else None) as server:
        env = environment(tmp_path, server.port)
        prepare(env, 1)
        worker = start_worker(env, log)
        try:
            assert wait_for(lambda: statuses(tmp_path) == {"sent": 1}), (tmp_path / "worker.log").read_text()
        finally:
            stop(worker)
            log.close()
    assert server.handler.tried == 2 and len(server.messages) == 1
    with sqlite3.connect(tmp_path / "worker.sqlite3") as db:
        assert db.execute("SELECT attempts FROM messaging_message").fetchone() == (2,)
