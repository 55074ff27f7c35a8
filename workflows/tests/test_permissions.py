"""Editors draft but never publish or approve; approvers act only on their own stage."""

import pytest
from django.urls import reverse
from wagtail.models import TaskState

from pages.models import OpportunityPage
from pages.tests.factories import OpportunityPageFactory
from workflows.models import SignOffDecision
from workflows.tests.helpers import AJAX, current_stage, decide, draft_plan, edit_url, editor_form, submit


def live(page):
    return OpportunityPage.objects.get(pk=page.pk).live


@pytest.mark.django_db
def test_editor_sees_no_publish_or_approve_buttons(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"])
    client.force_login(users["editor"])
    html = client.get(edit_url(page)).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html

    submit(client, users["editor"], page)
    html = client.get(edit_url(page)).content.decode()
    assert "workflow-action-name" not in html and "Approve" not in html


@pytest.mark.django_db
def test_editor_cannot_publish_by_posting_the_edit_form(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"])
    client.force_login(users["editor"])
    data = editor_form(client, page)
    data["action-publish"] = "1"
    client.post(edit_url(page), data)
    assert not live(page)


@pytest.mark.django_db
def test_editor_cannot_publish_an_old_revision(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"])
    revision = page.get_latest_revision()
    client.force_login(users["editor"])
    data = editor_form(client, page)
    data["action-publish"] = "1"
    client.post(reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, revision.pk]), data)
    assert not live(page)


@pytest.mark.django_db
def test_editor_cannot_publish_through_bulk_actions(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"])
    client.force_login(users["editor"])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}"
    client.post(url, {"include_descendants": ""})
    assert not live(page)


@pytest.mark.django_db
def test_editor_cannot_unpublish(client, users, signoff_index):
    page = OpportunityPageFactory(parent=signoff_index, live=True)
    client.force_login(users["editor"])
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert response.status_code in (302, 403)
    assert live(page)


@pytest.mark.django_db
def test_editor_cannot_approve_a_stage(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"])
    submit(client, users["editor"], page)
    response = decide(client, users["editor"], page, "approve")
    assert response.status_code == 403
    assert current_stage(page) == "Engagement team review"
    assert not SignOffDecision.objects.exclude(decision="skipped").exists()


@pytest.mark.django_db
def test_editor_cannot_approve_through_the_edit_form(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"])
    submit(client, users["editor"], page)
    client.force_login(users["editor"])
    data = editor_form(client, page)
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve"})
    data["workflow-action-extra-data"] = '{"comment": "sneaky"}'
    client.post(edit_url(page), data)
    assert current_stage(page) == "Engagement team review"
    assert not live(page)


@pytest.mark.django_db
def test_approver_cannot_act_on_another_stage(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"])
    submit(client, users["editor"], page)
    for outsider in ("equality", "clinical", "lay", "governing"):
        response = decide(client, users[outsider], page, "approve")
        assert response.status_code == 403
        response = decide(client, users[outsider], page, "reject")
        assert response.status_code == 403
    assert current_stage(page) == "Engagement team review"
    assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


@pytest.mark.django_db
def test_approvers_see_only_their_own_stages_on_the_dashboard(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], title="Moving the walk-in centre")
    submit(client, users["editor"], page)
    client.force_login(users["engagement"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Awaiting your sign-off" in html and "Moving the walk-in centre" in html
    client.force_login(users["clinical"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Moving the walk-in centre" not in html
    assert "Nothing is waiting for your sign-off" in html


@pytest.mark.django_db
def test_dashboard_lists_the_oldest_first_with_waiting_time(client, users, signoff_index):
    import datetime

    from django.utils import timezone

    older = draft_plan(signoff_index, users["editor"], title="Older plan", slug="older")
    newer = draft_plan(signoff_index, users["editor"], title="Newer plan", slug="newer")
    submit(client, users["editor"], newer)
    submit(client, users["editor"], older)
    older.refresh_from_db()
    TaskState.objects.filter(pk=older.current_workflow_task_state.pk).update(
        started_at=timezone.now() - datetime.timedelta(days=3)
    )
    client.force_login(users["engagement"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert html.index("Older plan") < html.index("Newer plan")
    assert "3\xa0days" in html


@pytest.mark.django_db
def test_a_decision_needs_a_comment(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"])
    submit(client, users["editor"], page)
    client.force_login(users["engagement"])
    task_state = OpportunityPage.objects.get(pk=page.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": "   "}, **AJAX)
    assert "Every sign-off decision needs a comment" in response.content.decode()
    assert current_stage(page) == "Engagement team review"


@pytest.mark.django_db
def test_editors_have_no_sign_off_queue_on_their_dashboard(client, users):
    client.force_login(users["editor"])
    assert "Awaiting your sign-off" not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.django_db
def test_nobody_signs_off_a_plan_they_submitted(client, users, signoff_index):
    """Four eyes: an Engagement team member who submits a plan cannot decide its stage 1;
    it waits on the dashboard of the rest of the team, not theirs."""
    from django.contrib.auth.models import Group

    from core import roles

    author = users["engagement"]
    page = draft_plan(signoff_index, author, title="Closing the Saturday clinic")
    submit(client, author, page)
    assert current_stage(page) == "Engagement team review"

    editor_html = client.get(edit_url(page)).content.decode()
    assert "Approve" not in editor_html
    for action in ("approve", "reject"):
        assert decide(client, author, page, action).status_code == 403
    assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not SignOffDecision.objects.filter(page=page, user=author).exists()
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Nothing is waiting for your sign-off" in html

    colleague = type(author).objects.create_user("colleague", "colleague@example.org", "pw")
    colleague.groups.add(Group.objects.get(name=roles.ENGAGEMENT_TEAM))
    client.force_login(colleague)
    assert "Closing the Saturday clinic" in client.get(reverse("wagtailadmin_home")).content.decode()
    assert decide(client, colleague, page, "approve").status_code == 200
    assert current_stage(page) == "Equality impact check"
