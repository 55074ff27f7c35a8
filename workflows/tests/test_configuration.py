"""What an administrator could break, and the warnings and repairs for it."""

import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from wagtail.models import TaskState, Workflow, WorkflowState

from core import roles
from workflows.checks import check_signoff_workflow
from workflows.models import SignOffDecision
from workflows.tests.helpers import decide, draft_plan, submit


def messages():
    return [warning.msg for warning in check_signoff_workflow(databases=["default"])]


@pytest.mark.django_db
def test_the_system_check_is_quiet_when_sign_off_is_whole():
    assert messages() == []


@pytest.mark.django_db
def test_manage_py_check_with_the_database_reports_it(capsys):
    Workflow.objects.filter(name=roles.CONSULTATION_SIGNOFF).update(active=False)
    call_command("check", "--database", "default")
    assert "workflows.W001" in capsys.readouterr().err


@pytest.mark.django_db
def test_the_system_check_warns_when_sign_off_is_inactive_or_lacks_a_stage():
    workflow = Workflow.objects.get(name=roles.CONSULTATION_SIGNOFF)
    lay = workflow.tasks.get(name="Lay member (PPI) review")
    lay.active = False
    lay.save()
    assert any("no active Lay member (PPI) review stage" in m for m in messages())
    workflow.active = False
    workflow.save()
    assert any("inactive" in m for m in messages())
    workflow.workflow_tasks.all().delete()
    assert any("There is no Consultation sign-off workflow" in m for m in messages())


@pytest.mark.django_db
def test_without_its_workflow_an_opportunity_cannot_be_published(users, signoff_index):
    Workflow.objects.filter(name=roles.CONSULTATION_SIGNOFF).update(active=False)
    page = draft_plan(signoff_index, users["editor"], category="A")
    assert page.get_workflow() is None
    from workflows.exceptions import PublicationRefused

    with pytest.raises(PublicationRefused):
        page.get_latest_revision().publish()


@pytest.mark.django_db
def test_plans_mid_way_when_the_rule_arrived_start_again(client, users, signoff_index):
    """The data migration: a review waiting after approvals that recorded no fingerprint restarts at
    the first stage, with a note; one returned to its editor waits for them, with a note."""
    waiting = draft_plan(signoff_index, users["editor"], category="C", slug="waiting")
    returned = draft_plan(signoff_index, users["editor"], category="C", slug="returned")
    for page in (waiting, returned):
        submit(client, users["editor"], page)
        decide(client, users["engagement"], page, "approve")
    decide(client, users["equality"], returned, "reject", comment="Not yet.")
    # As before the rule: approvals without fingerprints.
    SignOffDecision.objects.update(content_hash="")
    revisions = {page.pk: page.get_latest_revision().pk for page in (waiting, returned)}
    migration = importlib.import_module("workflows.migrations.0005_editorial_review_and_restarts")
    migration.forwards(apps, None)

    waiting.refresh_from_db()
    state = waiting.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Engagement team review"
    assert state.requested_by == users["editor"]
    assert waiting.get_latest_revision().pk == revisions[waiting.pk]
    assert SignOffDecision.objects.filter(page_id=waiting.pk, decision="restarted").exists()
    assert waiting.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS

    returned.refresh_from_db()
    assert returned.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert "starts again from the first stage" in (
        SignOffDecision.objects.get(page_id=returned.pk, decision="restarted").comment
    )
    # Resubmitted, it does start again there.
    submit(client, users["editor"], returned)
    returned.refresh_from_db()
    assert returned.current_workflow_task.name == "Engagement team review"


@pytest.mark.django_db
def test_the_demo_says_where_the_site_is_served(home, settings, capsys):
    # `make run` sets WAGTAILADMIN_BASE_URL from its HOST and PORT.
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    call_command("load_demo_content")
    assert "Log in at http://127.0.0.1:8123/admin/" in capsys.readouterr().out


@pytest.mark.django_db
def test_notification_emails_link_to_the_admin_base_url(client, users, signoff_index, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    page = draft_plan(signoff_index, users["editor"], category="B")
    submit(client, users["editor"], page)
    mail.outbox.clear()
    decide(client, users["engagement"], page, "approve")
    to_editor = [m for m in mail.outbox if users["editor"].email in m.to]
    assert to_editor and f"http://127.0.0.1:8123/admin/pages/{page.pk}/edit/" in to_editor[0].body
