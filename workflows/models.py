"""Stakeholder rows, the sign-off stages (Wagtail task types) and the sign-off log."""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask, Orderable, TaskState

from workflows.exceptions import SignOffRefused
from workflows.plan import Category, EIAStatus

HIGH, LOW = "high", "low"
LEVEL_CHOICES = [(HIGH, "High"), (LOW, "Low")]

APPROACHES = {
    (HIGH, HIGH): "Manage closely",
    (HIGH, LOW): "Keep satisfied",
    (LOW, HIGH): "Keep informed",
    (LOW, LOW): "Monitor",
}


class StakeholderRow(Orderable):
    """One stakeholder group in a consultation plan, rated for influence and interest."""

    page = ParentalKey("pages.OpportunityPage", on_delete=models.CASCADE, related_name="stakeholders")
    group = models.CharField("stakeholder group", max_length=200)
    influence = models.CharField(max_length=4, choices=LEVEL_CHOICES, default=LOW)
    interest = models.CharField(max_length=4, choices=LEVEL_CHOICES, default=HIGH)

    panels = [FieldPanel("group"), FieldRowPanel([FieldPanel("influence"), FieldPanel("interest")])]

    def __str__(self):
        return f"{self.group} ({self.approach})"

    @property
    def approach(self):
        return APPROACHES[(self.influence, self.interest)]


def stakeholder_grid(rows):
    """[(influence label, [cell, cell])] with high influence on top and interest left to right."""
    grid = []
    for influence in (HIGH, LOW):
        cells = []
        for interest in (LOW, HIGH):
            groups = [r.group for r in rows if r.influence == influence and r.interest == interest]
            cells.append({"approach": APPROACHES[(influence, interest)], "groups": groups})
        grid.append((f"{influence.capitalize()} influence", cells))
    return grid


class Decision(models.TextChoices):
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Changes requested"
    SKIPPED = "skipped", "Skipped"


