"""Finding messages whose delivery task was lost and queueing them again.

A task can be lost: the worker was killed in the middle of a batch (its task stays "running" and is
never picked up again), a Redis queue was emptied, or a retry was due on a backend that cannot
delay tasks. Any row that is queued and has been due for MESSAGING_SWEEP_AFTER_SECONDS, or is
"sending" with an expired lease, is given a new task. A row that still had its task is harmless to
queue twice: only one worker can claim it (messaging/delivery.py).

Run by the worker every MESSAGING_SWEEP_SECONDS (messaging's db_worker command) and by
`manage.py sweep_outbox` (cron, or by hand); messaging.tasks.sweep queues them.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import Message, Status


def stale(now=None):
    now = now or timezone.now()
    waited = now - timedelta(seconds=settings.MESSAGING_SWEEP_AFTER_SECONDS)
    return Message.objects.filter(
        Q(status=Status.QUEUED, next_attempt_at__lte=waited) | Q(status=Status.SENDING, lease_until__lt=now)
    )


def stale_ids(now=None):
    return list(stale(now).order_by("pk").values_list("pk", flat=True))
