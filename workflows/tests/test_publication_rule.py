"""The publishing rule holds on every route: the model API, the editor's publish button, revert,
bulk actions, copies, scheduled publishing, the API and management commands."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from pages.models import OpportunityPage
from workflows.exceptions import PublicationRefused
from workflows.fingerprint import fingerprint
from workflows.models import SignOffDecision
from workflows.tests.evidence import publish_signed_off, record_signoff
from workflows.tests.helpers import decide, draft_plan, edit_url, editor_form, submit


def live(page):
    return OpportunityPage.objects.get(pk=page.pk).live


def refusals(page):
    return PageLogEntry.objects.filter(page_id=page.pk, action="workflows.publish_refused")


@pytest.mark.django_db
def test_publishing_through_the_model_needs_every_stage(users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C")
    revision = page.get_latest_revision()
    with pytest.raises(PublicationRefused) as refused:
        revision.publish(user=users["admin"])
    assert "missing: Engagement team review, Equality impact check" in str(refused.value)
    assert not live(page)
    assert refusals(page).count() == 1


@pytest.mark.django_db
def test_approvals_of_other_content_do_not_count(users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="A")
    approved = page.get_latest_revision()
    record_signoff(page, approved)
    page.summary = "A different summary, never approved."
    changed = page.save_revision()
    with pytest.raises(PublicationRefused):
        changed.publish()
    assert not live(page)
    approved.publish()
    assert OpportunityPage.objects.get(pk=page.pk).live_revision_id == approved.pk


@pytest.mark.django_db
def test_the_same_content_in_a_new_revision_is_the_same_revision(users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="A")
    approved = page.get_latest_revision()
    record_signoff(page, approved)
    again = OpportunityPage.objects.get(pk=page.pk).get_latest_revision_as_object().save_revision()
    assert again.pk != approved.pk and fingerprint(again) == fingerprint(approved)
    again.publish()
    assert live(page)


@pytest.mark.django_db
def test_the_schedule_is_not_content_but_everything_an_editor_writes_is(users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C")
    base = page.get_latest_revision()
    obj = base.as_object()
    obj.go_live_at = timezone.now() + datetime.timedelta(days=3)
    assert fingerprint(obj.save_revision()) == fingerprint(base)
    for field, value in [
        ("title", "Another title"),
        ("slug", "another-slug"),
        ("category", "B"),
        ("eia_status", "in_progress"),
        ("closes", base.as_object().closes + datetime.timedelta(days=1)),
        ("search_description", "Different"),
        ("plan_proposal", "Different"),
    ]:
        obj = base.as_object()
        setattr(obj, field, value)
        assert fingerprint(obj.save_revision()) != fingerprint(base), field
    obj = base.as_object()
    obj.stakeholders.first().group = "Someone else"
    assert fingerprint(obj.save_revision()) != fingerprint(base)


@pytest.mark.django_db
def test_an_approval_by_the_submitter_or_one_person_twice_does_not_count(users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="B")
    revision = page.get_latest_revision()
    state = record_signoff(page, revision)
    # Rewrite the run as if one person had approved two stages.
    rows = list(SignOffDecision.objects.filter(workflow_state=state).order_by("pk"))
    SignOffDecision.objects.filter(pk=rows[1].pk).update(user=rows[0].user)
    with pytest.raises(PublicationRefused, match="Equality impact check"):
        revision.publish()
    SignOffDecision.objects.filter(pk=rows[1].pk).update(user=rows[1].user, submitted_by=rows[1].user)
    with pytest.raises(PublicationRefused, match="Equality impact check"):
        revision.publish()


@pytest.mark.django_db
def test_the_editor_publish_button_and_revert_are_refused_even_for_a_superuser(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C")
    client.force_login(users["admin"])
    data = editor_form(client, page)
    data["action-publish"] = "1"
    response = client.post(edit_url(page), data, follow=True)
    assert "cannot be published yet" in response.content.decode()
    assert not live(page)
    revert = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, page.get_latest_revision().pk])
    response = client.post(revert, data, follow=True)
    assert "cannot be published yet" in response.content.decode()
    assert not live(page)


@pytest.mark.django_db
def test_reverting_to_the_approved_version_publishes_it(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="A")
    approved = publish_signed_off(page)
    page = OpportunityPage.objects.get(pk=page.pk)
    page.summary = "An unapproved rewrite."
    page.save_revision()
    client.force_login(users["admin"])
    revert = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, approved.pk])
    data = editor_form(client, page)
    data["summary"] = approved.as_object().summary
    data["action-publish"] = "1"
    client.post(revert, data)
    page = OpportunityPage.objects.get(pk=page.pk)
    assert page.live and page.summary == approved.as_object().summary


@pytest.mark.django_db
def test_bulk_publishing_is_refused(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C")
    client.force_login(users["admin"])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}"
    response = client.post(url, {"include_descendants": ""}, follow=True)
    assert "cannot be published yet" in response.content.decode()
    assert not live(page)


@pytest.mark.django_db
def test_a_copy_is_a_draft_until_signed_off(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="A")
    publish_signed_off(page)
    client.force_login(users["admin"])
    copy = reverse("wagtailadmin_pages:copy", args=[page.pk])
    form = {"new_title": "Copied plan", "new_slug": "copied-plan", "new_parent_page": signoff_index.pk}
    response = client.post(copy, {**form, "publish_copies": "on"}, follow=True)
    assert "Copies of opportunities are drafts" in response.content.decode()
    assert not OpportunityPage.objects.filter(slug="copied-plan").exists()
    response = client.post(copy, {**form, "alias": "on"}, follow=True)
    assert "An opportunity cannot be an alias" in response.content.decode()
    assert not OpportunityPage.objects.filter(slug="copied-plan").exists()
    client.post(copy, form)
    assert not OpportunityPage.objects.get(slug="copied-plan").live
    # Through the model too: a copy kept live is refused before it is made.
    with pytest.raises(PublicationRefused):
        OpportunityPage.objects.get(pk=page.pk).copy(
            update_attrs={"slug": "model-copy", "title": "Model copy"}, keep_live=True
        )
    assert not OpportunityPage.objects.filter(slug="model-copy", live=True).exists()


@pytest.mark.django_db
def test_a_page_made_live_directly_is_refused(users, signoff_index):
    page = OpportunityPage(title="Straight in", slug="straight-in", summary="Hi.", live=True)
    with pytest.raises(PublicationRefused):
        signoff_index.add_child(instance=page)
    draft = draft_plan(signoff_index, users["editor"], category="A")
    draft.live = True
    with pytest.raises(PublicationRefused):
        draft.save()
    assert not live(draft)


@pytest.mark.django_db
def test_scheduled_publishing_refuses_what_is_not_signed_off(users, signoff_index):
    good = draft_plan(signoff_index, users["editor"], category="A", title="Signed off", slug="good")
    bad = draft_plan(signoff_index, users["editor"], category="C", title="Not signed off", slug="bad")
    record_signoff(good, good.get_latest_revision())
    past = timezone.now() - datetime.timedelta(minutes=5)
    for page in (good, bad):
        Revision.objects.filter(pk=page.get_latest_revision().pk).update(approved_go_live_at=past)
    call_command("publish_scheduled", stderr=open("/dev/null", "w"))
    assert live(good) and not live(bad)
    assert refusals(bad).count() == 1
    assert not Revision.objects.filter(object_id=str(bad.pk), approved_go_live_at__isnull=False).exists()


@pytest.mark.django_db
def test_the_api_cannot_change_anything(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C")
    client.force_login(users["admin"])
    for method in (client.post, client.put, client.patch, client.delete):
        response = method(f"/api/v2/pages/{page.pk}/", {"live": True}, content_type="application/json")
        assert response.status_code in (403, 404, 405)
    assert not live(page)


@pytest.mark.django_db
def test_the_audit_command_finds_a_page_put_live_behind_the_rules_back(users, signoff_index, capsys):
    page = draft_plan(signoff_index, users["editor"], category="C")
    publish_ok = draft_plan(signoff_index, users["editor"], category="A", slug="fine", title="Fine")
    publish_signed_off(publish_ok)
    call_command("audit_signoff")
    # A row changed in the database directly, which no code path allows.
    OpportunityPage.objects.filter(pk=page.pk).update(live=True, live_revision=page.get_latest_revision())
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="1 without complete sign-off"):
        call_command("audit_signoff")
    assert page.url_path in capsys.readouterr().out


@pytest.mark.django_db
def test_a_legitimate_category_c_plan_goes_live_after_five_people(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C")
    submit(client, users["editor"], page)
    for username in ("engagement", "equality", "clinical", "lay", "governing"):
        decide(client, users[username], page, "approve", comment=f"{username} agrees.")
    page = OpportunityPage.objects.get(pk=page.pk)
    assert page.live
    approvals = SignOffDecision.objects.filter(page_id=page.pk, decision="approved")
    assert {row.revision_id for row in approvals} == {page.live_revision_id}
    assert {row.content_hash for row in approvals} == {fingerprint(page.live_revision)}
    call_command("audit_signoff")
