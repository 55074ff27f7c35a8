"""Submission guards and approval guards: clear reasons, nothing typed lost, nothing approved early."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.test.utils.form_data import querydict_from_html

from pages.models import OpportunityPage
from workflows.models import SignOffDecision, StakeholderRow
from workflows.tests.helpers import current_stage, decide, draft_plan, submit


def assert_refused(response, page, message, typed):
    """The editor is back on the form with the reason, every typed value intact, nothing submitted."""
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "The page could not be saved due to validation errors" in html
    sent_back = querydict_from_html(html, form_id="page-edit-form")
    for name, value in typed.items():
        assert (sent_back.get(name) or "").strip() == value, name
    assert current_stage(page) is None
    assert not mail.outbox


TYPED = {"title": "Our new title, typed just now", "plan_proposal": "A proposal typed just now."}


@pytest.mark.django_db
def test_category_must_be_set(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="")
    response = submit(client, users["editor"], page, **TYPED)
    assert_refused(response, page, "Choose the category (A, B or C)", TYPED)


@pytest.mark.django_db
def test_consultation_must_run_twelve_weeks_unless_a_reason_is_given(client, users, signoff_index):
    today = timezone.localdate()
    page = draft_plan(signoff_index, users["editor"], closes=today + datetime.timedelta(weeks=6))
    response = submit(client, users["editor"], page, **TYPED)
    assert_refused(response, page, "must run for at least 12 weeks", TYPED)

    response = submit(client, users["editor"], page, short_period_reason="Urgent patient safety issue.")
    assert response.status_code == 302
    assert current_stage(page) == "Engagement team review"


@pytest.mark.django_db
def test_exactly_twelve_weeks_is_long_enough(client, users, signoff_index):
    today = timezone.localdate()
    page = draft_plan(signoff_index, users["editor"], opens=today, closes=today + datetime.timedelta(days=83))
    assert submit(client, users["editor"], page).status_code == 302


@pytest.mark.django_db
def test_category_b_needs_a_stakeholder_analysis(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="B")
    StakeholderRow.objects.filter(page=page).delete()
    page = OpportunityPage.objects.get(pk=page.pk)
    page.save_revision(user=users["editor"])
    response = submit(client, users["editor"], page, **TYPED)
    assert_refused(response, page, "need a stakeholder analysis", TYPED)


@pytest.mark.django_db
def test_category_c_needs_an_eia_status(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C", eia_status="")
    response = submit(client, users["editor"], page, **TYPED)
    assert_refused(response, page, "need an equality impact assessment status", TYPED)


@pytest.mark.django_db
def test_public_summary_and_how_to_take_part_must_be_written(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], summary="", how_to_take_part="")
    response = submit(client, users["editor"], page, **TYPED)
    assert_refused(response, page, "Write the public summary", TYPED)
    assert "Say how to take part" in response.content.decode()


@pytest.mark.django_db
def test_saving_a_draft_is_never_blocked(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="")
    client.force_login(users["editor"])
    from workflows.tests.helpers import post_edit

    response = post_edit(client, page, action=None, title="Saved while incomplete")
    assert response.status_code == 302
    assert (
        OpportunityPage.objects.get(pk=page.pk).get_latest_revision_as_object().title
        == "Saved while incomplete"
    )


@pytest.mark.django_db
def test_every_stage_refuses_approval_until_the_eia_is_complete(client, users, signoff_index):
    """The guards are checked at every approval, against the content being approved: what stage 1
    approves is what goes live, so it cannot approve an unfinished assessment either."""
    page = draft_plan(signoff_index, users["editor"], category="B", eia_status="in_progress")
    submit(client, users["editor"], page)
    assert current_stage(page) == "Engagement team review"

    # The dialog says why before anyone types a comment…
    client.force_login(users["engagement"])
    from django.urls import reverse

    task_state = OpportunityPage.objects.get(pk=page.pk).current_workflow_task_state
    dialog = client.get(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert "equality impact assessment is not complete" in dialog.content.decode()
    # …so does the review page, which offers no Approve button…
    review = client.get(reverse("signoff_review", args=[task_state.pk])).content.decode()
    assert "equality impact assessment is not complete" in review
    assert 'value="approve"' not in review and 'value="reject"' in review

    # …and a direct approval is refused with the reason, leaving the stage waiting.
    response = decide(client, users["engagement"], page, "approve")
    assert response.status_code == 200
    assert current_stage(page) == "Engagement team review"
    follow = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert "equality impact assessment is not complete" in follow.content.decode()
    assert not SignOffDecision.objects.filter(decision="approved").exists()


@pytest.mark.django_db
def test_no_stage_approves_a_category_c_plan_until_osc_is_notified(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C", osc_notified_on=None)
    submit(client, users["editor"], page)
    decide(client, users["engagement"], page, "approve")
    assert current_stage(page) == "Engagement team review"
    assert not SignOffDecision.objects.filter(decision="approved").exists()
    assert not OpportunityPage.objects.get(pk=page.pk).live


@pytest.mark.django_db
def test_a_short_consultation_is_refused_on_the_closing_date_and_the_reason(client, users, signoff_index):
    """The error sits on the field the editor must change: the closing date, or the reason."""
    today = timezone.localdate()
    page = draft_plan(signoff_index, users["editor"], closes=today + datetime.timedelta(days=13))
    response = submit(client, users["editor"], page)
    form = response.context["form"]
    assert "must run for at least 12 weeks" in " ".join(form.errors["closes"])
    assert "must run for at least 12 weeks" in " ".join(form.errors["short_period_reason"])
