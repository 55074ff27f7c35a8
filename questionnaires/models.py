"""Responses to an opportunity's questionnaire, and the drafts people save to come back to.

A Response keeps the answers as {question key: value} (questionnaires/questions.py says what each
type's value is), the revision of the page that was answered, the channel, and what is needed to
spot a duplicate without keeping an address: keyed hashes (core/hashing.py). A Draft is held on
the server under an unguessable key; it gives at most one response (Response.draft is unique).
Store responses only through questionnaires/recording.py `record_response`.
"""

from django.conf import settings
from django.db import models


class Channel(models.TextChoices):
    ONLINE = "online", "Online"
    PAPER = "paper", "Paper"
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    EVENT = "event", "Event"


class ResponseStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    LATE_ACCEPTED = "late_accepted", "Late, accepted"
    DUPLICATE = "duplicate", "Duplicate"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Draft(models.Model):
    opportunity = models.ForeignKey("pages.OpportunityPage", on_delete=models.CASCADE, related_name="drafts")
    key = models.CharField(max_length=64, unique=True, editable=False)
    answers = models.JSONField(default=dict, blank=True)
    about_you = models.JSONField(default=dict, blank=True)
    email = models.EmailField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self):
        return f"Draft for {self.opportunity_id}"


class Response(models.Model):
    opportunity = models.ForeignKey(
        "pages.OpportunityPage", on_delete=models.PROTECT, related_name="responses"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The version of the questions that was answered.",
    )
    reference = models.CharField(max_length=12, unique=True, editable=False)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField()
    late = models.BooleanField(default=False, help_text="Submitted after the end of the closing day.")
    status = models.CharField(max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.RECEIVED)
    likely_duplicate = models.BooleanField(default=False)
    answers = models.JSONField(default=dict, blank=True)
    about_you = models.JSONField(default=dict, blank=True)
    consent_version = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True, help_text="Given for a receipt or to save and come back.")
    answers_hash = models.CharField(max_length=64, editable=False)
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    draft = models.OneToOneField(
        Draft, on_delete=models.SET_NULL, null=True, blank=True, related_name="response"
    )
    redacted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["opportunity", "submitted_at"]),
            models.Index(fields=["opportunity", "channel"]),
        ]

    def __str__(self):
        return self.reference

    def cached_page(self):
        """The opportunity whose public page shows how many responded (public_site/cache_signals.py)."""
        return self.opportunity
