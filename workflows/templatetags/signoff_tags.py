"""Template tags for the sign-off dialog."""

from django import template

from workflows.models import SignOffTask, latest_object, latest_revision

register = template.Library()


@register.simple_tag(takes_context=True)
def signoff_blocker(context, task_state, action):
    """Why this decision cannot be taken now, shown before the approver writes a comment."""
    task = task_state.task.specific
    if not isinstance(task, SignOffTask):
        return ""
    workflow_state = task_state.workflow_state
    user = context["request"].user
    reasons = []
    if action == "approve":
        reasons += task.approval_problems(latest_object(workflow_state))
    if refusal := task.refusal(user, workflow_state, action, latest_revision(workflow_state)):
        reasons.append(refusal)
    return " ".join(reasons)
