"""Template tags for the sign-off dialog."""

from django import template

from workflows.models import SignOffTask, latest_object

register = template.Library()


@register.simple_tag
def signoff_blocker(task_state, action):
    """Why this stage cannot be approved now, shown before the approver writes a comment."""
    task = task_state.task.specific
    if action != "approve" or not isinstance(task, SignOffTask):
        return ""
    return task.approval_blocker(latest_object(task_state.workflow_state)) or ""
