"""Who can do what: every role against every sensitive action, through the admin's real addresses.

ALLOWED is the reference for the site's permissions. Each row names an action and the roles that may
take it; every other role must be refused. Each case signs in as one role (or none), uses the same
addresses a browser would, and checks both the answer (the page, a redirect to log in, a refusal)
and the effect (whether the page went live, the stage was decided, the member was erased…), so a
refusal that still did the thing fails.
"""

import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    ModelLogEntry,
    Page,
    Revision,
    Site,
    TaskState,
    Workflow,
    WorkflowState,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core import roles
from involvement.models import Feedback, FeedbackTheme
from involvement.tests.factories import FeedbackFactory, MemberFactory
from pages.models import OpportunityPage, OrganisationSettings, StandardPage
from pages.tests.factories import OpportunityPageFactory, StandardPageFactory, days
from workflows.models import SignOffDecision
from workflows.tests.helpers import AJAX, current_stage, draft_plan, edit_url, editor_form

# The roles -------------------------------------------------------------------------------------

ANONYMOUS = "anonymous visitor"
SUPERUSER = "superuser"
EDITORS = roles.EDITORS
ENGAGEMENT = roles.ENGAGEMENT_TEAM
EQUALITY = roles.EQUALITY_LEAD
CLINICAL = roles.CLINICAL_LEADS
LAY = roles.LAY_MEMBERS
GOVERNING = roles.GOVERNING_BODY

ROLES = [ANONYMOUS, EDITORS, ENGAGEMENT, EQUALITY, CLINICAL, LAY, GOVERNING, SUPERUSER]
APPROVERS = {ENGAGEMENT, EQUALITY, CLINICAL, LAY, GOVERNING}
PAGE_WRITERS = {EDITORS, ENGAGEMENT}
STAGE_GROUPS = [group for _model, _name, group in roles.SIGNOFF_STAGES]
STAGE_NAMES = [name for _model, name, _group in roles.SIGNOFF_STAGES]

# The reference: who may do what -----------------------------------------------------------------

ALLOWED = {
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
    # Personal data: the Engagement team only.
    "view and export the involvement register": {ENGAGEMENT, SUPERUSER},
    "erase a register member's personal data": {ENGAGEMENT, SUPERUSER},
    "confirm a sign-up by post or phone for the person": {ENGAGEMENT, SUPERUSER},
    # The audit history names the staff who looked at someone's data: only those who may see it.
    "open a register member's or a feedback item's audit history": {ENGAGEMENT, SUPERUSER},
    "read and triage feedback": {ENGAGEMENT, SUPERUSER},
    "write and send an invitation to an opportunity's matching members": {ENGAGEMENT, SUPERUSER},
    "see an opportunity's letter and call lists": {ENGAGEMENT, SUPERUSER},
    "see the outbox and the messages in it": {ENGAGEMENT, SUPERUSER},
    "send a failed message again": {ENGAGEMENT, SUPERUSER},
    # Reports.
    "view and export the sign-off log": APPROVERS | {SUPERUSER},
    "view the Feedback overdue report": PAGE_WRITERS | {SUPERUSER},
    "view a page's history": PAGE_WRITERS | {SUPERUSER},
    "see page changes in the site history": PAGE_WRITERS | {SUPERUSER},
    "view the workflow reports": PAGE_WRITERS | {SUPERUSER},
    # Administration.
    "change the organisation settings": {SUPERUSER},
    "change workflows": {SUPERUSER},
    "manage users and groups": {SUPERUSER},
}

MARKER = "Quillfeatherstone"  # a word that appears only in the record each action is about


# Fixtures and helpers ------------------------------------------------------------------------


class World:
    """The people and the things each action needs, made only when an action asks for them."""

    def __init__(self, users, index, home):
        self.by_role = {
            EDITORS: users["editor"],
            ENGAGEMENT: users["engagement"],
            EQUALITY: users["equality"],
            CLINICAL: users["clinical"],
            LAY: users["lay"],
            GOVERNING: users["governing"],
            SUPERUSER: users["admin"],
        }
        self.editor = users["editor"]
        self.admin = users["admin"]
        self.index = index
        self.home = home

    def draft(self, title=f"Draft about the {MARKER} clinic", slug="draft-page"):
        page = StandardPageFactory(parent=self.home, title=title, slug=slug, live=False, owner=self.editor)
        page.save_revision(user=self.editor, log_action=True)
        return StandardPage.objects.get(pk=page.pk)

    def live_page(self, slug="live-page"):
        page = StandardPageFactory(parent=self.home, title=f"The {MARKER} page", slug=slug)
        page.save_revision(user=self.editor).publish(user=self.admin)
        return StandardPage.objects.get(pk=page.pk)

    def plan_at(self, stage):
        """A category C plan submitted for sign-off and approved up to (not including) `stage`,
        each earlier stage by its own approver."""
        page = draft_plan(self.index, self.editor, title=f"The {MARKER} plan")
        page.get_workflow().start(page, self.editor)
        for group in STAGE_GROUPS[:stage]:
            page.refresh_from_db()
            state = page.current_workflow_task_state
            approver = self.by_role[group]
            state.task.specific.on_action(state, approver, "approve", comment="Earlier stage agreed.")
        assert current_stage(page) == STAGE_NAMES[stage]
        page.refresh_from_db()
        return page


