"""The outbox's rows, the suppression list and the record of single-use links already used."""

import uuid

from django.db import models
from django.utils import timezone


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"
    LETTER = "letter", "Letter"


class Status(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SUPPRESSED = "suppressed", "Suppressed"


class Message(models.Model):
    """One message to one recipient, from the moment it is asked for until it is sent or given up.

    The worker claims a row (queued -> sending, with a lease until `lease_until`), sends it and
    marks it sent; see messaging/delivery.py. `uuid` makes the Message-ID, so a resend after a
    crash carries the same one.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    to = models.TextField(help_text="Email address, phone number or postal address.")
    from_email = models.CharField(max_length=254, blank=True)
    subject = models.CharField(max_length=998, blank=True)
    text = models.TextField(blank=True)
    html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    # Text files sent with an email, such as a calendar file: [{"filename", "content", "mimetype"}].
    attachments = models.JSONField(default=list, blank=True)
    purpose = models.SlugField(max_length=40)
    dedupe_key = models.CharField(max_length=255, unique=True, null=True, blank=True)
    subject_ref = models.CharField(max_length=100, blank=True, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="messaging_due"),
            models.Index(fields=["purpose", "status"], name="messaging_purpose"),
        ]

    def __str__(self):
        return f"Message {self.pk} ({self.purpose}, {self.status})"


class Suppression(models.Model):
    """An address the site must never write to again (unsubscribed everywhere, bounced, erased).

    Kept as a keyed hash of the normalised address (core/hashing.py), so the list holds no address.
    """

    address_hash = models.CharField(max_length=64, unique=True)
    reason = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Suppressed ({self.reason})"


class UsedToken(models.Model):
    """A single-use link that has been used: the hash of its token, so it cannot be used again."""

    token_hash = models.CharField(max_length=64, unique=True)
    purpose = models.SlugField(max_length=40)
    used_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Used {self.purpose} link"
