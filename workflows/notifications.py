"""Emails for consultation sign-off that Wagtail does not send by itself.

Wagtail already emails a stage's group when the stage starts, and the submitter on
final approval and on rejection (with the comment). This adds the email to the editor
after each intermediate approval, so they can follow the plan through its stages.
"""

from wagtail.admin.mail import EmailNotificationMixin, Notifier
from wagtail.models import TaskState, WorkflowState

from workflows.models import SignOffTask


class StageApprovedNotifier(EmailNotificationMixin, Notifier):
    """Tells whoever submitted a plan that one of its stages was approved."""

    notification = "approved"
    template_directory = "workflows/notifications/"

    def __init__(self):
        super().__init__((TaskState,))

    def can_handle(self, instance, **kwargs):
        return (
            super().can_handle(instance, **kwargs)
            and isinstance(instance.task.specific, SignOffTask)
            # The last approval ends the workflow; Wagtail's own email covers that one.
            and instance.workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        )

    def get_template_base_prefix(self, instance, **kwargs):
        return "stage_"

    def get_recipient_users(self, task_state, **kwargs):
        requested_by = task_state.workflow_state.requested_by
        if requested_by is None or requested_by == kwargs.get("user"):
            return set()
        return {requested_by}

    def get_context(self, task_state, **kwargs):
        context = super().get_context(task_state, **kwargs)
        workflow_state = task_state.workflow_state
        context.update(
            task=task_state.task.specific,
            task_state=task_state,
            page=workflow_state.content_object.specific,
            approver=kwargs.get("user"),
            next_task=workflow_state.current_task_state.task if workflow_state.current_task_state else None,
        )
        return context


stage_approved_notifier = StageApprovedNotifier()
