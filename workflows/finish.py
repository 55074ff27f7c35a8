"""What happens when the last sign-off stage approves."""

from wagtail.workflows import publish_workflow_state


def publish_or_schedule(workflow_state, user=None, **kwargs):
    """Publish the approved revision, or schedule it when it should not go live yet."""
    return publish_workflow_state(workflow_state, user=user, **kwargs)
