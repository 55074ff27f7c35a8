"""The ways a category C consultation once went live without the stages its category needs, each
tried again through the addresses a person would use. Every one must now fail."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Collection, Page, TaskState, WorkflowState

from core import roles
from pages.models import OpportunityIndexPage, OpportunityPage, StandardPage
from pages.tests.factories import StandardPageFactory
from workflows.models import SignOffDecision
from workflows.tests.helpers import (
    AJAX,
    current_stage,
    decide,
    draft_plan,
    edit_url,
    editor_form,
    post_edit,
    submit,
)

LATER_STAGES = ("equality", "clinical", "lay", "governing")


def queue(client):
    """The "Awaiting your sign-off" panel of the signed-in person's dashboard."""
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    start = html.index('id="awaiting-signoff-content"')
    return html[start : html.index("</section>", start)]


def live(page):
    return OpportunityPage.objects.get(pk=page.pk).live


def latest(page):
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()


def colleague_of(users, username, name):
    user = type(users[username]).objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.set(users[username].groups.all())
    return user


def returned_at_clinical(client, users, page):
    submit(client, users["editor"], page)
    decide(client, users["engagement"], page, "approve")
    decide(client, users["equality"], page, "approve")
    decide(client, users["clinical"], page, "reject", comment="Not yet.")
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES


# 1. The editor lowers the category when resubmitting ---------------------------------------------


@pytest.mark.django_db
def test_an_editor_cannot_lower_the_category_when_resubmitting(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C")
    returned_at_clinical(client, users, page)

    response = submit(client, users["editor"], page, category="A")
    assert response.status_code == 200
    assert "Only the Engagement team can change it" in " ".join(response.context["form"].errors["category"])
    assert latest(page).category == "C"
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not live(page)


@pytest.mark.django_db
def test_a_category_lowered_by_any_route_still_needs_the_stages_of_what_goes_live(
    client, users, signoff_index
):
    """Even if the category reached a resubmission by a route that skips the form, sign-off restarts:
    category A needs only stage 1, but stage 1 then approves the new content, as the Engagement
    team's judgement, in the log; nothing the later stages saw is carried over."""
    page = draft_plan(signoff_index, users["editor"], category="C")
    returned_at_clinical(client, users, page)
    changed = latest(page)
    changed.category = "A"
    changed.save_revision(user=users["editor"])
    submit(client, users["editor"], page)
    assert current_stage(page) == "Engagement team review"
    assert not live(page)
    assert SignOffDecision.objects.filter(page_id=page.pk, decision="restarted").exists()


# 2. An approver lowers or blanks the category at their own stage ---------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("category", ["A", ""])
def test_a_later_approver_cannot_change_the_plan_at_their_stage(client, users, signoff_index, category):
    page = draft_plan(signoff_index, users["editor"], category="C")
    submit(client, users["editor"], page)
    decide(client, users["engagement"], page, "approve")
    client.force_login(users["equality"])
    response = post_edit(client, page, action=None, category=category, category_change_reason="Lower.")
    assert "The page could not be saved as it is locked." in response.content.decode()
    assert latest(page).category == "C"
    assert current_stage(page) == "Equality impact check"


@pytest.mark.django_db
def test_approving_from_the_edit_form_neither_saves_nor_decides(client, users, signoff_index):
    """The edit form's approve action once saved the approver's own edit and published that. Now
    it is refused before the form is read: nothing saved, nothing decided."""
    page = draft_plan(signoff_index, users["editor"], category="C")
    submit(client, users["editor"], page)
    client.force_login(users["engagement"])
    revisions = page.revisions.count()
    data = editor_form(client, page)
    data.update(
        {
            "category": "A",
            "category_change_reason": "Lower it.",
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": "Approved with my edit."}),
        }
    )
    response = client.post(edit_url(page), data)
    task_state = OpportunityPage.objects.get(pk=page.pk).current_workflow_task_state
    assert response.status_code == 302
    assert response["Location"] == reverse("signoff_review", args=[task_state.pk])
    assert page.revisions.count() == revisions
    assert latest(page).category == "C"
    assert current_stage(page) == "Engagement team review"
    assert not SignOffDecision.objects.filter(decision="approved").exists()


@pytest.mark.django_db
def test_the_engagement_team_alone_cannot_publish_a_category_c_plan(client, users, signoff_index):
    """Blanking the category at stage 1 makes the consultation unapprovable; lowering it is recorded
    and needs a second member of the team, and the public page then says what was approved."""
    page = draft_plan(signoff_index, users["editor"], category="C")
    submit(client, users["editor"], page)
    client.force_login(users["engagement"])
    post_edit(client, page, action=None, category="", category_change_reason="No category.")
    assert decide(client, colleague_of(users, "engagement", "e2"), page, "approve").status_code == 200
    assert current_stage(page) == "Engagement team review"
    assert not live(page)
    assert not SignOffDecision.objects.filter(decision="approved").exists()


# 3. A second opportunity index ---------------------------------------------------------------


@pytest.mark.django_db
def test_an_opportunity_follows_consultation_sign_off_wherever_it_is(client, users, signoff_index, home):
    client.force_login(users["editor"])
    add = reverse("wagtailadmin_pages:add", args=["pages", "opportunityindexpage", home.pk])
    response = client.post(
        add, {"title": "Have your say", "slug": "have-your-say", "intro": "", "body-count": "0"}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    second = OpportunityIndexPage.objects.get(slug="have-your-say")
    assert second.get_workflow().name == roles.EDITORIAL_REVIEW

    page = draft_plan(signoff_index, users["editor"], category="C")
    move = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, second.pk])
    assert client.post(move).status_code == 302
    page = OpportunityPage.objects.get(pk=page.pk)
    assert page.get_parent().pk == second.pk
    assert page.get_workflow().name == roles.CONSULTATION_SIGNOFF

    submit(client, users["editor"], page)
    decide(client, users["engagement"], page, "approve")
    assert current_stage(page) == "Equality impact check"
    assert not live(page)
    assert SignOffDecision.objects.filter(page_id=page.pk, decision="approved").count() == 1


