"""The sign-off log: one append-only row for each decision taken on a plan."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.models import Page, TaskState

from workflows.plan_rules import Category


class Decision(models.TextChoices):
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Changes requested"
    SKIPPED = "skipped", "Skipped"
    RECATEGORISED = "recategorised", "Category changed"
    RESTARTED = "restarted", "Sign-off restarted"
    CANCELLED = "cancelled", "Sign-off cancelled"


class EvidenceIsPermanent(Exception):
    """Raised on any attempt to change or delete a sign-off log row."""


class SignOffDecision(models.Model):
    """One decision on one plan: the evidence trail for the annual report on the duty to involve.

    Rows are only ever added. Names and titles are copied, and the revision is kept by its id, so
    a row still says who decided what about which content after users, pages or revisions are
    removed; `content_hash` is the fingerprint (workflows/fingerprint.py) of the revision decided.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="signoff_decisions"
    )
    page_title = models.CharField(max_length=255)
    task_state = models.ForeignKey(
        TaskState, null=True, blank=True, on_delete=models.SET_NULL, related_name="signoff_decisions"
    )
    workflow_state = models.ForeignKey(
        "wagtailcore.WorkflowState", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept by id even if the revision is deleted later: the row must go on naming it.
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    content_hash = models.CharField("content fingerprint", max_length=64, blank=True, db_index=True)
    stage = models.CharField(max_length=40)
    stage_name = models.CharField(max_length=255)
    category = models.CharField(max_length=1, choices=Category.choices, blank=True)
    decision = models.CharField(max_length=16, choices=Decision.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_name = models.CharField("decided by", max_length=255, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by_name = models.CharField("submitted by", max_length=255, blank=True)
    comment = models.TextField(blank=True)
    decided_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = "sign-off decision"
        permissions = [("view_signoff_log", "Can view the sign-off log")]

    def __str__(self):
        return f"{self.page_title}: {self.stage_name} {self.get_decision_display().lower()}"

    @property
    def decided_at_local(self):
        """When, in the organisation's time, to the minute: how the log is read and exported."""
        return timezone.localtime(self.decided_at).strftime("%Y-%m-%d %H:%M")

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise EvidenceIsPermanent("Sign-off decisions are evidence: they are never changed.")
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise EvidenceIsPermanent("Sign-off decisions are evidence: they are never deleted.")


def display_name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def record_decision(workflow_state, page, decision, *, stage, stage_name, user=None, comment="", **extra):
    """Add a row to the sign-off log about `page` (the specific page as its revision stands, or a
    snippet under review, which the row names by its title only: `page` stays empty)."""
    submitter = workflow_state.requested_by if workflow_state else None
    return SignOffDecision.objects.create(
        page_id=page.pk if isinstance(page, Page) else None,
        page_title=page.title[:255],
        workflow_state=workflow_state,
        stage=stage,
        stage_name=stage_name,
        category=getattr(page, "category", "") or "",
        decision=decision,
        user=user,
        user_name=display_name(user),
        submitted_by=submitter,
        submitted_by_name=display_name(submitter),
        comment=comment,
        **extra,
    )


def first_gaps(decisions, stages):
    """The stages of `stages` (task classes, in order) not covered by `decisions`, approvals from one
    sign-off run: each stage needs an approval by someone who did not submit the plan and approved
    no other of these stages."""
    by_stage = {}
    for decision in decisions:
        by_stage.setdefault(decision.stage, decision)
    gaps, people = [], set()
    for stage in stages:
        decision = by_stage.get(stage.stage)
        if (
            decision is None
            or decision.user_id is None
            or decision.user_id == decision.submitted_by_id
            or decision.user_id in people
        ):
            gaps.append(stage)
            continue
        people.add(decision.user_id)
    return gaps


def missing_approvals(page_id, content_hash, stages):
    """The stages of `stages` that still lack an approval of the content `content_hash` in the
    most complete sign-off run of the page; an empty list means every stage approved it."""
    runs = {}
    approvals = SignOffDecision.objects.filter(
        page_id=page_id, decision=Decision.APPROVED, content_hash=content_hash
    ).order_by("decided_at", "pk")
    for decision in approvals:
        runs.setdefault(decision.workflow_state_id, []).append(decision)
    best = list(stages)
    for decisions in runs.values():
        gaps = first_gaps(decisions, stages)
        if len(gaps) < len(best):
            best = gaps
        if not best:
            break
    return best
