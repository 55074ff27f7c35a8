"""Who may draft, publish, unpublish and delete pages, and decide each sign-off stage.

The rows and checks of the permission matrix for pages (workflows/tests/permission_matrix.py).
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import (
    Collection,
    Page,
    Revision,
    TaskState,
    WorkflowState,
)

from core import roles
from pages.models import OpportunityPage, StandardPage
from workflows.models import SignOffDecision
from workflows.tests.helpers import AJAX, current_stage, draft_plan, edit_url, editor_form
from workflows.tests.permission_matrix import (
    ANONYMOUS,
    EDITORS,
    ENGAGEMENT,
    EQUALITY,
    MARKER,
    PAGE_WRITERS,
    ROLES,
    STAGE_GROUPS,
    STAGE_NAMES,
    SUPERUSER,
    Matrix,
    assert_refused,
    assert_shown_or_refused,
    body,
    is_live,
    latest_title,
    standard_page_data,
)

MATRIX = Matrix(
    {
        # Pages. Nobody publishes a page except through sign-off, bar superusers.
        "view a draft in the page editor and its preview": PAGE_WRITERS | {SUPERUSER},
        "see a draft at its public address": set(),  # not live: 404 for everyone, signed in or not
        "edit a page and save a draft": PAGE_WRITERS | {SUPERUSER},
        # While a plan waits at a stage after the first, nobody changes it: its editors, the stage's own
        # approvers and the later ones request changes instead. A superuser's correction starts
        # sign-off again from the first stage (test_signoff_attacks.py).
        "edit a plan awaiting the Equality impact check": {SUPERUSER},
        "publish a page from the page editor, the bulk action or a copy": {SUPERUSER},
        "unpublish a live page, one at a time or in bulk": {SUPERUSER},
        "delete a live page, one at a time or in bulk": {SUPERUSER},
        # Equality impact assessments and other plan documents: any signed-in account.
        "download a document from the internal plans collection": set(ROLES) - {ANONYMOUS},
        # Sign-off: each stage is approved by its own group only, superusers included; a superuser may
        # send a plan back. The person who submitted a plan never decides its stages, and nobody
        # approves two stages of one plan (four eyes: test_permissions.py, test_signoff_attacks.py).
        **{f"approve at {stage}": {group} for stage, group in zip(STAGE_NAMES, STAGE_GROUPS, strict=True)},
        **{
            f"request changes at {stage}": {group, SUPERUSER}
            for stage, group in zip(STAGE_NAMES, STAGE_GROUPS, strict=True)
        },
        # The sign-off's own screens and the routes round it.
        "open the review page of a plan waiting at Engagement team review": {ENGAGEMENT, SUPERUSER},
        "decide a stage from the page editor's form instead of the review page": set(),
        "cancel a plan's review, giving a reason": {EDITORS, ENGAGEMENT},  # its submitter is an editor
        "publish an unsigned plan by the editor, a revert, a schedule, the bulk action or a copy": set(),
        "move a plan's equality impact assessment out of the internal collection": set(),
    }
)
action = MATRIX.action


@action("view a draft in the page editor and its preview")
def view_draft(client, world, role, allowed):
    page = world.draft()
    responses = [
        client.get(edit_url(page)),
        client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk])),
    ]
    assert_shown_or_refused(responses, role, allowed)


@action("see a draft at its public address")
def draft_public_address(client, world, role, allowed):
    page = world.draft()
    response = client.get(f"/{page.slug}/")
    if allowed:
        assert response.status_code == 200 and MARKER in body(response)
    else:
        assert response.status_code == 404
        assert MARKER not in body(response)


@action("edit a page and save a draft")
def edit_page(client, world, role, allowed):
    page = world.draft()
    revisions = page.revisions.count()
    form = client.get(edit_url(page))
    response = client.post(edit_url(page), standard_page_data(page, title=f"Changed by {role}"))
    if allowed:
        assert form.status_code == 200
        assert response.status_code == 302 and response["Location"] == edit_url(page)
        assert latest_title(page) == f"Changed by {role}"
        assert not is_live(page)
    else:
        assert_refused(form, role)
        assert_refused(response, role)
        assert page.revisions.count() == revisions
        assert MARKER in latest_title(page)


@action("edit a plan awaiting the Equality impact check")
def edit_plan_in_sign_off(client, world, role, allowed):
    page = world.plan_at(1)
    if role in PAGE_WRITERS | {EQUALITY, SUPERUSER}:
        # They can open the editor: send back its form as the browser would, with one change.
        data = editor_form(client, page)
        data["plan_proposal"] = f"Rewritten by {role}"
    else:
        # Turned away before the form is read, so what they send does not matter.
        data = {"title": page.title, "plan_proposal": f"Rewritten by {role}"}
    response = client.post(edit_url(page), data)
    latest = Page.objects.get(pk=page.pk).get_latest_revision().as_object()
    if allowed:
        assert response.status_code == 302
        assert latest.plan_proposal == f"Rewritten by {role}"
        # Changed after the Engagement team approved it: sign-off starts again.
        assert current_stage(page) == "Engagement team review"
        return
    if role in PAGE_WRITERS | {EQUALITY}:
        # They may open the editor, but the page is locked to them while the stage decides.
        assert response.status_code == 200
        assert "The page could not be saved as it is locked." in body(response)
    else:
        assert_refused(response, role)
    assert latest.plan_proposal == "Move the clinic."
    assert current_stage(page) == "Equality impact check"


def bulk_url(action_name, page):
    return reverse("wagtail_bulk_action", args=["wagtailcore", "page", action_name]) + f"?id={page.pk}"


def assert_bulk_refused(response, role):
    """A bulk action drops the pages someone may not act on and shows itself again with none left."""
    if role == ANONYMOUS:
        assert_refused(response, role)
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/bulk/") and "id=" not in response["Location"]


@action("publish a page from the page editor, the bulk action or a copy")
def publish(client, world, role, allowed):
    in_editor = world.draft()
    by_bulk = world.draft(title=f"Another {MARKER} draft", slug="another-draft")
    original = world.live_page()
    response = client.post(edit_url(in_editor), {**standard_page_data(in_editor), "action-publish": "1"})
    bulk = client.post(bulk_url("publish", by_bulk), {"include_descendants": ""})
    copy = client.post(
        reverse("wagtailadmin_pages:copy", args=[original.pk]),
        {
            "new_title": "Copied page",
            "new_slug": "copied-page",
            "new_parent_page": world.home.pk,
            "publish_copies": "on",
        },
    )
    copies = StandardPage.objects.filter(slug="copied-page")
    if allowed:
        assert response.status_code == 302 and bulk.status_code == 302 and copy.status_code == 302
        assert is_live(in_editor) and is_live(by_bulk)
        assert copies.get().live
    else:
        if role in PAGE_WRITERS:
            # The editor ignores a publish button they do not have and saves a draft instead;
            # a copy is made as a draft.
            assert response.status_code == 302 and response["Location"] == edit_url(in_editor)
            assert copy.status_code == 302 and not copies.get().live
        else:
            assert_refused(response, role)
            assert_refused(copy, role)
            assert not copies.exists()
        assert_bulk_refused(bulk, role)
        assert not is_live(in_editor) and not is_live(by_bulk)


@action("unpublish a live page, one at a time or in bulk")
def unpublish(client, world, role, allowed):
    page = world.live_page()
    other = world.live_page(slug="other-live-page")
    url = reverse("wagtailadmin_pages:unpublish", args=[page.pk])
    confirm = client.get(url)
    response = client.post(url)
    bulk = client.post(bulk_url("unpublish", other), {"include_descendants": ""})
    if allowed:
        assert confirm.status_code == 200 and response.status_code == 302 and bulk.status_code == 302
        assert not is_live(page) and not is_live(other)
    else:
        assert_refused(confirm, role)
        assert_refused(response, role)
        assert_bulk_refused(bulk, role)
        assert is_live(page) and is_live(other)


@action("delete a live page, one at a time or in bulk")
def delete(client, world, role, allowed):
    page = world.live_page()
    other = world.live_page(slug="other-live-page")
    url = reverse("wagtailadmin_pages:delete", args=[page.pk])
    confirm = client.get(url)
    response = client.post(url)
    bulk = client.post(bulk_url("delete", other))
    if allowed:
        assert confirm.status_code == 200 and response.status_code == 302 and bulk.status_code == 302
        assert not Page.objects.filter(pk__in=[page.pk, other.pk]).exists()
    else:
        assert_refused(confirm, role)
        assert_refused(response, role)
        assert_bulk_refused(bulk, role)
        assert is_live(page) and is_live(other)


@action("download a document from the internal plans collection")
def internal_document(client, world, role, allowed):
    document = Document(
        title="Equality impact assessment", collection=Collection.objects.get(name=roles.INTERNAL_COLLECTION)
    )
    document.file.save("eia-matrix.txt", ContentFile(f"Impact on the {MARKER} ward".encode()), save=True)
    try:
        response = client.get(document.url)
        if allowed:
            assert response.status_code == 200
            assert MARKER in body(response)
        else:
            # Sent to log in first.
            assert response.status_code == 302 and "login" in response["Location"]
            assert MARKER not in body(response)
    finally:
        document.file.delete(save=False)


def decide_stage(stage, verb):
    workflow_action = "approve" if verb == "approve" else "reject"

    def decide(client, world, role, allowed):
        page = world.plan_at(stage)
        state = page.current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, workflow_action, state.pk])
        response = client.post(url, {"comment": f"Decided by {role}."}, **AJAX)
        state.refresh_from_db()
        decisions = SignOffDecision.objects.filter(task_state=state).exclude(decision="skipped")
        if allowed:
            assert response.status_code == 200
            assert response.json()["step"] == "success"
            assert decisions.get().comment == f"Decided by {role}."
            if workflow_action == "approve":
                assert state.status == TaskState.STATUS_APPROVED
                last = stage == len(STAGE_NAMES) - 1
                assert is_live(page) == last
                assert current_stage(page) == (None if last else STAGE_NAMES[stage + 1])
            else:
                assert state.status == TaskState.STATUS_REJECTED
                assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
                assert not is_live(page)
        else:
            # The dialog posts with XMLHttpRequest, which the admin answers with a plain 403.
            assert response.status_code == 403
            assert state.status == TaskState.STATUS_IN_PROGRESS
            assert not decisions.exists()
            assert current_stage(page) == STAGE_NAMES[stage]
            assert not is_live(page)

    return decide


for _stage, _name in enumerate(STAGE_NAMES):
    for _verb in ("approve", "request changes"):
        action(f"{_verb} at {_name}")(decide_stage(_stage, _verb))


@action("open the review page of a plan waiting at Engagement team review")
def open_review_page(client, world, role, allowed):
    page = world.plan_at(0)
    state = page.current_workflow_task_state
    response = client.get(reverse("signoff_review", args=[state.pk]))
    assert_shown_or_refused([response], role, allowed)


@action("decide a stage from the page editor's form instead of the review page")
def decide_from_the_edit_form(client, world, role, allowed):
    page = world.plan_at(0)
    revisions = page.revisions.count()
    data = {"title": page.title}
    if role in PAGE_WRITERS | {SUPERUSER}:
        data = editor_form(client, page)
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": '{"comment": "From the form."}',
        }
    )
    response = client.post(edit_url(page), data)
    assert not allowed
    assert response.status_code in (302, 403)
    assert page.revisions.count() == revisions
    assert current_stage(page) == STAGE_NAMES[0]
    assert not SignOffDecision.objects.filter(comment="From the form.").exists()


@action("cancel a plan's review, giving a reason")
def cancel_review(client, world, role, allowed):
    page = world.plan_at(1)
    url = reverse("signoff_cancel", args=[page.pk])
    form = client.get(url)
    response = client.post(url, {"comment": f"Withdrawn by {role}."})
    page.refresh_from_db()
    cancelled = SignOffDecision.objects.filter(decision="cancelled", comment=f"Withdrawn by {role}.")
    if allowed:
        assert form.status_code == 200 and response.status_code == 302
        assert page.current_workflow_state is None and cancelled.exists()
    else:
        assert_refused(form, role)
        assert_refused(response, role)
        assert current_stage(page) == STAGE_NAMES[1] and not cancelled.exists()


@action("publish an unsigned plan by the editor, a revert, a schedule, the bulk action or a copy")
def publish_unsigned_plan(client, world, role, allowed):
    page = world.plan_at(1)
    other = draft_plan(world.index, world.editor, title=f"Another {MARKER} plan", slug="another-plan")
    data = editor_form(client, page) if role in PAGE_WRITERS | {EQUALITY, SUPERUSER} else {"title": "x"}
    client.post(edit_url(page), {**data, "action-publish": "1"})
    revert = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, page.get_latest_revision().pk])
    client.post(revert, {**data, "action-publish": "1"})
    client.post(edit_url(page), {**data, "action-publish": "1", "go_live_at": "2030-01-01 09:00"})
    client.post(bulk_url("publish", other), {"include_descendants": ""})
    client.post(
        reverse("wagtailadmin_pages:copy", args=[other.pk]),
        {"new_title": "Copy", "new_slug": "copy", "new_parent_page": world.index.pk, "publish_copies": "on"},
    )
    assert not allowed
    assert not OpportunityPage.objects.filter(live=True).exists()
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()


@action("move a plan's equality impact assessment out of the internal collection")
def move_eia_out(client, world, role, allowed):
    internal = Collection.objects.get(name=roles.INTERNAL_COLLECTION)
    document = Document(title=f"{MARKER} EIA", collection=internal)
    document.file.save("eia-move.txt", ContentFile(b"Impact"), save=True)
    try:
        draft_plan(world.index, world.editor, title=f"The {MARKER} plan", eia_document=document)
        public = Collection.get_first_root_node()
        client.post(
            reverse("wagtaildocs:edit", args=[document.pk]),
            {"title": document.title, "collection": public.pk},
        )
        bulk = reverse("wagtail_bulk_action", args=["wagtaildocs", "document", "add_to_collection"])
        client.post(f"{bulk}?id={document.pk}", {"collection": public.pk})
        assert not allowed
        document.refresh_from_db()
        assert document.collection == internal
    finally:
        document.file.delete(save=False)


def test_every_action_has_a_check_and_every_role_is_known():
    MATRIX.assert_complete()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), MATRIX.cases())
def test_permission_matrix(client, world, name, role):
    MATRIX.run(client, world, name, role)
