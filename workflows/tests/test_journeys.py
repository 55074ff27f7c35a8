"""Whole sign-off journeys for category A, B and C plans, as editors and approvers live them."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from pages.models import OpportunityPage
from workflows.models import SignOffDecision
from workflows.tests.helpers import current_stage, decide, draft_plan, submit

STAGES = [
    "Engagement team review",
    "Equality impact check",
    "Clinical lead sign-off",
    "Lay member (PPI) review",
    "Governing Body sign-off",
]
APPROVER = {
    "Engagement team review": "engagement",
    "Equality impact check": "equality",
    "Clinical lead sign-off": "clinical",
    "Lay member (PPI) review": "lay",
    "Governing Body sign-off": "governing",
}


def recipients():
    return [address for message in mail.outbox for address in message.to]


def run_journey(client, users, page, expected_stages):
    """Submit as the editor, then approve each expected stage as its approver, checking emails."""
    response = submit(client, users["editor"], page)
    assert response.status_code == 302, response.content.decode()[:2000]
    for position, stage in enumerate(expected_stages):
        assert current_stage(page) == stage
        approver = users[APPROVER[stage]]
        # The stage's group was told when the plan reached them; nobody else in that group is.
        assert approver.email in recipients()
        assert not OpportunityPage.objects.get(pk=page.pk).live, "live before the last sign-off"
        mail.outbox.clear()
        response = decide(client, approver, page, "approve", comment=f"{stage}: agreed.")
        assert response.status_code == 200
        assert '"step": "success"' in response.content.decode()
        if position < len(expected_stages) - 1:
            # The editor hears of each approval.
            assert users["editor"].email in recipients()
    assert current_stage(page) is None


@pytest.mark.django_db
def test_category_c_runs_every_stage_and_publishes_at_the_end(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C")
    run_journey(client, users, page, STAGES)

    page.refresh_from_db()
    assert page.live
    assert users["editor"].email in recipients()  # told of the final sign-off
    decisions = list(SignOffDecision.objects.filter(page_id=page.pk).values_list("stage_name", "decision"))
    assert decisions == [(stage, "approved") for stage in STAGES]
    assert client.get(page.url).status_code == 200


@pytest.mark.django_db
def test_category_a_skips_four_stages_and_records_why(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="A")
    run_journey(client, users, page, STAGES[:1])

    page.refresh_from_db()
    assert page.live
    skipped = SignOffDecision.objects.filter(page_id=page.pk, decision="skipped")
    assert [d.stage_name for d in skipped] == STAGES[1:]
    assert all("category A" in d.comment for d in skipped)
    # The skips are in the page's history, which Wagtail would not record by itself.
    history = PageLogEntry.objects.filter(page=page, action="workflows.stage_skipped")
    assert history.count() == 4
    # Nobody in the skipped stages' groups was asked to act.
    for username in ("equality", "clinical", "lay", "governing"):
        assert users[username].email not in recipients()


@pytest.mark.django_db
def test_category_b_runs_three_stages_and_schedules_for_its_opening_day(client, users, signoff_index):
    opens = timezone.localdate() + datetime.timedelta(days=10)
    page = draft_plan(
        signoff_index, users["editor"], category="B", opens=opens, closes=opens + datetime.timedelta(weeks=12)
    )
    run_journey(client, users, page, STAGES[:3])

    page.refresh_from_db()
    assert not page.live, "a future opportunity waits for its opening day"
    revision = page.get_latest_revision()
    assert revision.approved_go_live_at.date() == opens
    assert [
        d.stage_name for d in SignOffDecision.objects.filter(page_id=page.pk, decision="skipped")
    ] == STAGES[3:]

    # Cron's publish_scheduled leaves it alone until the day comes, then publishes it.
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live
    # Time passes: the opening day arrives.
    moment = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = moment
    revision.content["go_live_at"] = moment.isoformat()
    revision.save()
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live


@pytest.mark.django_db
def test_other_pages_go_through_editorial_review_by_the_engagement_team(client, users, home):
    from django.urls import reverse
    from wagtail.test.utils.form_data import querydict_from_html

    from pages.models import StandardPage
    from pages.tests.factories import StandardPageFactory

    page = StandardPageFactory(parent=home, title="Our accessibility statement", live=False)
    page.save_revision(user=users["editor"])
    client.force_login(users["editor"])
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(client.get(edit).content.decode(), form_id="page-edit-form")
    data["body-count"] = "0"
    data["action-submit"] = "1"
    assert client.post(edit, data).status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Editorial review by the Engagement team"
    assert users["engagement"].email in recipients()
    assert not StandardPage.objects.get(pk=page.pk).live

    # An approver of consultation stages has no say here; the Engagement team does.
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    client.force_login(users["clinical"])
    assert client.post(url, {"comment": "fine"}).status_code in (302, 403)
    assert not StandardPage.objects.get(pk=page.pk).live
    client.force_login(users["engagement"])
    client.post(url, {"comment": "Reads well."})
    assert StandardPage.objects.get(pk=page.pk).live
