"""Delivering stored messages so that none is sent twice and none is lost.

For each row the worker:
1. claims it with one UPDATE (queued and due, or sending with an expired lease -> sending, with a
   lease of MESSAGING_LEASE_SECONDS and one more attempt), so two workers never both hold it;
2. checks the suppression list once more, and sends it with a Message-ID made from the row;
3. marks it sent, or, when sending failed, queues it again after a backoff (MESSAGING_RETRY_BASE_
   SECONDS doubled for each attempt) or marks it failed after MESSAGING_MAX_ATTEMPTS or an error
   that would never get better.

The one window that can resend: the worker dies after the server accepted a message and before
step 3 committed. The row stays "sending" until its lease expires and is then sent again, with the
same Message-ID (docs/messaging.md, "Sending twice").
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from .addresses import address_hashes
from .models import Message, Status, Suppression
from .transports import PermanentError, Transports

logger = logging.getLogger(__name__)


def due(now):
    return Q(status=Status.QUEUED, next_attempt_at__lte=now) | Q(status=Status.SENDING, lease_until__lt=now)


def claim(pk, now=None):
    now = now or timezone.now()
    lease = now + timedelta(seconds=settings.MESSAGING_LEASE_SECONDS)
    claimed = Message.objects.filter(due(now), pk=pk).update(
        status=Status.SENDING, lease_until=lease, attempts=F("attempts") + 1
    )
    return Message.objects.get(pk=pk) if claimed else None


def backoff(attempts):
    return timedelta(seconds=settings.MESSAGING_RETRY_BASE_SECONDS * 2 ** max(0, attempts - 1))


def deliver_batch(ids):
    """Send each message in `ids` that is still due.

    Returns ({status: count}, [(id, retry at)]) : what it did, and the messages to try again later.
    """
    done, retries = {}, []
    transports = Transports()
    try:
        for pk in ids:
            status, retry_at = deliver_one(pk, transports)
            if status:
                done[status] = done.get(status, 0) + 1
            if retry_at:
                retries.append((pk, retry_at))
    finally:
        transports.close()
    return done, retries


def deliver_one(pk, transports):
    message = claim(pk)
    if message is None:
        return None, None  # sent, or being sent, by someone else, or not due yet
    mine = Message.objects.filter(pk=pk, status=Status.SENDING, lease_until=message.lease_until)
    if Suppression.objects.filter(address_hash__in=address_hashes(message.to)).exists():
        mine.update(status=Status.SUPPRESSED, lease_until=None)
        return Status.SUPPRESSED, None
    try:
        transports.for_channel(message.channel).send(message)
    except Exception as error:  # noqa: BLE001 - every failure is recorded on the row
        return _failed(message, mine, error)
    mine.update(status=Status.SENT, sent_at=timezone.now(), lease_until=None, last_error="")
    return Status.SENT, None


def _failed(message, mine, error):
    text = f"{type(error).__name__}: {error}"[:2000]
    if isinstance(error, PermanentError) or message.attempts >= settings.MESSAGING_MAX_ATTEMPTS:
        logger.warning("Message %s failed for good after %s attempts: %s", message.pk, message.attempts, text)
        mine.update(status=Status.FAILED, lease_until=None, last_error=text)
        return Status.FAILED, None
    retry_at = timezone.now() + backoff(message.attempts)
    logger.info(
        "Message %s failed (attempt %s), retrying at %s: %s", message.pk, message.attempts, retry_at, text
    )
    mine.update(status=Status.QUEUED, next_attempt_at=retry_at, lease_until=None, last_error=text)
    return Status.QUEUED, retry_at
