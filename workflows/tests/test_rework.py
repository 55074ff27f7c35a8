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
def test_rejection_returns_to_the_editor_and_unchanged_resubmission_resumes_at_that_stage(
    client, users, signoff_index
):
    page = draft_plan(signoff_index, users["editor"], category="C")
    submit(client, users["editor"], page)
    decide(client, users["engagement"], page, "approve")
    decide(client, users["equality"], page, "approve")
    mail.outbox.clear()
    decide(client, users["clinical"], page, "reject", comment="Please check the travel times with me.")

    rejection = [m for m in mail.outbox if users["editor"].email in m.to]
    assert rejection and "Please check the travel times with me." in rejection[0].body
    page.refresh_from_db()
    assert page.current_workflow_state.status == "needs_changes"

    # Nothing needed changing after all: resubmitted as it was, it goes straight back to the
    # clinical lead, the earlier approvals still standing for exactly this content.
    response = submit(client, users["editor"], page)
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
def test_resubmitting_with_changes_starts_sign_off_again_from_the_first_stage(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C")
    submit(client, users["editor"], page)
    decide(client, users["engagement"], page, "approve")
    decide(client, users["equality"], page, "approve")
    decide(client, users["clinical"], page, "reject", comment="Add the evidence on travel times.")

    response = submit(client, users["editor"], page, plan_proposal="Now with travel time evidence.")
    assert response.status_code == 302
    assert current_stage(page) == "Engagement team review"
    restarted = SignOffDecision.objects.filter(page_id=page.pk, decision="restarted").get()
    assert "changed after Engagement team review approved it" in restarted.comment
    # Every stage approves the new content, in order.
    for username in ("engagement", "equality", "clinical", "lay", "governing"):
        decide(client, users[username], page, "approve")
    assert OpportunityPage.objects.get(pk=page.pk).live


@pytest.mark.django_db
def test_the_engagement_team_may_raise_the_category_at_its_review_with_a_reason(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="B", level="engage", is_service_change=True)
    submit(client, users["editor"], page)
    client.force_login(users["engagement"])
    refused = post_edit(client, page, action=None, category="C")
    assert refused.status_code == 200
    assert "Say why the category is changing" in refused.content.decode()

    response = post_edit(
        client, page, action=None, category="C", category_change_reason="It closes a clinic: significant."
    )
    assert response.status_code == 302
    change = SignOffDecision.objects.get(page_id=page.pk, decision="recategorised")
    assert "B changed to C" in change.comment and "significant" in change.comment
    # Whoever changed it does not approve their own change: a colleague does.
    assert decide(client, users["engagement"], page, "approve").status_code == 403
    colleague = type(users["engagement"]).objects.create_user("engagement2", "e2@example.org")
    colleague.groups.set(users["engagement"].groups.all())
    decide(client, colleague, page, "approve")
    for username in ("equality", "clinical", "lay"):
        decide(client, users[username], page, "approve")
    assert current_stage(page) == "Governing Body sign-off"


@pytest.mark.django_db
def test_lowering_the_category_at_the_first_stage_is_in_the_log(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C", level="engage", is_service_change=True)
    submit(client, users["editor"], page)
    client.force_login(users["engagement"])
    response = post_edit(
        client, page, action=None, category="A", category_change_reason="Already happening: inform only."
    )
    assert response.status_code == 302
    colleague = type(users["engagement"]).objects.create_user("engagement2", "e2@example.org")
    colleague.groups.set(users["engagement"].groups.all())
    decide(client, colleague, page, "approve")

    page = OpportunityPage.objects.get(pk=page.pk)
    assert page.live and page.category == "A"
    log = list(SignOffDecision.objects.filter(page_id=page.pk).values_list("decision", "stage"))
    assert log[0] == ("recategorised", "engagement_review")
    assert ("approved", "engagement_review") in log
    assert [d for d, _s in log].count("skipped") == 4


@pytest.mark.django_db
def test_later_stages_cannot_change_the_category(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C", level="engage", is_service_change=True)
    submit(client, users["editor"], page)
    decide(client, users["engagement"], page, "approve")
    client.force_login(users["equality"])
    response = post_edit(client, page, action=None, category="A", category_change_reason="Not significant.")
    assert "The page could not be saved as it is locked." in response.content.decode()
    assert OpportunityPage.objects.get(pk=page.pk).get_latest_revision_as_object().category == "C"
    assert current_stage(page) == "Equality impact check"


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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publish_racing_an_approval_never_publishes_an_unapproved_revision(users, signoff_index, client):
    """The last approval publishes what was approved while, at the same moment, a superuser saves a
    changed version and tries to publish it, and a stale editor form is saved over the page row.
    Whatever order the database runs them in, what is live was approved exactly as it stands."""
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers, which SQLite serialises")
    for attempt in range(4):
        race_once(users, signoff_index, client, attempt)


def race_once(users, signoff_index, client, attempt):
    """One round: the approval, a superuser's change and publish, and a stale save, at once."""
    from workflows.fingerprint import fingerprint
    from workflows.models import missing_approvals, required_stages

    page = draft_plan(signoff_index, users["editor"], category="A", slug=f"race-{attempt}")
    submit(client, users["editor"], page)
    page.refresh_from_db()
    task_state_id = page.current_workflow_task_state.pk
    stale = OpportunityPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    seen = stale.get_latest_revision().pk
    barrier = threading.Barrier(3)
    errors, approved = [], []

    def approve():
        from django.db import connection as thread_connection

        try:
            state = TaskState.objects.get(pk=task_state_id)
            barrier.wait()
            # As the review page does: the decision is about the version the approver was shown.
            state.task.specific.on_action(
                state, users["engagement"], "approve", comment="Agreed.", revision=seen
            )
            approved.append(True)
        except SignOffRefused:
            pass
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            thread_connection.close()

    def publish_a_change():
        from django.db import connection as thread_connection

        from workflows.exceptions import PublicationRefused

        try:
            changed = OpportunityPage.objects.get(pk=page.pk).get_latest_revision_as_object()
            changed.summary = "Changed at the last moment."
            barrier.wait()
            revision = changed.save_revision(user=users["admin"])
            revision.publish(user=users["admin"])
        except PublicationRefused:
            pass
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            thread_connection.close()

    def save_stale_form():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            stale.save()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=t) for t in (approve, publish_a_change, save_stale_form)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not [e for e in errors if "deadlock" not in str(e).lower()], errors
    page = OpportunityPage.objects.get(pk=page.pk)
    # An approval that went through published the page: nothing left it half published.
    assert page.live == bool(approved)
    if page.live:
        revision = page.live_revision
        obj = revision.as_object()
        assert not missing_approvals(page.pk, fingerprint(revision), required_stages(obj.signoff_category))
        assert obj.summary != "Changed at the last moment."
