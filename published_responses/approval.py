"""The publishing rule for published responses: a revision goes live only when the Editorial
review workflow approved exactly its content (the same fingerprint, workflows/fingerprint.py), by
an Engagement team member who neither submitted it nor made it (workflows/models/tasks.py's four
eyes). Checked by ResponsePublication.publish, which every route goes through: the workflow's
finish, the snippet editor's publish button, revert, scheduled publishing and commands."""

from django.contrib.contenttypes.models import ContentType

from workflows.fingerprint import fingerprint
from workflows.models import Decision, EditorialReviewTask, SignOffDecision
from workflows.models.decisions import first_gaps

NOT_APPROVED = (
    "Published responses go live only through Editorial review: submit this version, and another "
    "member of the Engagement team approves it."
)


def approval_problems(publication, revision):
    """Why `revision` of `publication` may not go live, as sentences; empty when it may."""
    if publication.pk is None or revision is None or str(revision.object_id) != str(publication.pk):
        return [NOT_APPROVED]
    content_type = ContentType.objects.get_for_model(type(publication))
    approvals = SignOffDecision.objects.filter(
        workflow_state__content_type=content_type,
        workflow_state__object_id=str(publication.pk),
        decision=Decision.APPROVED,
        stage=EditorialReviewTask.stage,
        content_hash=fingerprint(revision),
    ).order_by("decided_at", "pk")
    runs = {}
    for decision in approvals:
        runs.setdefault(decision.workflow_state_id, []).append(decision)
    if any(not first_gaps(decisions, [EditorialReviewTask]) for decisions in runs.values()):
        return []
    return [NOT_APPROVED]
