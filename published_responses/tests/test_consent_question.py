"""The consent question: at most one per questionnaire, a name when "with my name", and the name
is personal data (subject access export, erasure and retention remove it)."""

import pytest
from wagtail.blocks import StreamBlockValidationError

from involvement import personal_data as all_personal_data
from pages.question_blocks import QuestionnaireBlock
from published_responses import personal_data
from published_responses.tests.helpers import publish, respond
from questionnaires.answers import free_text_keys
from questionnaires.forms import section_form
from questionnaires.models import Response
from questionnaires.tests.builders import question, section

pytestmark = pytest.mark.django_db


def test_a_questionnaire_asks_for_consent_once():
    block = QuestionnaireBlock()
    twice = block.to_python(
        [
            section(
                "One",
                question("publish_consent", "publish-consent"),
                question("publish_consent", "publish-again"),
            )
        ]
    )
    with pytest.raises(StreamBlockValidationError) as refused:
        block.clean(twice)
    assert "asks once whether a response may be published" in str(refused.value.non_block_errors)
    once = block.to_python([section("One", question("publish_consent", "publish-consent"))])
    assert block.clean(once)


def test_with_my_name_needs_the_name_and_keeps_what_was_typed(consultation):
    form = section_form(consultation, 1, data={"publish-consent": "with_name", "publish-consent__other": ""})
    assert not form.is_valid()
    assert "Enter the name to show with your response" in str(form.errors)
    form = section_form(
        consultation, 1, data={"publish-consent": "with_name", "publish-consent__other": "Sam"}
    )
    assert form.is_valid()
    assert form.answers == {"publish-consent": "with_name", "publish-consent__other": "Sam"}
    # A name typed with another answer is dropped.
    form = section_form(
        consultation, 1, data={"publish-consent": "anonymously", "publish-consent__other": "Sam"}
    )
    assert form.is_valid() and form.answers == {"publish-consent": "anonymously"}
    assert "publish-consent__other" in free_text_keys(consultation)


def test_the_consent_question_is_on_the_public_form(open_consultation):
    html = str(section_form(open_consultation, 1))
    for text in ("May we publish your response?", "Yes, with my name", "Yes, anonymously", "No"):
        assert text in html
    assert "the name to show with your response" in html


def test_subject_access_export_and_erasure_cover_the_published_copy(consultation, users):
    response = respond(consultation, "with_name", name="Dana Example", why="Dana's story")
    Response.objects.filter(pk=response.pk).update(email="dana@example.org")
    publish(consultation, response, users["engagement"])
    (record,) = personal_data.export("DANA@example.org")
    assert record["name_to_show"] == "Dana Example"
    assert record["published_text"][0]["text"] == "Dana's story"
    assert "published_responses" in all_personal_data.export("dana@example.org")
    all_personal_data.erase("dana@example.org")
    assert personal_data.export("dana@example.org") == []
    answers = Response.objects.get(pk=response.pk).answers
    assert "publish-consent__other" not in answers and "why" not in answers
