"""The background tasks, and handing message ids to them.

With the database backend (the default) or the immediate one (tests), the task is stored or run in
the same transaction as the rows, so a message and its delivery are queued together or not at all.
Other backends (RQ) keep tasks outside the database: the task is enqueued once the transaction
commits, so the worker never looks for a row it cannot see yet; if the process dies in between, the
sweeper (messaging/sweeper.py) finds the row and queues it again.
"""

from django.conf import settings
from django.db import transaction
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db.backend import DatabaseBackend

from . import delivery, sweeper


@task()
def deliver(ids):
    """Send a chunk of messages; those that failed and will be retried get a task for later."""
    done, retries = delivery.deliver_batch(ids)
    for pk, retry_at in retries:
        enqueue_delivery([pk], run_after=retry_at)
    return done


def enqueue_delivery(ids, *, run_after=None):
    ids = list(ids)
    if not ids:
        return
    backend = deliver.get_backend()
    if run_after is not None:
        if not backend.supports_defer:
            return  # the sweeper queues it again once it is due
        task_to_run = deliver.using(run_after=run_after)
    else:
        task_to_run = deliver
    if isinstance(backend, (DatabaseBackend, ImmediateBackend)):
        task_to_run.enqueue(ids)
    else:
        # robust: with Redis down the request that stored the rows still succeeds; the sweeper
        # queues them again (docs/deployment.md, "When Redis is down").
        transaction.on_commit(lambda: task_to_run.enqueue(ids), robust=True)


def sweep(now=None):
    """Queue again every message whose task was lost (messaging/sweeper.py); returns how many."""
    ids = sweeper.stale_ids(now)
    size = max(1, settings.MESSAGING_CHUNK_SIZE)
    for start in range(0, len(ids), size):
        enqueue_delivery(ids[start : start + size])
    return len(ids)
