"""Responses and saved drafts in the subject access export and erasure, by the address given."""

import io
import json

import pytest
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from questionnaires import counting
from questionnaires.models import Draft, Response
from questionnaires.recording import new_draft
from questionnaires.tests.staff.helpers import FULL, respond

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(consultation):
    mine = respond(
        consultation, email="Pat@Example.com", about_you={"age_band": "prefer_not", "carer": "yes"}
    )
    theirs = respond(consultation, email="someone@example.org")
    anonymous = respond(consultation)
    draft = new_draft(consultation, answers={"comments": "Half written"}, email="pat@example.com")
    return mine, theirs, anonymous, draft


def export(email, tmp_path):
    out = tmp_path / "sar.json"
    call_command("export_personal_data", email, "--output", str(out), stdout=io.StringIO())
    return json.loads(out.read_text())


def test_the_subject_access_export_lists_responses_and_drafts(held, tmp_path):
    mine, theirs, _anonymous, _draft = held
    data = export(" pat@example.COM ", tmp_path)["questionnaire_responses"]
    [response] = data["responses"]
    assert response["reference"] == mine.reference
    assert response["opportunity"] == "Urgent care consultation"
    assert response["email"] == "Pat@Example.com"
    answers = {row["key"]: row["answer"] for row in response["answers"]}
    assert answers["comments"] == FULL["comments"]
    assert answers["travel"] == "Other (please say): By tandem with my neighbour"
    assert {row["answer"] for row in response["about_you"]} == {"Prefer not to say", "Yes"}
    [draft] = data["saved_drafts"]
    assert draft["answers"] == {"comments": "Half written"}
    assert theirs.reference not in json.dumps(data)


def test_erasure_removes_free_text_address_and_about_you_and_keeps_the_counts(held):
    mine, theirs, anonymous, draft = held
    before = counting.summary(mine.opportunity)
    call_command("erase_personal_data", "pat@example.com", "--yes", stdout=io.StringIO())
    erased = Response.objects.get(pk=mine.pk)
    assert erased.email == "" and erased.about_you == {} and erased.redacted_at is not None
    # Choices, scales, numbers and the district stay; what was typed goes.
    assert erased.answers == {
        "fft": "good",
        "used-111": "no",
        "travel": "__other__",
        "district": "NG18",
        "agree": "agree",
        "visits": 3,
    }
    assert not Draft.objects.filter(pk=draft.pk).exists()
    assert counting.summary(mine.opportunity) == before
    # Nobody else's response is touched.
    for other in (theirs, anonymous):
        kept = Response.objects.get(pk=other.pk)
        assert kept.answers == FULL and kept.redacted_at is None
    entry = ModelLogEntry.objects.get(action="questionnaires.redact")
    assert entry.label == f"Response {mine.reference}" and "pat@" not in json.dumps(entry.data)


def test_after_erasure_the_address_finds_nothing(held, tmp_path):
    call_command("erase_personal_data", "pat@example.com", "--yes", stdout=io.StringIO())
    data = export("pat@example.com", tmp_path)["questionnaire_responses"]
    assert data == {"responses": [], "saved_drafts": []}