# 4. Self-approval in Editorial review ---------------------------------------------------------


@pytest.mark.django_db
def test_nobody_approves_their_own_page_in_editorial_review(client, users, home):
    author = users["engagement"]
    page = StandardPageFactory(parent=home, title="Our accessibility statement", live=False)
    page.save_revision(user=author)
    client.force_login(author)
    data = editor_form(client, page)
    data["action-submit"] = "1"
    assert client.post(edit_url(page), data).status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_task.name == roles.EDITORIAL_TASK

    assert decide(client, author, page, "approve").status_code == 403
    assert "Our accessibility statement" not in queue(client)
    assert not StandardPage.objects.get(pk=page.pk).live

    colleague = colleague_of(users, "engagement", "e2")
    assert decide(client, colleague, page, "approve", comment="Reads well.").status_code == 200
    assert StandardPage.objects.get(pk=page.pk).live
    row = SignOffDecision.objects.get(page_id=page.pk, decision="approved")
    assert (row.stage, row.user, row.submitted_by) == ("editorial_review", colleague, author)


# 5. Guards only at submission ----------------------------------------------------------------


@pytest.mark.django_db
def test_setting_the_eia_back_after_approval_means_no_stage_can_approve(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C")
    returned_at_clinical(client, users, page)
    submit(client, users["editor"], page, eia_status="not_started")
    assert current_stage(page) == "Engagement team review"
    decide(client, users["engagement"], page, "approve")
    assert current_stage(page) == "Engagement team review"
    assert not live(page)


@pytest.mark.django_db
def test_a_consultation_shortened_during_sign_off_cannot_be_approved(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C")
    submit(client, users["editor"], page)
    client.force_login(users["engagement"])
    short = page.opens.replace(day=page.opens.day)  # same day
    response = post_edit(client, page, action=None, closes=str(short))
    assert response.status_code == 302
    decide(client, colleague_of(users, "engagement", "e2"), page, "approve")
    assert current_stage(page) == "Engagement team review"
    assert not SignOffDecision.objects.filter(decision="approved").exists()


@pytest.mark.django_db
def test_a_superusers_change_during_sign_off_starts_it_again(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C")
    submit(client, users["editor"], page)
    for username in ("engagement", "equality", "clinical", "lay"):
        decide(client, users[username], page, "approve")
    client.force_login(users["admin"])
    post_edit(client, page, action=None, short_period_reason="", plan_proposal="Quietly rewritten.")
    assert current_stage(page) == "Engagement team review"
    decide(client, users["governing"], page, "approve")
    assert not live(page)
    restarted = SignOffDecision.objects.get(page_id=page.pk, decision="restarted")
    assert restarted.user == users["admin"]


# 6. Other gaps ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_one_person_in_three_groups_approves_one_stage(client, users, signoff_index):
    multi = type(users["editor"]).objects.create_user("multi", "multi@example.org", "pw")
    multi.groups.set(
        Group.objects.filter(name__in=[roles.ENGAGEMENT_TEAM, roles.EQUALITY_LEAD, roles.CLINICAL_LEADS])
    )
    page = draft_plan(signoff_index, users["editor"], category="C", title="Closing the minor injuries unit")
    submit(client, users["editor"], page)
    assert decide(client, multi, page, "approve").status_code == 200
    assert current_stage(page) == "Equality impact check"
    assert decide(client, multi, page, "approve").status_code == 403
    assert current_stage(page) == "Equality impact check"
    task_state = OpportunityPage.objects.get(pk=page.pk).current_workflow_task_state
    review = client.get(reverse("signoff_review", args=[task_state.pk])).content.decode()
    assert "one person approves one stage" in review
    assert "Closing the minor injuries unit" not in queue(client)


@pytest.mark.django_db
def test_cancelling_needs_the_submitter_or_the_engagement_team_and_a_reason(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C")
    submit(client, users["editor"], page)
    decide(client, users["engagement"], page, "approve")
    decide(client, users["equality"], page, "approve")
    cancel = reverse("signoff_cancel", args=[page.pk])

    # A stage approver can neither post the editor's own cancel action nor use the cancel page.
    client.force_login(users["clinical"])
    data = editor_form(client, page)
    data["action-cancel-workflow"] = "1"
    client.post(edit_url(page), data)
    assert client.post(cancel, {"comment": "Stop."}).status_code in (302, 403)
    assert current_stage(page) == "Clinical lead sign-off"

    # The submitter can, with a reason.
    client.force_login(users["editor"])
    response = client.post(cancel, {"comment": "  "})
    assert response.status_code == 200 and "Say why you are cancelling" in response.content.decode()
    assert current_stage(page) == "Clinical lead sign-off"
    assert client.post(cancel, {"comment": "The proposal has been withdrawn."}).status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state is None
    row = SignOffDecision.objects.get(page_id=page.pk, decision="cancelled")
    assert (row.user, row.comment, row.stage) == (
        users["editor"],
        "The proposal has been withdrawn.",
        "clinical_signoff",
    )


@pytest.mark.django_db
def test_a_plans_eia_cannot_be_made_public(client, users, signoff_index):
    internal = Collection.objects.get(name=roles.INTERNAL_COLLECTION)
    public = Collection.get_first_root_node()
    document = Document(title="EIA for the walk-in centre", collection=internal)
    document.file.save("eia.txt", ContentFile(b"Impact"), save=True)
    try:
        draft_plan(signoff_index, users["editor"], category="C", eia_document=document)
        client.force_login(users["editor"])
        url = reverse("wagtaildocs:edit", args=[document.pk])
        response = client.post(url, {"title": document.title, "collection": public.pk, "tags": ""})
        assert response.status_code == 200
        assert "must stay in the" in response.content.decode()
        bulk = reverse("wagtail_bulk_action", args=["wagtaildocs", "document", "add_to_collection"])
        client.post(f"{bulk}?id={document.pk}", {"collection": public.pk})
        document.refresh_from_db()
        assert document.collection == internal
        document.collection = public
        with pytest.raises(ValidationError):
            document.save()
        assert Document.objects.get(pk=document.pk).collection == internal
    finally:
        document.file.delete(save=False)


# 7. Decided once, as a person sees it ---------------------------------------------------------------


def review_post(client, page, decision="approve", comment="Agreed.", revision=None):
    page = OpportunityPage.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    revision = revision or page.get_latest_revision().pk
    url = reverse("signoff_review", args=[task_state.pk])
    return client.post(url, {"decision": decision, "comment": comment, "revision": revision})


@pytest.mark.django_db
def test_a_decision_is_taken_once_and_lands_on_the_queue_with_a_message(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C", title="Moving the walk-in centre")
    submit(client, users["editor"], page)
    decide(client, users["engagement"], page, "approve")
    client.force_login(users["equality"])
    revisions = page.revisions.count()
    task_state = OpportunityPage.objects.get(pk=page.pk).current_workflow_task_state
    first = review_post(client, page, comment="Assessment agreed.")
    assert first.status_code == 302
    landing = client.get(first["Location"], follow=True)
    assert landing.request["PATH_INFO"] == reverse("wagtailadmin_home")
    assert (
        "You approved Equality impact check of “Moving the walk-in centre”. "
        "It now waits for Clinical lead sign-off."
    ) in landing.content.decode()

    # The same post again (a double click, a retry) decides nothing more.
    url = reverse("signoff_review", args=[task_state.pk])
    again = client.post(url, {"decision": "approve", "comment": "Assessment agreed.", "revision": "1"})
    assert again.status_code == 302 and again["Location"] == reverse("wagtailadmin_home")
    assert SignOffDecision.objects.filter(stage="equality_check", decision="approved").count() == 1
    assert current_stage(page) == "Clinical lead sign-off"
    # Approving made no revision, and the history does not say the approver edited anything.
    assert page.revisions.count() == revisions
    assert not page.revisions.filter(user=users["equality"]).exists()


@pytest.mark.django_db
def test_autosave_posting_the_approval_again_changes_nothing(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="A")
    submit(client, users["editor"], page)
    client.force_login(users["engagement"])
    data = editor_form(client, page)
    review_post(client, page)
    page = OpportunityPage.objects.get(pk=page.pk)
    assert page.live
    published = page.live_revision_id
    revisions = page.revisions.count()
    # A second later the editor's autosave posts the form again, with the approval in it.
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": "Agreed."}),
        }
    )
    response = client.post(edit_url(page), data, HTTP_ACCEPT="application/json")
    page = OpportunityPage.objects.get(pk=page.pk)
    assert response.status_code in (200, 400)
    assert page.live and page.live_revision_id == published
    assert page.revisions.count() == revisions
    assert SignOffDecision.objects.filter(decision="approved").count() == 1
    assert client.get(page.url).status_code == 200


@pytest.mark.django_db
def test_a_form_loaded_before_publication_cannot_take_it_offline(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="A")
    submit(client, users["editor"], page)
    stale = OpportunityPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    review_client = type(client)()
    review_client.force_login(users["engagement"])
    review_post(review_client, page)
    approved = OpportunityPage.objects.get(pk=page.pk).live_revision_id
    # The stale copy, loaded as a draft, is saved after the publication (as an editor's form does).
    stale.title = stale.title
    stale.save()
    page = OpportunityPage.objects.get(pk=page.pk)
    assert page.live and page.live_revision_id == approved
    assert client.get(page.url).status_code == 200


@pytest.mark.django_db
def test_a_decision_on_content_the_approver_did_not_see_is_refused(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="A")
    submit(client, users["editor"], page)
    seen = OpportunityPage.objects.get(pk=page.pk).get_latest_revision().pk
    # A colleague corrects the summary after the approver opened the page.
    editor_client = type(client)()
    editor_client.force_login(colleague_of(users, "engagement", "e2"))
    post_edit(editor_client, page, action=None, summary="A corrected summary.")
    client.force_login(users["engagement"])
    response = review_post(client, page, revision=seen)
    assert response.status_code == 200
    assert "has changed since you opened it" in response.content.decode()
    assert not live(page)
    assert TaskState.objects.filter(status="approved").count() == 0


@pytest.mark.django_db
def test_approve_and_request_changes_are_visible_actions_in_the_editor(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C")
    submit(client, users["editor"], page)
    client.force_login(users["engagement"])
    html = client.get(edit_url(page)).content.decode()
    task_state = OpportunityPage.objects.get(pk=page.pk).current_workflow_task_state
    assert reverse("signoff_review", args=[task_state.pk]) in html
    assert "Review and decide" in html
    review = client.get(reverse("signoff_review", args=[task_state.pk])).content.decode()
    assert 'value="approve"' in review and 'value="reject"' in review
    # The review shows the plan itself, not only the public page.
    assert "Move the clinic." in review
    assert "workflow-action-name" not in html


@pytest.mark.django_db
def test_the_dialog_and_review_say_why_before_anyone_types(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C")
    submit(client, users["editor"], page)
    client.force_login(users["editor"])
    task_state = OpportunityPage.objects.get(pk=page.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    assert client.get(url, **AJAX).status_code == 403
