"""What the Engagement team adds to responses while analysing them.

A Theme belongs to an opportunity's coding frame; staff add themes as they read. A Coding puts one
theme on one free-text answer (a response and a question key); the unique constraint means a
double submit or two people tagging at once never counts an answer twice for a theme. A Quote marks
an answer for use, optionally trimmed to an excerpt. A Note is an analyst's remark on a response.
A Cluster is a group of near-identical answers found by analysis/similar.py, waiting for a person
to decide whether it is a campaign, duplicates, or neither. Every change goes through
analysis/coding.py, which writes Wagtail's audit log.
"""

from django.conf import settings
from django.db import models


class Theme(models.Model):
    """A theme in an opportunity's coding frame, listed in the coding view and the theme counts."""

    opportunity = models.ForeignKey("pages.OpportunityPage", on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "name"], name="analysis_theme_unique_name")
        ]

    def __str__(self):
        return self.name


class Coding(models.Model):
    """One theme on one free-text answer (a response's answer to the question `question_key`)."""

    response = models.ForeignKey("questionnaires.Response", on_delete=models.CASCADE, related_name="codings")
    question_key = models.CharField(max_length=60)
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="codings")
    coded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    coded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question_key", "theme"], name="analysis_coding_once_per_theme"
            )
        ]

    def __str__(self):
        return f"{self.theme} on {self.question_key}"


class Quote(models.Model):
    """A free-text answer marked for use in a report or an outcome, optionally trimmed."""

    response = models.ForeignKey("questionnaires.Response", on_delete=models.CASCADE, related_name="quotes")
    question_key = models.CharField(max_length=60)
    excerpt = models.TextField(blank=True, help_text="Leave blank to use the whole answer.")
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question_key"], name="analysis_quote_once_per_answer"
            )
        ]

    def __str__(self):
        return f"Quote from {self.question_key}"


class Note(models.Model):
    """An analyst's note on a response, shown on the response's analysis page."""

    response = models.ForeignKey(
        "questionnaires.Response", on_delete=models.CASCADE, related_name="analyst_notes"
    )
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Note on {self.response_id}"


class Decision(models.TextChoices):
    PENDING = "pending", "Not decided yet"
    CAMPAIGN = "campaign", "Campaign: kept, counted and grouped"
    DUPLICATE = "duplicate", "Duplicates: all but the first marked duplicate"
    NOT_DUPLICATE = "not_duplicate", "Not duplicates"


class Cluster(models.Model):
    """Near-identical answers to one question, found by analysis/similar.py, for a person to decide."""

    opportunity = models.ForeignKey(
        "pages.OpportunityPage", on_delete=models.CASCADE, related_name="similar_clusters"
    )
    question_key = models.CharField(max_length=60)
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    found_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question_key", "pk"]

    def __str__(self):
        return f"Similar answers to {self.question_key}"


class ClusterMember(models.Model):
    """One response in a cluster, with how similar its answer is to the cluster's first (0–100)."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="members")
    response = models.ForeignKey("questionnaires.Response", on_delete=models.CASCADE, related_name="+")
    similarity = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["response__submitted_at", "response_id"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "response"], name="analysis_cluster_member_once")
        ]

    def __str__(self):
        return f"{self.response_id} in {self.cluster_id}"
