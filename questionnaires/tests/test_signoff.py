"""The questions are signed off with the page: approvers see them, and what they approved goes live."""

import json

import pytest
from django.urls import reverse

from pages.models import OpportunityPage
from questionnaires.questions import questions_of, sections_of
from questionnaires.tests.builders import form_data, two_sections
from workflows.exceptions import PublicationRefused
from workflows.fingerprint import fingerprint
from workflows.tests.evidence import record_signoff
from workflows.tests.helpers import current_stage, draft_plan, edit_url, editor_form, submit

pytestmark = pytest.mark.django_db


def labels(sections):
    return [(q.key, q.label, q.type, q.choices) for s in sections for q in s.questions]


def test_changing_a_question_after_approval_changes_what_is_signed_off(users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="A", questionnaire=json.dumps(two_sections()))
    approved = page.get_latest_revision()
    record_signoff(page, approved)

    draft = OpportunityPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    stream = two_sections()
    stream[1]["value"]["questions"][0]["value"]["label"] = "How did you get there? (changed after approval)"
    draft.questionnaire = json.dumps(stream)
    changed = draft.save_revision()
    assert fingerprint(changed) != fingerprint(approved)
    with pytest.raises(PublicationRefused):
        changed.publish()

    approved.publish()
    live = OpportunityPage.objects.get(pk=page.pk)
    assert live.live_revision_id == approved.pk
    assert labels(questions_of(live)) == labels(sections_of(approved.content["questionnaire"]))
    assert "changed after approval" not in json.dumps(live.questionnaire.get_prep_value())


def test_the_approvers_review_page_lists_the_questions(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="A", questionnaire=json.dumps(two_sections()))
    reply = submit(client, users["editor"], page, **form_data(two_sections()))
    assert reply.status_code == 302
    assert current_stage(page) == "Engagement team review"
    client.force_login(users["engagement"])
    state = OpportunityPage.objects.get(pk=page.pk).current_workflow_task_state
    review = client.get(reverse("signoff_review", args=[state.pk])).content.decode()
    assert "Questionnaire" in review
    for key, label in [("visited", "Question visited"), ("travel", "Question travel")]:
        assert f"<code>{key}</code>" in review and label in review
    assert "Shown only if <code>visited</code> is “yes”" in review


def test_the_editor_can_preview_the_questionnaire(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="A", questionnaire=json.dumps(two_sections()))
    client.force_login(users["editor"])
    data = editor_form(client, page)
    data.update(form_data(two_sections()))
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert client.post(preview, data).json()["is_valid"]
    html = client.get(preview, {"mode": "questionnaire"}).content.decode()
    assert "Preview of the questionnaire" in html and "Section 2 of 2" in html
    assert "<code>travel</code>" in html and "Bus" in html
    assert edit_url(page)
