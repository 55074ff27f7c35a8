"""The review stages: Wagtail task types for consultation sign-off and for editorial review.

`SignOffTask` carries everything the stages share, and each stage is a few declarative lines: which
categories it applies to, and whether its approvers may correct the plan while they review it.
What every decision must satisfy (four eyes, one stage per person, a comment, the content that
earlier stages approved, the plan's guards) lives in `refusal` and `on_action`, so the edit form,
the approval dialog and the review page all go through the same rules.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask, TaskState

from workflows.decision_forms import SignOffDecisionForm
from workflows.exceptions import AlreadyDecided, SignOffRefused
from workflows.fingerprint import fingerprint
from workflows.models.decisions import Decision, SignOffDecision, first_gaps, record_decision
from workflows.models.runs import latest_object, latest_revision, restart_if_changed
from workflows.plan_rules import Category

DECISIONS = {"approve": Decision.APPROVED, "reject": Decision.REJECTED}


class SignOffTask(AbstractGroupApprovalTask):
    """A review stage decided by one group, with a comment, by someone who did not write what they
    approve. Subclasses say which plan categories need them."""

    stage = ""
    categories = frozenset({Category.A, Category.B, Category.C})
    # Whether the stage's approvers may change the page while it waits for them. Anyone else
    # (its editors, the later stages) must request changes instead.
    edit_while_waiting = False

    class Meta:
        abstract = True

    # What each stage knows --------------------------------------------------

    def skip_reason(self, obj):
        """Why this stage does not apply to `obj`, or None when it does."""
        if not hasattr(obj, "signoff_category"):
            return None
        category = obj.signoff_category
        if category in self.categories:
            return None
        needed = " and ".join(sorted(self.categories))
        return f"Not needed: {self.name} applies to category {needed} plans; this one is category {category}."

    def approval_problems(self, obj):
        """The guards this stage checks before approving; the plan's own, where it has one."""
        problems = getattr(obj, "approval_problems", None)
        return [message for _field, message in problems()] if problems else []

    def earlier_stages(self, workflow_state):
        """The stages before this one in the workflow that the plan's category needs."""
        obj = latest_object(workflow_state)
        earlier = []
        for task in workflow_state.workflow.tasks.filter(active=True).specific():
            if task.pk == self.pk:
                break
            if isinstance(task, SignOffTask) and task.skip_reason(obj) is None:
                earlier.append(task)
        return earlier

    def refusal(self, user, workflow_state, action, revision=None):
        """Why `user` may not take `action` ("approve" or "reject") at this stage now, or None."""
        in_group = self._user_in_groups(user)
        if action == "approve" and not in_group:
            return f"Only the {self.name} approvers can approve this stage."
        if action == "reject" and not (in_group or user.is_superuser):
            return f"Only the {self.name} approvers can decide this stage."
        if workflow_state is not None and workflow_state.requested_by_id == user.pk:
            return f"You submitted this, so another {self.name} approver must decide this stage."
        if action != "approve" or workflow_state is None:
            return None
        revision = revision or latest_revision(workflow_state)
        if revision is not None and revision.user_id == user.pk:
            return f"You made the latest changes, so another {self.name} approver must approve them."
        other = (
            SignOffDecision.objects.filter(
                workflow_state=workflow_state, decision=Decision.APPROVED, user=user
            )
            .exclude(stage=self.stage)
            .first()
        )
        if other is not None:
            return (
                f"You approved {other.stage_name} of this plan, and one person approves one stage: "
                f"another {self.name} approver must decide this one."
            )
        return None

    # Wagtail task API ---------------------------------------------------------

    def start(self, workflow_state, user=None):
        if restarted := restart_if_changed(workflow_state, user=user):
            return restarted
        obj = latest_object(workflow_state)
        if reason := self.skip_reason(obj):
            return self.skip(workflow_state, obj, reason, user=user)
        return super().start(workflow_state, user=user)

    def skip(self, workflow_state, obj, reason, user=None):
        """Mark this stage skipped, write the skip to the page history and the sign-off log."""
        task_state = TaskState(workflow_state=workflow_state, task=self)
        task_state.revision = latest_revision(workflow_state)
        task_state.status = TaskState.STATUS_SKIPPED
        task_state.finished_at = timezone.now()
        task_state.comment = reason
        task_state.save()
        self.record(task_state, obj, Decision.SKIPPED, comment=reason)
        log(
            instance=obj,
            action="workflows.stage_skipped",
            user=user,
            revision=task_state.revision,
            data={"stage": self.name, "reason": reason, "category": getattr(obj, "category", "")},
        )
        return task_state

    def record(self, task_state, obj, decision, user=None, comment=""):
        return record_decision(
            task_state.workflow_state,
            obj,
            decision,
            stage=self.stage,
            stage_name=self.name,
            user=user,
            comment=comment,
            task_state=task_state,
            revision=task_state.revision,
            content_hash=fingerprint(task_state.revision),
        )

    def locked_for_user(self, obj, user):
        if user.is_superuser:
            return False
        return not (self.edit_while_waiting and self._user_in_groups(user))

    def user_can_lock(self, obj, user):
        return self.edit_while_waiting and self._user_in_groups(user)

    def get_actions(self, obj, user):
        workflow_state = getattr(obj, "current_workflow_state", None)
        actions = []
        if self.refusal(user, workflow_state, "reject") is None:
            actions.append(("reject", "Request changes", True))
        if self.refusal(user, workflow_state, "approve") is None:
            actions.append(("approve", "Approve", True))
        return actions

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self._user_in_groups(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    def get_form_for_action(self, action):
        return SignOffDecisionForm

    def get_template_for_action(self, action):
        return "workflows/signoff_action_modal.html"

    @transaction.atomic
    def on_action(self, task_state, user, action_name, comment="", revision=None, **kwargs):
        """Take the decision once, on the content the approver saw; return where to go next.

        `revision` is the id of the revision the approver was shown, when the route knows it: a
        decision on anything else is refused. The stage's row is locked first, so two approvers
        acting at once, or one request sent twice, decide once.
        """
        if action_name not in DECISIONS:
            return None
        current = TaskState.objects.select_for_update().select_related("workflow_state").get(pk=task_state.pk)
        workflow_state = current.workflow_state
        page_id = workflow_state.object_id
        if current.status != TaskState.STATUS_IN_PROGRESS:
            raise AlreadyDecided(self, current, page_id)
        revision_now = latest_revision(workflow_state)
        if revision is not None and str(revision) != str(revision_now.pk):
            raise SignOffRefused(
                "The page has changed since you opened it. Look at the new version before you decide.",
                page_id,
            )
        comment = (comment or "").strip()
        if not comment:
            raise SignOffRefused("Every sign-off decision needs a comment explaining it.", page_id)
        if refusal := self.refusal(user, workflow_state, action_name, revision_now):
            raise SignOffRefused(refusal, page_id)
        obj = revision_now.as_object()
        if action_name == "approve":
            if problems := self.approval_problems(obj):
                raise SignOffRefused(f"{self.name} cannot be approved yet: {' '.join(problems)}", page_id)
            self.check_earlier_approvals(workflow_state, revision_now, page_id)
        # The decision is about the revision the approver saw: Wagtail's history says so too.
        current.revision = revision_now
        current.save(update_fields=["revision"])
        decision = self.record(current, obj, DECISIONS[action_name], user=user, comment=comment)
        if action_name == "approve":
            current.approve(user=user, comment=comment)
        else:
            current.reject(user=user, comment=comment)
        return reverse("signoff_decided", args=[decision.pk])

    def check_earlier_approvals(self, workflow_state, revision, page_id):
        """Refuse unless each earlier stage approved exactly this content, each by another person."""
        content_hash = fingerprint(revision)
        approvals = SignOffDecision.objects.filter(
            workflow_state=workflow_state, decision=Decision.APPROVED, content_hash=content_hash
        )
        if gaps := first_gaps(list(approvals), self.earlier_stages(workflow_state)):
            names = ", ".join(stage.name for stage in gaps)
            raise SignOffRefused(
                f"This content has not been approved at {names}: sign-off must start again from the "
                "first stage.",
                page_id,
            )

    @classmethod
    def get_description(cls):
        return cls.__doc__.splitlines()[0] if cls.__doc__ else ""


class EngagementReviewTask(SignOffTask):
    """Engagement team review: every plan; its approvers may correct the plan and its category."""

    stage = "engagement_review"
    edit_while_waiting = True

    class Meta:
        verbose_name = "engagement team review"


class EqualityImpactTask(SignOffTask):
    """Equality impact check: category B and C; the equality impact assessment must be complete."""

    stage = "equality_check"
    categories = frozenset({Category.B, Category.C})

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

    class Meta:
        verbose_name = "Governing Body sign-off"


class EditorialReviewTask(SignOffTask):
    """Editorial review of strategy, "You said, We did" and standard pages, by the Engagement team."""

    stage = "editorial_review"
    edit_while_waiting = True

    class Meta:
        verbose_name = "editorial review"


SIGNOFF_TASK_TYPES = [
    EngagementReviewTask,
    EqualityImpactTask,
    ClinicalLeadTask,
    LayMemberTask,
    GoverningBodyTask,
]
REVIEW_TASK_TYPES = [*SIGNOFF_TASK_TYPES, EditorialReviewTask]


def required_stages(category):
    """The consultation sign-off stages (task classes, in order) that a plan of `category` needs."""
    return [stage for stage in SIGNOFF_TASK_TYPES if category in stage.categories]
