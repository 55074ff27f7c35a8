"""Demo opportunities go live the way real ones do: the demo editor submits each revision and the
demo account of every stage its category needs approves it, so the demo meets the publishing rule.

Used by the demo loader as its `publish` step for opportunities. Without the demo accounts (under
production settings none are made) a revision is left as a draft for real people to sign off.
"""

from django.contrib.auth import get_user_model
from wagtail.models import WorkflowState

from demo.datafiles import read_toml
from workflows.models import SignOffTask

SUBMITTER = "editor"
# The demo account that decides each stage (demo/users.py makes them).
APPROVER_OF_STAGE = {
    "engagement_review": "engagement",
    "equality_check": "equality",
    "clinical_signoff": "clinical",
    "lay_review": "lay",
    "governing_body": "governing-body",
}


def demo_accounts():
    usernames = [SUBMITTER, *APPROVER_OF_STAGE.values()]
    accounts = {user.username: user for user in get_user_model().objects.filter(username__in=usernames)}
    return accounts if len(accounts) == len(usernames) else None


def sign_off_and_publish(page, revision):
    """Submit `page` as the demo editor and approve every stage it needs; True once it is live
    (or scheduled). The last approval publishes it, as in the admin."""
    state = walk_signoff(page, approvals=None)
    return state is not None and state.status == WorkflowState.STATUS_APPROVED


def walk_signoff(page, *, approvals=None, rejected_by=None):
    """Submit `page` and approve `approvals` stages (all of them when None), then request changes
    as `rejected_by` if given; return the workflow state, or None without the demo accounts."""
    accounts = demo_accounts()
    if accounts is None:
        return None
    # The approval comment of each stage, and the request for changes.
    comments = read_toml("signoff.toml")["comments"]
    current = page.current_workflow_state
    if current is not None:
        # A demo plan left waiting by an earlier load: this load's content replaces it.
        current.signoff_note = ("restarted", "The demo content was loaded again with new dates.")
        current.cancel(user=accounts[SUBMITTER])
    state = page.get_workflow().start(page, accounts[SUBMITTER])
    while approvals is None or approvals > 0:
        state.refresh_from_db()
        if state.status != WorkflowState.STATUS_IN_PROGRESS:
            break
        task_state = state.current_task_state
        task = task_state.task.specific
        if not isinstance(task, SignOffTask):
            break
        task.on_action(
            task_state, accounts[APPROVER_OF_STAGE[task.stage]], "approve", comment=comments[task.stage]
        )
        if approvals is not None:
            approvals -= 1
    state.refresh_from_db()
    if rejected_by and state.status == WorkflowState.STATUS_IN_PROGRESS:
        task_state = state.current_task_state
        task_state.task.specific.on_action(
            task_state, accounts[rejected_by], "reject", comment=comments["request_changes"]
        )
        state.refresh_from_db()
    return state
