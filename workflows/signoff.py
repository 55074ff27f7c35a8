"""Sign-off operations that span stages: which workflow a plan follows, restarting a run whose
content changed, category changes, cancelling, and what is waiting for whom."""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import GroupApprovalTask, TaskState, Workflow, WorkflowState

from core import roles
from workflows.exceptions import SignOffRefused
from workflows.fingerprint import fingerprint
from workflows.models import (
    REVIEW_TASK_TYPES,
    SIGNOFF_TASK_TYPES,
    Decision,
    EngagementReviewTask,
    SignOffTask,
    latest_object,
    latest_revision,
    record_decision,
    restart_if_changed,
)


def consultation_workflow():
    """The active Consultation sign-off workflow: the one that starts with the Engagement team
    review. Opportunities follow it wherever they sit in the page tree."""
    content_type = ContentType.objects.get_for_model(EngagementReviewTask)
    return (
        Workflow.objects.filter(active=True, workflow_tasks__task__content_type=content_type)
        .order_by("pk")
        .first()
    )


def after_revision_saved(page, revision, user=None):
    """Keep sign-off true to the content after any revision is saved, by any route."""
    change = getattr(page, "category_change", None)
    workflow_state = page.current_workflow_state
    if change:
        record_category_change(page, revision, workflow_state, user, *change)
        page.category_change = None
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        restart_if_changed(workflow_state, user=user)


def record_category_change(page, revision, workflow_state, user, old, new, reason):
    task_state = workflow_state.current_task_state if workflow_state else None
    task = task_state.task.specific if task_state else None
    comment = f"Category {old or 'not set'} changed to {new or 'not set'}. {reason}".strip()
    record_decision(
        workflow_state,
        page,
        Decision.RECATEGORISED,
        stage=getattr(task, "stage", "plan"),
        stage_name=task.name if task else "Consultation plan",
        user=user,
        comment=comment,
        task_state=task_state,
        revision=revision,
        content_hash=fingerprint(revision),
    )
    log(
        page,
        "workflows.category_changed",
        user=user,
        revision=revision,
        data={"old": old, "new": new, "reason": reason},
    )


def category_is_fixed(page):
    """Whether `page`'s category is settled: once a plan has been submitted, only the Engagement
    team changes it, while the plan waits for their review."""
    return page.pk is not None and page.workflow_states.exists()


def may_change_category(page, user):
    task_state = page.current_workflow_task_state
    task = task_state.task.specific if task_state else None
    return isinstance(task, EngagementReviewTask) and task._user_in_groups(user)


def may_cancel(workflow_state, user):
    """Only the person who submitted it, or the Engagement team, may cancel a review."""
    if workflow_state is None or not workflow_state.is_active:
        return False
    return (
        workflow_state.requested_by_id == user.pk or user.groups.filter(name=roles.ENGAGEMENT_TEAM).exists()
    )


def cancel(workflow_state, user, comment):
    """Cancel a review with a comment, which goes into the page history and the sign-off log."""
    comment = (comment or "").strip()
    page_id = workflow_state.object_id
    if not may_cancel(workflow_state, user):
        raise SignOffRefused(
            "Only the person who submitted it, or the Engagement team, can cancel it.", page_id
        )
    if not comment:
        raise SignOffRefused("Say why you are cancelling: the reason is kept in the sign-off log.", page_id)
    workflow_state.signoff_note = (Decision.CANCELLED, comment)
    workflow_state.cancel(user=user)


def record_cancellation(workflow_state, user=None):
    """Add the sign-off log row for a review that ended without being approved, by any route."""
    task_state = workflow_state.current_task_state
    task = task_state.task.specific if task_state else None
    if not isinstance(task, SignOffTask):
        return None
    decision, comment = getattr(
        workflow_state,
        "signoff_note",
        (
            Decision.CANCELLED,
            "Cancelled without a reason (the page was published or its workflow turned off).",
        ),
    )
    revision = latest_revision(workflow_state)
    return record_decision(
        workflow_state,
        latest_object(workflow_state),
        decision,
        stage=task.stage,
        stage_name=task.name,
        user=user,
        comment=comment,
        task_state=task_state,
        revision=revision,
        content_hash=fingerprint(revision) if revision else "",
    )


def waiting_stages(user):
    """In-progress stages this user may approve, oldest first, with the page each is about."""
    states = (
        TaskState.objects.reviewable_by(user)
        .filter(status=TaskState.STATUS_IN_PROGRESS)
        .select_related("task", "workflow_state", "workflow_state__requested_by", "revision")
        .order_by("started_at", "pk")
    )
    review_types = {ct.pk for ct in ContentType.objects.get_for_models(*REVIEW_TASK_TYPES).values()}
    waiting = []
    for state in states:
        if state.revision.content_object is None:
            continue
        if state.task.content_type_id in review_types:
            # Nobody approves their own work, or two stages of one plan: those wait for someone else.
            if state.task.specific.refusal(user, state.workflow_state, "approve") is not None:
                continue
        waiting.append(state)
    return waiting


def signoff_task_states(older_than=None):
    """Every in-progress consultation sign-off stage, oldest first."""
    types = ContentType.objects.get_for_models(*SIGNOFF_TASK_TYPES).values()
    states = (
        TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, task__content_type__in=types)
        .select_related("task", "revision", "workflow_state")
        .order_by("started_at", "pk")
    )
    if older_than is not None:
        states = states.filter(started_at__lt=timezone.now() - older_than)
    return states


def is_approver(user):
    """Whether the user is in a group that decides some active stage of any workflow."""
    if user.is_superuser:
        return True
    task_types = (GroupApprovalTask, *REVIEW_TASK_TYPES)
    groups = Group.objects.filter(user=user)
    return any(model.objects.filter(active=True, groups__in=groups).exists() for model in task_types)