class SignOffDecision(models.Model):
    """One stage decision on one plan: the evidence trail for the annual report.

    Names and titles are copied so the record survives users and pages being removed.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="signoff_decisions"
    )
    page_title = models.CharField(max_length=255)
    task_state = models.OneToOneField(
        TaskState, null=True, on_delete=models.SET_NULL, related_name="signoff_decision"
    )
    workflow_state = models.ForeignKey(
        "wagtailcore.WorkflowState", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    stage = models.CharField(max_length=40)
    stage_name = models.CharField(max_length=255)
    category = models.CharField(max_length=1, choices=Category.choices, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_name = models.CharField("approver", max_length=255, blank=True)
    comment = models.TextField(blank=True)
    decided_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = "sign-off decision"
        permissions = [("view_signoff_log", "Can view the sign-off log")]

    def __str__(self):
        return f"{self.page_title}: {self.stage_name} {self.get_decision_display().lower()}"


def record_decision(task_state, page, decision, user=None, comment=""):
    task = task_state.task.specific
    return SignOffDecision.objects.create(
        page_id=page.pk,
        page_title=page.title[:255],
        task_state=task_state,
        workflow_state=task_state.workflow_state,
        stage=getattr(task, "stage", "review"),
        stage_name=task.name,
        category=getattr(page, "category", "") or "",
        decision=decision,
        user=user,
        user_name=(user.get_full_name() or user.get_username()) if user else "",
        comment=comment,
    )


def latest_object(workflow_state):
    """The specific page (or object) as it stands in its latest revision."""
    obj = workflow_state.content_object
    return obj.get_latest_revision_as_object() if hasattr(obj, "get_latest_revision_as_object") else obj


class SignOffTask(AbstractGroupApprovalTask):
    """A consultation sign-off stage: skips itself when the plan's category does not need it,
    refuses approval while its condition is unmet, and needs a comment for every decision."""

    stage = ""
    categories = frozenset()

    class Meta:
        abstract = True

    # What each stage knows --------------------------------------------------

    def skip_reason(self, obj):
        """Why this stage does not apply to `obj`, or None when it does."""
        category = getattr(obj, "signoff_category", Category.A)
        if category in self.categories:
            return None
        needed = " and ".join(sorted(self.categories))
        return f"Not needed: {self.name} applies to category {needed} plans; this one is category {category}."

    def approval_blocker(self, obj):
        """Why this stage may not be approved yet, or None."""
        return None

    # Wagtail task API ---------------------------------------------------------

    def start(self, workflow_state, user=None):
        obj = latest_object(workflow_state)
        if reason := self.skip_reason(obj):
            return self.skip(workflow_state, obj, reason, user=user)
        return super().start(workflow_state, user=user)

    def skip(self, workflow_state, obj, reason, user=None, task_state=None):
        """Mark this stage skipped, write the skip to the page history and the sign-off log."""
        if task_state is None:
            task_state = TaskState(workflow_state=workflow_state, task=self)
            task_state.revision = workflow_state.content_object.get_latest_revision()
        task_state.status = TaskState.STATUS_SKIPPED
        task_state.finished_at = timezone.now()
        task_state.comment = reason
        task_state.save()
        record_decision(task_state, obj, Decision.SKIPPED, comment=reason)
        log(
            instance=obj,
            action="workflows.stage_skipped",
            user=user,
            revision=task_state.revision,
            data={"stage": self.name, "reason": reason, "category": getattr(obj, "category", "")},
        )
        return task_state

    def may_decide(self, user, workflow_state):
        """Whether `user` may decide this stage: one of its approvers, and not the person who
        submitted the plan (four eyes). Superusers may always decide."""
        if user.is_superuser:
            return True
        if not self._user_in_groups(user):
            return False
        return workflow_state is None or workflow_state.requested_by_id != user.pk

    def get_actions(self, obj, user):
        if self.may_decide(user, getattr(obj, "current_workflow_state", None)):
            return [("reject", "Request changes", True), ("approve", "Approve", True)]
        return []

    def get_form_for_action(self, action):
        from workflows.forms import SignOffDecisionForm

        return SignOffDecisionForm

    def get_template_for_action(self, action):
        return "workflows/signoff_action_modal.html"

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        obj = latest_object(task_state.workflow_state)
        if action_name not in ("approve", "reject"):
            return None
        if not (user.is_superuser or self._user_in_groups(user)):
            raise SignOffRefused(f"Only the {self.name} approvers can decide this stage.", obj.pk)
        if not self.may_decide(user, task_state.workflow_state):
            raise SignOffRefused(
                f"You submitted this plan, so another {self.name} approver must decide this stage.", obj.pk
            )
        # Lock the stage so two approvers acting at once produce one decision.
        current = TaskState.objects.select_for_update().get(pk=task_state.pk)
        if current.status != TaskState.STATUS_IN_PROGRESS:
            raise SignOffRefused(
                f"{self.name} has already been decided ({current.get_status_display().lower()}).", obj.pk
            )
        comment = (kwargs.get("comment") or "").strip()
        if not comment:
            raise SignOffRefused("Every sign-off decision needs a comment explaining it.", obj.pk)
        if action_name == "approve" and (blocker := self.approval_blocker(obj)):
            raise SignOffRefused(f"{self.name} cannot be approved yet: {blocker}", obj.pk)
        decision = Decision.APPROVED if action_name == "approve" else Decision.REJECTED
        record_decision(current, obj, decision, user=user, comment=comment)
        if action_name == "approve":
            current.approve(user=user, comment=comment)
        else:
            current.reject(user=user, comment=comment)
        return None

    @classmethod
    def get_description(cls):
        return cls.__doc__.splitlines()[0] if cls.__doc__ else ""


class EngagementReviewTask(SignOffTask):
    """Engagement team review: every plan; the public summary and how to take part must be written."""

    stage = "engagement_review"
    categories = frozenset({Category.A, Category.B, Category.C})

    def approval_blocker(self, obj):
        problems = [
            message
            for field, message in getattr(obj, "submission_problems", list)()
            if field in ("summary", "how_to_take_part")
        ]
        return " ".join(problems) or None

    class Meta:
        verbose_name = "engagement team review"


class EqualityImpactTask(SignOffTask):
    """Equality impact check: category B and C; the equality impact assessment must be complete."""

    stage = "equality_check"
    categories = frozenset({Category.B, Category.C})

    def approval_blocker(self, obj):
        if getattr(obj, "eia_status", "") != EIAStatus.COMPLETE:
            return "the equality impact assessment is not complete."
        return None

    class Meta:
        verbose_name = "equality impact check"


class ClinicalLeadTask(SignOffTask):
    """Clinical lead sign-off: category B and C plans."""

    stage = "clinical_signoff"
    categories = frozenset({Category.B, Category.C})

    class Meta:
        verbose_name = "clinical lead sign-off"


class LayMemberTask(SignOffTask):
    """Lay member (PPI) review: category C plans."""

    stage = "lay_review"
    categories = frozenset({Category.C})

    class Meta:
        verbose_name = "lay member (PPI) review"


class GoverningBodyTask(SignOffTask):
    """Governing Body sign-off: category C; the Overview and Scrutiny Committee must have been notified."""

    stage = "governing_body"
    categories = frozenset({Category.C})

    def approval_blocker(self, obj):
        if not getattr(obj, "osc_notified_on", None):
            return "record the date the Overview and Scrutiny Committee was notified."
        return None

    class Meta:
        verbose_name = "Governing Body sign-off"


SIGNOFF_TASK_TYPES = [
    EngagementReviewTask,
    EqualityImpactTask,
    ClinicalLeadTask,
    LayMemberTask,
    GoverningBodyTask,
]
