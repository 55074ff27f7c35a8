"""Rejection, resubmission, category changes mid-way, and two approvers at once."""

import threading

import pytest
from django.core import mail
from django.db import connection
from wagtail.models import TaskState

from pages.models import OpportunityPage
from workflows.exceptions import SignOffRefused
from workflows.models import SignOffDecision
from workflows.tests.helpers import current_stage, decide, draft_plan, post_edit, submit


@pytest.mark.django_db
def test_rejection_returns_to_the_editor_and_resubmission_resumes_at_that_stage(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C")
    submit(client, users["editor"], page)
    decide(client, users["engagement"], page, "approve")
    decide(client, users["equality"], page, "approve")
    mail.outbox.clear()
    decide(client, users["clinical"], page, "reject", comment="Add the evidence on travel times.")

    rejection = [m for m in mail.outbox if users["editor"].email in m.to]
    assert rejection and "Add the evidence on travel times." in rejection[0].body
    page.refresh_from_db()
    assert page.current_workflow_state.status == "needs_changes"

    # The editor can work on it again and resubmits; it goes straight back to the clinical lead.
    response = submit(client, users["editor"], page, plan_proposal="Now with travel time evidence.")
    assert response.status_code == 302
    assert current_stage(page) == "Clinical lead sign-off"
    decide(client, users["clinical"], page, "approve")
    assert current_stage(page) == "Lay member (PPI) review"
    stages = list(SignOffDecision.objects.filter(page_id=page.pk).values_list("stage", "decision"))
    assert stages == [
        ("engagement_review", "approved"),
        ("equality_check", "approved"),
        ("clinical_signoff", "rejected"),
        ("clinical_signoff", "approved"),
    ]


@pytest.mark.django_db
def test_raising_the_category_during_sign_off_adds_the_later_stages(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="B")
    submit(client, users["editor"], page)
    decide(client, users["engagement"], page, "approve")
    # The equality lead realises the change is significant and makes it category C.
    client.force_login(users["equality"])
    post_edit(client, page, action=None, category="C")
    assert current_stage(page) == "Equality impact check"
    decide(client, users["equality"], page, "approve")
    decide(client, users["clinical"], page, "approve")
    assert current_stage(page) == "Lay member (PPI) review"
    decide(client, users["lay"], page, "approve")
    assert current_stage(page) == "Governing Body sign-off"


@pytest.mark.django_db
def test_lowering_the_category_during_sign_off_skips_stages_no_longer_needed(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C", level="engage", is_service_change=True)
    submit(client, users["editor"], page)
    decide(client, users["engagement"], page, "approve")
    assert current_stage(page) == "Equality impact check"
    client.force_login(users["equality"])
    response = post_edit(client, page, action=None, category="A")
    assert response.status_code == 302

    skipped = SignOffDecision.objects.filter(page_id=page.pk, decision="skipped")
    assert skipped.first().stage == "equality_check"
    assert "Category changed during sign-off" in skipped.first().comment
    assert skipped.count() == 4
    # Category A needed only the engagement team's approval, which it has.
    assert OpportunityPage.objects.get(pk=page.pk).live


@pytest.mark.django_db
def test_second_approval_of_the_same_stage_is_refused(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"])
    submit(client, users["editor"], page)
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    task = task_state.task.specific
    task.on_action(task_state, users["engagement"], "approve", comment="First.")
    with pytest.raises(SignOffRefused):
        task.on_action(task_state, users["admin"], "approve", comment="Second.")
    assert SignOffDecision.objects.filter(stage="engagement_review").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_approvals_posted_at_once_produce_one_decision(users, signoff_index, client):
    if connection.vendor != "postgresql":
        pytest.skip("needs row locks that SQLite does not have; the sequential case is tested above")
    page = draft_plan(signoff_index, users["editor"])
    submit(client, users["editor"], page)
    page.refresh_from_db()
    task_state_id = page.current_workflow_task_state.pk
    second_engagement = type(users["engagement"]).objects.create_user("engagement2", "e2@example.org")
    second_engagement.groups.set(users["engagement"].groups.all())
    barrier = threading.Barrier(2)
    outcomes = []

    def approve(user):
        from django.db import connection as thread_connection

        try:
            state = TaskState.objects.get(pk=task_state_id)
            barrier.wait()
            state.task.specific.on_action(state, user, "approve", comment=f"Approved by {user}.")
            outcomes.append("approved")
        except SignOffRefused:
            outcomes.append("refused")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=approve, args=(u,)) for u in (users["engagement"], second_engagement)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["approved", "refused"]
    assert SignOffDecision.objects.filter(stage="engagement_review").count() == 1
