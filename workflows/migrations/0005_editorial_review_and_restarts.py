"""Editorial review becomes a task of this app's own (four eyes, decisions in the sign-off log), and
reviews that were mid-way when the publishing rule arrived start again from the first stage.

Approvals recorded before this migration carry no fingerprint of the content they approved, so
they cannot count towards publishing. A review waiting at a stage after some approvals is ended
and started again at the first stage, for the same submitter, with a note in the page history
and the sign-off log; one returned to its editor keeps waiting for them and starts again from the
first stage when resubmitted. No revision is touched, so nothing anyone typed is lost.
"""

from django.db import migrations
from django.utils import timezone

from core import roles

NOTE = (
    "Sign-off restarted when the publishing rule was introduced: approvals given before then did "
    "not record exactly what they approved, so every stage the plan needs approves it again."
)
WAITING_NOTE = (
    "When this is resubmitted, sign-off starts again from the first stage: approvals given before "
    "the publishing rule was introduced did not record exactly what they approved."
)


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowState = apps.get_model("wagtailcore.WorkflowState")
    TaskState = apps.get_model("wagtailcore.TaskState")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    EditorialReviewTask = apps.get_model("workflows.EditorialReviewTask")

    editorial_ct, _ = ContentType.objects.get_or_create(app_label="workflows", model="editorialreviewtask")
    new_task = None
    for workflow in Workflow.objects.filter(name=roles.EDITORIAL_REVIEW):
        for link in WorkflowTask.objects.filter(workflow=workflow):
            old = GroupApprovalTask.objects.filter(pk=link.task_id).first()
            if old is None:
                continue
            new_task = EditorialReviewTask.objects.create(
                name=old.name, content_type=editorial_ct, active=True
            )
            new_task.groups.set(old.groups.all())
            link.task_id = new_task.pk
            link.save(update_fields=["task"])
            old.active = False
            old.save(update_fields=["active"])
            for state in WorkflowState.objects.filter(
                workflow=workflow, status__in=("in_progress", "needs_changes")
            ):
                restart(apps, state, new_task, NOTE.replace("every stage the plan needs", "the Engagement team"))

    signoff_cts = ContentType.objects.filter(app_label="workflows", model__in=[m for m, _n, _g in roles.SIGNOFF_STAGES])
    for state in WorkflowState.objects.filter(status__in=("in_progress", "needs_changes")):
        approved = TaskState.objects.filter(
            workflow_state=state, status="approved", task__content_type__in=signoff_cts
        )
        if not approved.exists():
            continue
        if state.status == "needs_changes":
            note(apps, state, WAITING_NOTE)
            continue
        first = (
            WorkflowTask.objects.filter(workflow_id=state.workflow_id, task__active=True)
            .order_by("sort_order")
            .first()
        )
        restart(apps, state, first.task if first else None, NOTE)


def restart(apps, state, first_task, message):
    WorkflowState = apps.get_model("wagtailcore.WorkflowState")
    TaskState = apps.get_model("wagtailcore.TaskState")
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    now = timezone.now()
    TaskState.objects.filter(workflow_state=state, status="in_progress").update(
        status="cancelled", finished_at=now
    )
    state.status = "cancelled"
    state.save(update_fields=["status"])
    note(apps, state, message)
    if first_task is None:
        return
    page = Page.objects.filter(pk=state.object_id).first()
    if page is None or page.latest_revision_id is None:
        return
    new_state = WorkflowState.objects.create(
        content_type_id=state.content_type_id,
        base_content_type_id=state.base_content_type_id,
        object_id=state.object_id,
        workflow_id=state.workflow_id,
        status="in_progress",
        requested_by_id=state.requested_by_id,
    )
    task_state = TaskState.objects.create(
        workflow_state=new_state,
        revision_id=page.latest_revision_id,
        task_id=first_task.pk,
        status="in_progress",
        content_type=ContentType.objects.get_for_model(TaskState),
    )
    new_state.current_task_state = task_state
    new_state.save(update_fields=["current_task_state"])


def note(apps, state, message):
    """The note in the page history and the sign-off log."""
    PageLogEntry = apps.get_model("wagtailcore.PageLogEntry")
    SignOffDecision = apps.get_model("workflows.SignOffDecision")
    Page = apps.get_model("wagtailcore.Page")
    page = Page.objects.filter(pk=state.object_id).first()
    if page is None:
        return
    now = timezone.now()
    PageLogEntry.objects.create(
        page=page,
        content_type_id=state.content_type_id,
        label=page.draft_title or page.title,
        action="workflows.signoff_restarted",
        data={"reason": message},
        timestamp=now,
        revision_id=page.latest_revision_id,
    )
    SignOffDecision.objects.create(
        page=page,
        page_title=(page.draft_title or page.title)[:255],
        workflow_state=state,
        stage="signoff",
        stage_name="Sign-off",
        decision="restarted",
        comment=message,
        decided_at=now,
        revision_id=page.latest_revision_id,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0004_signoff_evidence"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
