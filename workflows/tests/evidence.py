"""Test data only: publish a page with the sign-off evidence its category needs, without walking
through the review screens (the journeys in test_journeys.py do that)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import WorkflowState

from core import roles
from workflows.fingerprint import fingerprint
from workflows.models import SIGNOFF_TASK_TYPES, Decision, record_decision, required_stages
from workflows.signoff import consultation_workflow

GROUP_OF_STAGE = {model: group for model, _name, group in roles.SIGNOFF_STAGES}


def evidence_people():
    """A submitter and one approver per stage, made once per test database."""
    User = get_user_model()
    submitter, _ = User.objects.get_or_create(
        username="evidence-editor", defaults={"email": "ed@example.org"}
    )
    approvers = {}
    for model, _name, group_name in roles.SIGNOFF_STAGES:
        user, created = User.objects.get_or_create(
            username=f"evidence-{model}", defaults={"email": f"{model}@example.org"}
        )
        if created:
            user.groups.add(Group.objects.get(name=group_name))
        approvers[model] = user
    return submitter, approvers


def record_signoff(page, revision, path=None):
    """Approvals of `revision` by every stage its category needs, in one finished run; or, given
    `path` [(stage code, decision, when)], exactly those decisions, each stage by its own person."""
    obj = revision.as_object()
    submitter, approvers = evidence_people()
    state = WorkflowState.objects.create(
        content_type=page.get_content_type(),
        base_content_type=page.get_base_content_type(),
        object_id=str(page.pk),
        workflow=consultation_workflow(),
        status=WorkflowState.STATUS_APPROVED,
        requested_by=submitter,
    )
    content_hash = fingerprint(revision)
    if path is None:
        path = [(stage.stage, Decision.APPROVED, None) for stage in required_stages(obj.signoff_category)]
    stages = {stage.stage: stage for stage in SIGNOFF_TASK_TYPES}
    for code, decision, when in path:
        stage = stages[code]
        extra = {"decided_at": when} if when is not None else {}
        record_decision(
            state,
            obj,
            decision,
            stage=code,
            stage_name=stage.get_verbose_name(),
            user=approvers[stage._meta.model_name] if decision != Decision.SKIPPED else None,
            comment="Recorded for the test.",
            revision=revision,
            content_hash=content_hash,
            **extra,
        )
    return state


def publish_signed_off(page, user=None):
    """Save the page's current state as a revision, sign it off and publish it."""
    revision = page.save_revision(user=user)
    record_signoff(page, revision)
    revision.publish(user=user, skip_permission_checks=True)
    page.refresh_from_db()
    return revision
