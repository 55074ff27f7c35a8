"""The queue on Redis (TASKS_BACKEND=rq): two real `manage.py rqworker default` processes on one
queue and one file database share the deliveries of 22 messages, one task each, and every task runs
exactly once, so every recipient gets exactly one email. Two of them are stored while Redis is down:
they are stored all the same (queueing after the commit is robust) and sent once the sweep queues
them again.

Needs Redis at TEST_REDIS_URL (.ci/run starts it); its database is emptied before and after.
"""

import collections
import re
import subprocess
import sys
import time

import pytest
import redis
from django.conf import settings

from core.tests.test_layers import ROOT
from messaging.tests.smtp import SMTPServer, free_port
from messaging.tests.test_worker import environment, manage, statuses, stop, wait_for
from public_site.tests.checkers import unavailable

RECIPIENTS, DOWN = 20, 2
JOB_OK = re.compile(r"Job OK \(([A-Za-z0-9_-]+)\)")


@pytest.fixture
def redis_url():
    url = settings.TEST_REDIS_URL
    try:
        connection = redis.Redis.from_url(url, socket_connect_timeout=2)
        connection.ping()
    except redis.RedisError as error:
        unavailable(f"Redis is not reachable at {url} ({error}); start redis-server as .ci/run does")
    connection.flushdb()
    yield url
    connection.flushdb()


def rq_environment(tmp_path, smtp_port, redis_url):
    return {
        **environment(tmp_path, smtp_port),
        "DJANGO_SETTINGS_MODULE": "messaging.tests.rq_settings",
        "RQ_REDIS_URL": redis_url,
    }


def send(env, recipients, prefix="rq"):
    manage(
        env,
        "shell",
        "-c",
        "from django.db import transaction\n"
        "from messaging import outbox\n"
        f"people = [outbox.Recipient(to=f'{prefix}{{i}}@example.com', dedupe_key=f'{prefix}:{{i}}')"
        f" for i in range({recipients})]\n"
        "with transaction.atomic():\n"
        "    outbox.send_many(people, template='messaging/email/message',"
        " context={'subject': 'News', 'body': 'Hello'}, purpose='digest')\n",
    )


def start_worker(env, log):
    return subprocess.Popen(
        [sys.executable, "manage.py", "rqworker", "default", "--name", log.name.rsplit("/", 1)[-1]],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def listening(tmp_path, *names):
    return all("Listening on default" in (tmp_path / name).read_text() for name in names)


def test_two_rq_workers_share_one_queue_and_run_each_task_exactly_once(tmp_path, redis_url):
    names = ("worker-a", "worker-b")
    with SMTPServer() as server:
        env = rq_environment(tmp_path, server.port, redis_url)
        manage(env, "migrate", "messaging", "-v0")
        # Redis down when the messages are stored: the rows are kept, no task is queued.
        send({**env, "RQ_REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"}, DOWN, prefix="down")
        assert statuses(tmp_path) == {"queued": DOWN}
        assert redis.Redis.from_url(redis_url).llen("rq:queue:default") == 0

        logs = [open(tmp_path / name, "w") for name in names]
        workers = [start_worker(env, log) for log in logs]
        try:
            assert wait_for(lambda: listening(tmp_path, *names), 60), "the workers did not start"
            manage(env, "sweep_outbox")  # Redis is back: the sweep queues them (MESSAGING_SWEEP_AFTER 1 s)
            send(env, RECIPIENTS)
            everyone = DOWN + RECIPIENTS
            assert wait_for(lambda: statuses(tmp_path) == {"sent": everyone}, 60), statuses(tmp_path)
            time.sleep(1)  # a task run twice would have its chance to send again
        finally:
            for worker in workers:
                stop(worker)
            for log in logs:
                log.close()
    runs = {name: JOB_OK.findall((tmp_path / name).read_text()) for name in names}
    every_run = collections.Counter(runs["worker-a"] + runs["worker-b"])
    assert len(every_run) == everyone and set(every_run.values()) == {1}, every_run
    assert runs["worker-a"] and runs["worker-b"], "one worker ran every task: the queue was not shared"
    received = collections.Counter(message["To"] for message in server.messages)
    expected = [f"down{i}@example.com" for i in range(DOWN)]
    expected += [f"rq{i}@example.com" for i in range(RECIPIENTS)]
    assert received == dict.fromkeys(expected, 1)
