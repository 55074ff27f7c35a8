"""A sign-off run (a workflow state) and the content it is about: the latest revision, and the
restart when content changes after a stage approved it."""

from django.db import transaction
from wagtail.log_actions import log

from workflows.fingerprint import fingerprint
from workflows.models.decisions import Decision, SignOffDecision


def latest_revision(workflow_state):
    return workflow_state.content_object.get_latest_revision()


def latest_object(workflow_state):
    """The specific page (or object) as it stands in its latest revision."""
    obj = workflow_state.content_object
    return obj.get_latest_revision_as_object() if hasattr(obj, "get_latest_revision_as_object") else obj


def restart_if_changed(workflow_state, user=None):
    """If a stage of this run approved content other than the page's latest revision, end the run
    and start sign-off again from the first stage; return the run's last task state, or None.

    Called as each stage starts (so a plan resubmitted with changes after a request for changes
    goes back to stage 1, and one resubmitted unchanged resumes where it stopped) and after every
    revision saved during sign-off.
    """
    content_hash = fingerprint(latest_revision(workflow_state))
    stale = (
        SignOffDecision.objects.filter(workflow_state=workflow_state, decision=Decision.APPROVED)
        .exclude(content_hash=content_hash)
        .order_by("decided_at", "pk")
        .first()
    )
    if stale is None:
        return None
    restart(
        workflow_state,
        user,
        f"The content changed after {stale.stage_name} approved it, so every stage it needs must "
        "approve it again, starting from the first.",
    )
    return workflow_state.current_task_state


@transaction.atomic
def restart(workflow_state, user, reason):
    """Cancel this run, recording why, and start a new one from the first stage for the same submitter."""
    if workflow_state.current_task_state is None:
        # Between stages (resuming after a request for changes): the run ends on its last stage.
        workflow_state.current_task_state = workflow_state.task_states.order_by("-started_at", "-pk").first()
    workflow_state.signoff_note = (Decision.RESTARTED, reason)
    workflow_state.cancel(user=user)
    obj = workflow_state.content_object
    page = getattr(obj, "specific", obj)  # a snippet under review is already specific
    log(page, "workflows.signoff_restarted", user=user, data={"reason": reason})
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, workflow_state.requested_by)
