"""Sign-off operations that span stages: re-planning after an edit, and what is waiting for whom."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import GroupApprovalTask, TaskState, WorkflowState

from workflows.models import SIGNOFF_TASK_TYPES, SignOffTask, latest_object


def replan(page, user=None):
    """After an edit during sign-off, skip the current stage if the plan's category no longer needs it.

    Later stages are decided as each one starts, so a category raised from B to C gains
    the lay member and Governing Body stages without anything else happening here.
    Returns the reason when a stage was skipped.
    """
    workflow_state = page.current_workflow_state
    if not workflow_state or workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
        return None
    task_state = workflow_state.current_task_state
    if not task_state or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return None
    task = task_state.task.specific
    if not isinstance(task, SignOffTask):
        return None
    obj = latest_object(workflow_state)
    reason = task.skip_reason(obj)
    if reason is None:
        return None
    with transaction.atomic():
        reason = f"Category changed during sign-off. {reason}"
        task.skip(workflow_state, obj, reason, user=user, task_state=task_state)
        workflow_state.update(user=user)
    return reason


def waiting_stages(user):
    """In-progress stages this user may decide, oldest first, with the page each is about."""
    states = (
        TaskState.objects.reviewable_by(user)
        .filter(status=TaskState.STATUS_IN_PROGRESS)
        .select_related("task", "workflow_state", "workflow_state__requested_by", "revision")
        .order_by("started_at", "pk")
    )
    signoff_types = {ct.pk for ct in ContentType.objects.get_for_models(*SIGNOFF_TASK_TYPES).values()}
    return [
        state
        for state in states
        if state.revision.content_object is not None
        # Nobody signs off their own plan: those stages wait for another approver.
        and (
            user.is_superuser
            or state.task.content_type_id not in signoff_types
            or state.workflow_state.requested_by_id != user.pk
        )
    ]


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
    task_types = (GroupApprovalTask, *SIGNOFF_TASK_TYPES)
    return any(model.objects.filter(active=True, groups__user=user).exists() for model in task_types)
