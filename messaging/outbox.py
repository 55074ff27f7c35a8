"""The outbox: the one way the site sends a message to a person.

`send` and `send_many` render each message, store one row per recipient and enqueue its delivery
in the same transaction (messaging/tasks.py); the worker sends it (messaging/delivery.py). Nothing
here talks to a mail server, so a web request that sends mail never waits for one.

A `dedupe_key` makes a message happen once: asking again with the same key returns the row already
stored and sends nothing. An address on the suppression list gets a row with status "suppressed"
and is never sent anything.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import tasks
from .addresses import address_hash, address_hashes
from .models import Channel, Message, Status, Suppression
from .rendering import render

UNSUBSCRIBE_POST = "List-Unsubscribe=One-Click"


@dataclass
class Recipient:
    """One person a batch goes to, with what is particular to them."""

    to: str
    name: str = ""
    context: dict = field(default_factory=dict)
    dedupe_key: str | None = None
    subject_ref: str = ""
    unsubscribe_url: str | None = None
    channel: str = Channel.EMAIL
    attachments: list = field(default_factory=list)


def attachment(filename, content, mimetype):
    """A text file to send with an email (outbox.send(attachments=[…])); texts and letters carry none."""
    return {"filename": str(filename), "content": str(content), "mimetype": str(mimetype)}


def bulk_headers(unsubscribe_url):
    """RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" to the URL."""
    if not unsubscribe_url:
        return {}
    return {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": UNSUBSCRIBE_POST}


def send(
    *,
    to,
    template,
    context,
    purpose,
    channel=Channel.EMAIL,
    dedupe_key=None,
    subject_ref="",
    unsubscribe_url=None,
    attachments=(),
):
    """Queue one message to one recipient and return its row (the existing row for a known dedupe_key).

    `attachments` are text files made with `attachment()`, sent with an email only.
    """
    recipient = Recipient(
        to=to,
        dedupe_key=dedupe_key,
        subject_ref=subject_ref,
        unsubscribe_url=unsubscribe_url,
        channel=channel,
        attachments=list(attachments),
    )
    return send_many([recipient], template=template, context=context, purpose=purpose)[0]


def send_many(recipients, *, template, context, purpose, from_email=None):
    """Queue one message per recipient; returns their rows in the recipients' order.

    Works in chunks of MESSAGING_CHUNK_SIZE: per chunk one query for suppressions, one for dedupe
    keys already used, one insert and one task, so the number of queries does not grow with the
    size of a chunk.
    """
    recipients = list(recipients)
    size = max(1, settings.MESSAGING_CHUNK_SIZE)
    rows = []
    for start in range(0, len(recipients), size):
        rows.extend(_send_chunk(recipients[start : start + size], template, context, purpose, from_email))
    return rows


def _build(recipient, template, context, purpose, from_email):
    message_context = {**context, **recipient.context, "name": recipient.name}
    if recipient.unsubscribe_url:
        message_context["unsubscribe_url"] = recipient.unsubscribe_url
    subject, text, html = render(template, message_context)
    return Message(
        channel=recipient.channel,
        to=recipient.to,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        subject=subject,
        text=text,
        html=html if recipient.channel == Channel.EMAIL else "",
        headers=bulk_headers(recipient.unsubscribe_url),
        attachments=recipient.attachments if recipient.channel == Channel.EMAIL else [],
        purpose=purpose,
        dedupe_key=recipient.dedupe_key or None,
        subject_ref=recipient.subject_ref,
    )


def _send_chunk(recipients, template, context, purpose, from_email):
    keys = {r.dedupe_key for r in recipients if r.dedupe_key}
    with transaction.atomic():
        existing = {m.dedupe_key: m for m in Message.objects.filter(dedupe_key__in=keys)} if keys else {}
        # Only render what will be stored: a repeat of a known dedupe key renders nothing.
        fresh, seen = [], set(existing)
        for recipient in recipients:
            if recipient.dedupe_key and recipient.dedupe_key in seen:
                continue
            seen.add(recipient.dedupe_key)
            fresh.append(_build(recipient, template, context, purpose, from_email))
        stored = store(fresh, existing_checked=True)
    by_key = {**existing, **{m.dedupe_key: m for m in stored if m.dedupe_key}}
    unkeyed = iter(m for m in stored if not m.dedupe_key)
    return [by_key[r.dedupe_key] if r.dedupe_key else next(unkeyed) for r in recipients]


def store(messages, *, existing_checked=False):
    """Store prepared (unsaved) messages and queue their delivery, in one transaction.

    Marks those to suppressed addresses as suppressed, skips any whose dedupe key is already stored
    (unless the caller has just checked), and returns the rows it stored.
    """
    messages = list(messages)
    if not messages:
        return []
    with transaction.atomic():
        if not existing_checked:
            keys = {m.dedupe_key for m in messages if m.dedupe_key}
            known = set(Message.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True))
            messages = [m for m in messages if not m.dedupe_key or m.dedupe_key not in known]
        hashes = {m.to: address_hash(m.to) for m in messages}
        suppressed = set(
            Suppression.objects.filter(address_hash__in=set(hashes.values())).values_list(
                "address_hash", flat=True
            )
        )
        for message in messages:
            message.status = Status.SUPPRESSED if hashes[message.to] in suppressed else Status.QUEUED
        try:
            with transaction.atomic():
                created = Message.objects.bulk_create(messages)
        except IntegrityError:
            # Another process stored one of these dedupe keys since we looked: one by one.
            created = [_create_or_get(message) for message in messages]
        tasks.enqueue_delivery([m.pk for m in created if m.status == Status.QUEUED])
    return created


def _create_or_get(message):
    try:
        with transaction.atomic():
            message.save()
        return message
    except IntegrityError:
        return Message.objects.get(dedupe_key=message.dedupe_key)


def is_suppressed(address):
    return Suppression.objects.filter(address_hash__in=address_hashes(address)).exists()


def suppress(address, reason):
    """Never send this address anything again (until `unsuppress`). The worker checks the list again
    before each send, so messages already queued to the address stop too."""
    Suppression.objects.get_or_create(address_hash=address_hash(address), defaults={"reason": reason[:100]})


def unsuppress(address):
    Suppression.objects.filter(address_hash__in=address_hashes(address)).delete()


FORGOTTEN = "(erased)"


def forget(*, subject_ref="", address=""):
    """Erase a person from the outbox: their messages keep purpose, status, dates and counts, and lose
    the address, subject, text, headers, attachments and the reference to the person.

    Returns how many rows."""
    rows = Message.objects.none()
    if subject_ref:
        rows = rows | Message.objects.filter(subject_ref=subject_ref)
    if address:
        rows = rows | Message.objects.filter(to__iexact=address.strip())
    now = timezone.now()
    # A queued message to someone erased is not sent.
    rows.filter(status__in=[Status.QUEUED, Status.SENDING]).update(status=Status.SUPPRESSED, lease_until=None)
    return rows.update(
        to=FORGOTTEN,
        subject="",
        text="",
        html="",
        headers={},
        attachments=[],
        subject_ref="",
        last_error="",
        next_attempt_at=now,
    )
