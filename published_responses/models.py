"""What staff decided about each consented response, and the set of them signed off for the public.

A `ModeratedResponse` is one response whose author said it may be published: staff publish or
decline it, and may redact spans of its free text. Its `texts` are a copy, with the redactions
applied; the response itself keeps the original answers for analysis. A `ResponsePublication` is a
snippet, one per opportunity, under the Editorial review workflow: each revision holds the
published responses as they stood when the revision was made (`entries`), and only its live
revision, approved by the workflow, is ever shown (published_responses/listing.py).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from published_responses.approval import approval_problems
from published_responses.exceptions import PublicationNotApproved

REDACTED = "[redacted]"


class Decision(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    PUBLISHED = "published", "Publish"
    DECLINED = "declined", "Declined"


class ModeratedResponse(models.Model):
    """Staff's decision on one consented response and the copy of its text to publish."""

    response = models.OneToOneField(
        "questionnaires.Response", on_delete=models.CASCADE, related_name="moderation"
    )
    opportunity = models.ForeignKey("pages.OpportunityPage", on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(max_length=12, choices=Decision.choices, default=Decision.PENDING)
    # [{"key": question key, "label": question, "text": the answer with redactions applied}]
    texts = models.JSONField(default=list, blank=True)
    # The name to show ("with my name"), empty to publish anonymously.
    name = models.CharField(max_length=500, blank=True)
    redactions = models.PositiveIntegerField(default=0)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["opportunity", "decision"])]

    def __str__(self):
        return f"Moderation of {self.response_id}"

    def entry(self):
        """What a publication's revision holds for this response."""
        return {"response": self.response_id, "name": self.name, "texts": list(self.texts)}

    def cached_page(self):
        """Declining or redacting hides a published response at once (public_site/cache_signals.py)."""
        return self.opportunity


class ResponsePublication(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """The published responses of one opportunity, signed off through Editorial review."""

    opportunity = models.OneToOneField(
        "pages.OpportunityPage", on_delete=models.CASCADE, related_name="response_publication"
    )
    title = models.CharField(max_length=255)
    introduction = models.TextField(
        blank=True,
        help_text="Optional: one or two sentences shown above the published responses.",
    )
    # Filled from the moderation queue, never typed in the editor: see the module's docstring.
    entries = models.JSONField(default=list, blank=True, editable=False)

    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="response_publication",
        for_concrete_model=False,
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="response_publication",
        for_concrete_model=False,
    )

    # The entries are what the Editorial review approves, though nobody types them in the editor.
    signed_off_extra_fields = ("entries",)

    panels = [
        HelpPanel(
            content="The responses in this publication come from the moderation queue "
            "(Responses to publish, on the opportunity). Submit it to Editorial review: only an "
            "approved version is shown to the public."
        ),
        FieldPanel("title"),
        FieldPanel("introduction"),
    ]

    class Meta:
        verbose_name = "published responses"
        verbose_name_plural = "published responses"

    def __str__(self):
        return self.title

    def cached_page(self):
        """The opportunity page links to its published responses (public_site/cache_signals.py)."""
        return self.opportunity

    def publish(self, revision, *args, **kwargs):
        """Go live only with a revision the Editorial review workflow approved, on every route."""
        if problems := approval_problems(self, revision):
            raise PublicationNotApproved(" ".join(problems))
        return super().publish(revision, *args, **kwargs)