@pytest.fixture
def world(users, signoff_index, home):
    return World(users, signoff_index, home)


def sign_in(client, world, role):
    if role != ANONYMOUS:
        client.force_login(world.by_role[role])


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def assert_shown_or_refused(responses, role, allowed):
    """Allowed: each page opens and shows the marked object. Otherwise: each is refused."""
    for response in responses:
        if allowed:
            assert response.status_code == 200
            assert MARKER in body(response)
        else:
            assert_refused(response, role)


def assert_refused(response, role):
    """Sent to log in when anonymous; otherwise a 403, or Wagtail's redirect to the dashboard."""
    if role == ANONYMOUS:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith("/admin/login/"), response["Location"]
        return
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home"), response["Location"]
    assert MARKER not in body(response)


def standard_page_data(page, **changes):
    """The editor's form for a standard page, as the browser posts it."""
    values = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "body": streamfield([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    values.update(changes)
    return nested_form_data(values)


def latest_title(page):
    return Page.objects.get(pk=page.pk).get_latest_revision().as_object().title


def is_live(page):
    return Page.objects.filter(pk=page.pk, live=True).exists()


# The actions: each performs one thing as the signed-in role and checks the answer and the effect.

ACTIONS = {}


def action(name):
    def register(function):
        assert name in ALLOWED, name
        ACTIONS[name] = function
        return function

    return register


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


@action("view and export the involvement register")
def view_register(client, world, role, allowed):
    member = MemberFactory(name=f"Alex {MARKER}", email="alex.q@example.com")
    listing = client.get("/admin/involvement/member/")
    inspect = client.get(f"/admin/involvement/member/inspect/{member.pk}/")
    csv = client.get("/admin/involvement/member/?export=csv")
    xlsx = client.get("/admin/involvement/member/?export=xlsx")
    if allowed:
        for response in (listing, inspect, csv):
            assert response.status_code == 200
            assert MARKER in body(response)
        assert csv["Content-Type"].startswith("text/csv")
        assert xlsx.status_code == 200
        workbook = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
        cells = {cell.value for row in workbook.active.iter_rows() for cell in row}
        assert f"Alex {MARKER}" in cells
    else:
        for response in (listing, inspect, csv, xlsx):
            assert_refused(response, role)


@action("erase a register member's personal data")
def erase_member(client, world, role, allowed):
    member = MemberFactory(name=f"Alex {MARKER}", email="alex.q@example.com")
    url = f"/admin/involvement/member/erase/{member.pk}/"
    confirm = client.get(url)
    response = client.post(url)
    member.refresh_from_db()
    if allowed:
        assert confirm.status_code == 200 and response.status_code == 302
        assert member.is_erased and member.name == "" and member.email == ""
    else:
        assert_refused(confirm, role)
        assert_refused(response, role)
        assert not member.is_erased and member.name == f"Alex {MARKER}"


@action("confirm a sign-up by post or phone for the person")
def confirm_sign_up(client, world, role, allowed):
    member = MemberFactory(
        name=f"Alex {MARKER}", email="", preferred_contact="post", address="1 Road", confirmed_at=None
    )
    url = f"/admin/involvement/member/confirm/{member.pk}/"
    form = client.get(url)
    response = client.post(url, {"how": "phone"})
    member.refresh_from_db()
    if allowed:
        assert form.status_code == 200 and response.status_code == 302
        assert member.confirmed_at is not None
    else:
        assert_refused(form, role)
        assert_refused(response, role)
        assert member.confirmed_at is None


def invitation_opportunity(world):
    from pages.tests.factories import TopicFactory

    topic = TopicFactory(name=f"{MARKER} care")
    page = OpportunityPageFactory(parent=world.index, title=f"The {MARKER} survey")
    page.topics.set([topic])
    page.save_revision(user=world.editor)
    return page, topic


@action("write and send an invitation to an opportunity's matching members")
def send_invitation(client, world, role, allowed):
    from involvement.models import Invitation

    page, topic = invitation_opportunity(world)
    member = MemberFactory(name=f"Alex {MARKER}", email="alex.q@example.com", topics=[topic])
    url = reverse("involvement_compose_invitation", args=[page.pk])
    form = client.get(url)
    preview = client.post(url, {"text": "Please take part.", "action": "preview"})
    response = client.post(url, {"text": "Please take part.", "action": "send"})
    sent = Invitation.objects.filter(member=member, opportunity=page, channel="email").exists()
    if allowed:
        assert form.status_code == 200 and preview.status_code == 200 and response.status_code == 302
        assert MARKER in body(preview)
        assert sent
    else:
        for refused in (form, preview, response):
            assert_refused(refused, role)
        assert not sent


@action("see an opportunity's letter and call lists")
def letter_and_call_lists(client, world, role, allowed):
    from involvement.models import Invitation

    page, topic = invitation_opportunity(world)
    by_post = MemberFactory(
        name=f"Alex {MARKER}", preferred_contact="post", address="1 Road", postcode="NG18 1AB", topics=[topic]
    )
    by_phone = MemberFactory(name=f"Sam {MARKER}", preferred_contact="phone", phone="01632 960 001")
    Invitation.record(by_post, page, channel="letter", text="Please come.")
    Invitation.record(by_phone, page, channel="phone", text="Please come.")
    responses = [
        client.get(reverse("involvement_letter_list", args=[page.pk])),
        client.get(reverse("involvement_letter_list", args=[page.pk]) + "?format=csv"),
        client.get(reverse("involvement_call_list", args=[page.pk])),
    ]
    if allowed:
        for response in responses:
            assert response.status_code == 200 and MARKER in body(response)
    else:
        for response in responses:
            assert_refused(response, role)


def outbox_message(status="sent"):
    from messaging import outbox
    from messaging.models import Message

    message = outbox.send(
        to="alex.q@example.com",
        template="messaging/email/message",
        context={"subject": f"About the {MARKER} survey", "body": "Hello"},
        purpose="invitation",
    )
    Message.objects.filter(pk=message.pk).update(status=status)
    return message


@action("see the outbox and the messages in it")
def view_outbox(client, world, role, allowed):
    message = outbox_message()
    responses = [client.get("/admin/outbox/"), client.get(f"/admin/outbox/{message.pk}/")]
    assert_shown_or_refused(responses, role, allowed)
    logged = ModelLogEntry.objects.filter(action__in=["messaging.list", "messaging.view"]).count()
    assert logged == (2 if allowed else 0)


@action("send a failed message again")
def retry_outbox_message(client, world, role, allowed):
    message = outbox_message(status="failed")
    response = client.post(f"/admin/outbox/{message.pk}/retry/")
    message.refresh_from_db()
    if allowed:
        assert response.status_code == 302 and message.status == "sent"
    else:
        assert_refused(response, role)
        assert message.status == "failed"


@action("open a register member's or a feedback item's audit history")
def audit_history(client, world, role, allowed):
    viewer = get_user_model().objects.create_user("viewer", "viewer@example.org", first_name=MARKER)
    member = MemberFactory()
    item = FeedbackFactory()
    for record in (member, item):
        log(record, "involvement.view", user=viewer)
    entries = ModelLogEntry.objects.count()
    responses = [
        client.get(f"/admin/involvement/member/history/{member.pk}/"),
        client.get(f"/admin/involvement/feedback/history/{item.pk}/"),
    ]
    assert_shown_or_refused(responses, role, allowed)
    if allowed:
        assert all("Personal data viewed" in body(response) for response in responses)
    # Opening (or being refused) the history records nothing and changes nothing.
    assert ModelLogEntry.objects.count() == entries


@action("read and triage feedback")
def triage_feedback(client, world, role, allowed):
    feedback = FeedbackFactory(service=f"{MARKER} Road Surgery", experience="The clinic was closed.")
    theme = FeedbackTheme.objects.get(slug="waiting-times")
    listing = client.get("/admin/involvement/feedback/")
    url = f"/admin/involvement/feedback/edit/{feedback.pk}/"
    form = client.get(url)
    response = client.post(url, {"status": "acknowledged", "theme": theme.pk, "staff_notes": "Passed on."})
    feedback = Feedback.objects.get(pk=feedback.pk)
    if allowed:
        assert listing.status_code == 200 and MARKER in body(listing)
        assert form.status_code == 200 and "The clinic was closed." in body(form)
        assert response.status_code == 302
        assert (feedback.status, feedback.theme) == ("acknowledged", theme)
    else:
        for refused in (listing, form, response):
            assert_refused(refused, role)
        assert (feedback.status, feedback.theme, feedback.staff_notes) == ("new", None, "")


@action("view and export the sign-off log")
def signoff_log(client, world, role, allowed):
    SignOffDecision.objects.create(
        page_title="A plan",
        stage="engagement_review",
        stage_name="Engagement team review",
        category="C",
        decision="approved",
        comment=f"Agreed after the {MARKER} meeting.",
    )
    responses = [client.get(reverse("signoff_log")), client.get(reverse("signoff_log") + "?export=csv")]
    assert_shown_or_refused(responses, role, allowed)


@action("view the Feedback overdue report")
def feedback_overdue(client, world, role, allowed):
    OpportunityPageFactory(
        parent=world.index, title=f"The {MARKER} survey", opens=days(-200), closes=days(-120)
    )
    response = client.get(reverse("reporting_feedback_overdue"))
    assert_shown_or_refused([response], role, allowed)


@action("view a page's history")
def page_history(client, world, role, allowed):
    page = world.draft()
    response = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert_shown_or_refused([response], role, allowed)


@action("see page changes in the site history")
def site_history(client, world, role, allowed):
    world.draft()
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    if role == ANONYMOUS and not allowed:
        assert_refused(response, role)
        return
    # Everyone in the admin has the report; it lists only what each person may see.
    assert response.status_code == 200
    assert (MARKER in body(response)) == allowed


@action("view the workflow reports")
def workflow_reports(client, world, role, allowed):
    world.plan_at(0)
    responses = [
        client.get(reverse("wagtailadmin_reports:workflow")),
        client.get(reverse("wagtailadmin_reports:workflow_tasks")),
    ]
    assert_shown_or_refused(responses, role, allowed)


@action("change the organisation settings")
def organisation_settings(client, world, role, allowed):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["pages", "organisationsettings", site.pk])
    form = client.get(url)
    data = nested_form_data(
        {
            "name": f"NHS {MARKER} ICB",
            "short_name": "Changed",
            "descriptor": "",
            "address": "",
            "phone": "",
            "email": "",
            "legal_duty": rich_text(""),
            "pals_details": rich_text(""),
            "footer_links": streamfield([]),
            "social_links": streamfield([]),
        }
    )
    response = client.post(url, data)
    name = OrganisationSettings.for_site(site).name
    if allowed:
        assert form.status_code == 200
        assert response.status_code == 302
        assert name == f"NHS {MARKER} ICB"
    else:
        assert_refused(form, role)
        assert_refused(response, role)
        assert MARKER not in name


@action("change workflows")
def change_workflows(client, world, role, allowed):
    signoff = Workflow.objects.get(name=roles.CONSULTATION_SIGNOFF)
    listing = client.get(reverse("wagtailadmin_workflows:index"))
    response = client.post(reverse("wagtailadmin_workflows:disable", args=[signoff.pk]))
    signoff.refresh_from_db()
    if allowed:
        assert listing.status_code == 200 and response.status_code == 302
        assert not signoff.active
    else:
        assert_refused(listing, role)
        assert_refused(response, role)
        assert signoff.active


@action("manage users and groups")
def users_and_groups(client, world, role, allowed):
    someone = get_user_model().objects.create_user(f"{MARKER.lower()}", "q@example.org")
    group = Group.objects.get(name=roles.GOVERNING_BODY)
    responses = [
        client.get(reverse("wagtailusers_users:index")),
        client.get(reverse("wagtailusers_groups:index")),
        client.post(reverse("wagtailusers_users:delete", args=[someone.pk])),
        client.post(reverse("wagtailusers_groups:delete", args=[group.pk])),
    ]
    user_exists = get_user_model().objects.filter(pk=someone.pk).exists()
    group_exists = Group.objects.filter(pk=group.pk).exists()
    if allowed:
        assert [r.status_code for r in responses] == [200, 200, 302, 302]
        assert not user_exists and not group_exists
    else:
        for response in responses:
            assert_refused(response, role)
        assert user_exists and group_exists


# The matrix ----------------------------------------------------------------------------------


def test_every_action_has_a_check_and_every_role_is_known():
    assert set(ACTIONS) == set(ALLOWED)
    for name, allowed in ALLOWED.items():
        assert allowed <= set(ROLES), name


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(ALLOWED))
def test_permission_matrix(client, world, name, role):
    sign_in(client, world, role)
    ACTIONS[name](client, world, role, role in ALLOWED[name])
