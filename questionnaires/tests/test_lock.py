"""The lock: once a questionnaire has responses, an edit that would break them is refused."""

import copy

import pytest

from questionnaires.models import Response
from questionnaires.recording import record_response
from questionnaires.tests.builders import form_data, question, questionnaire_page, two_sections
from workflows.tests.helpers import edit_url, editor_form

pytestmark = pytest.mark.django_db


def post_questionnaire(client, page, stream):
    data = editor_form(client, page)
    for name in [name for name in data if name.startswith("questionnaire-")]:
        del data[name]
    data.update(form_data(stream))
    return client.post(edit_url(page), data)


@pytest.fixture
def answered(opportunity_index, users, client):
    page = questionnaire_page(opportunity_index)
    record_response(page, answers={"visited": "no"})
    client.force_login(users["admin"])
    return page


def saved_keys(page):
    page.refresh_from_db()
    latest = page.get_latest_revision_as_object()
    return [q["value"]["key"] for s in latest.questionnaire.get_prep_value() for q in s["value"]["questions"]]


def changed(edit):
    stream = copy.deepcopy(two_sections())
    edit(stream)
    return stream


def remove_travel(stream):
    del stream[1]["value"]["questions"][0]


def rename_travel(stream):
    stream[1]["value"]["questions"][0]["value"]["key"] = "how-travel"


def retype_comments(stream):
    stream[1]["value"]["questions"][1]["type"] = "long_text"
    stream[1]["value"]["questions"][1]["value"]["word_limit"] = None


def new_choice(stream):
    stream[1]["value"]["questions"][0]["value"]["choices"].append("Train")


def add_required(stream):
    stream[1]["value"]["questions"].append(question("short_text", "new-one", required=True))


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (remove_travel, "'travel'"),
        (rename_travel, "'travel'"),
        (retype_comments, "its type cannot be changed"),
        (new_choice, "its choices cannot be changed"),
        (add_required, "cannot be required"),
    ],
)
def test_a_change_that_would_break_answers_is_refused_with_the_reason(client, answered, edit, reason):
    before = saved_keys(answered)
    reply = post_questionnaire(client, answered, changed(edit))
    assert reply.status_code == 200
    html = reply.content.decode()
    assert "already has responses" in html and reason.replace("'", "&#x27;") in html
    assert saved_keys(answered) == before


def test_wording_fixes_and_new_optional_questions_are_allowed(client, answered):
    def fix(stream):
        stream[0]["value"]["questions"][0]["value"]["label"] = "Have you used urgent care this year?"
        stream[1]["value"]["questions"].append(question("short_text", "anything-else"))

    reply = post_questionnaire(client, answered, changed(fix))
    assert reply.status_code == 302, reply.context["form"].errors.as_data()
    assert saved_keys(answered)[-1] == "anything-else"


def test_without_responses_anything_may_change(client, opportunity_index, users):
    page = questionnaire_page(opportunity_index)
    client.force_login(users["admin"])
    assert post_questionnaire(client, page, changed(remove_travel)).status_code == 302
    assert "travel" not in saved_keys(page)
    assert not Response.objects.exists()
