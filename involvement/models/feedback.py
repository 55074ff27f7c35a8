"""'Share your experience': what members of the public tell us, and how staff triage it."""

from django.db import models
from django.utils import timezone

from pages.models.snippets import Vocabulary


class FeedbackKind(models.TextChoices):
    COMPLIMENT = "compliment", "Compliment"
    COMMENT = "comment", "Comment"
    CONCERN = "concern", "Concern"
    SUGGESTION = "suggestion", "Suggestion"


class FeedbackStatus(models.TextChoices):
    NEW = "new", "New"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    CLOSED = "closed", "Closed"


class FeedbackTheme(Vocabulary):
    """A theme staff give feedback when triaging it (access, waiting times…); counted in the report.

    Seeded by a data migration; the Engagement team can add more under Involvement > Feedback themes.
    """

    class Meta(Vocabulary.Meta):
        verbose_name = "feedback theme"


class Feedback(models.Model):
    """One experience shared through the public form (FeedbackPage); triaged in the admin only.

    Never shown on a public page, feed, search result or API response.
    """

    kind = models.CharField(max_length=20, choices=FeedbackKind.choices)
    service = models.CharField("service it is about", max_length=200)
    topic = models.ForeignKey(
        "pages.Topic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
        help_text="The service area, if the person chose one.",
    )
    experience = models.TextField(max_length=5000)
    name = models.CharField(max_length=150, blank=True)
    email = models.EmailField("email address", max_length=254, blank=True)
    phone = models.CharField("phone number", max_length=30, blank=True)
    consent_to_contact = models.BooleanField(
        "may be contacted",
        default=False,
        help_text="Only contact the person if this is ticked. Their details are not kept otherwise.",
    )
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(
        max_length=20,
        choices=FeedbackStatus.choices,
        default=FeedbackStatus.NEW,
        db_index=True,
        help_text="Acknowledged: someone has read it and, where asked, replied. Closed: nothing more to do.",
    )
    theme = models.ForeignKey(
        FeedbackTheme,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
        help_text="The main thing it is about. Used to count feedback by theme in the annual report.",
    )
    staff_notes = models.TextField(
        blank=True,
        max_length=5000,
        help_text="For the team only: what was done, who was told. Never shown to the public.",
    )

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = "feedback"
        verbose_name_plural = "feedback"

    def __str__(self):
        # No personal data or free text: this label is copied into admin log entries.
        return f"{self.get_kind_display()} {self.pk}" if self.pk else "New feedback"
