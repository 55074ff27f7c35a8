"""What happens when the last review stage approves."""

from django.utils import timezone

from core.dates import start_of_day


def approved_revision(workflow_state):
    """The revision the run's last approval was about: what the approvers signed off."""
    # Wagtail imports this module while it defines its own models (WAGTAIL_FINISH_WORKFLOW_ACTION),
    # before this app's models can be loaded.
    from workflows.models import Decision, SignOffDecision

    last = (
        SignOffDecision.objects.filter(workflow_state=workflow_state, decision=Decision.APPROVED)
        .order_by("-decided_at", "-pk")
        .first()
    )
    if last is not None and last.revision_id:
        return workflow_state.content_object.revisions.filter(pk=last.revision_id).first()
    return workflow_state.current_task_state.revision


def publish_or_schedule(workflow_state, user=None):
    """Publish the approved revision, or schedule it for the opportunity's opening day.

    The final approver needs no publish permission: approval is the authority, and the page's own
    publishing rule (workflows/publication.py) checks the approvals again as it goes live. An
    editor may set Wagtail's own go-live date to announce an opportunity before it opens (so the
    public sees it as upcoming); without one, a future opening date is the go-live date. The
    schedule is not part of what is signed off, so setting it changes nothing approved.
    """
    revision = approved_revision(workflow_state)
    obj = revision.as_object()
    opens = getattr(obj, "opens", None)
    if opens and not obj.go_live_at and opens > timezone.localdate():
        go_live_at = start_of_day(opens)
        revision.content["go_live_at"] = go_live_at.isoformat()
        revision.save(update_fields=["content"])
    revision.publish(user=user, skip_permission_checks=True)
