"""Quotes and analysts' notes are the respondent's data: in the subject access export by the
response's address, and gone when the response loses its free text, by erasure or retention."""

from analysis.models import Coding, Note, Quote, Theme
from involvement import personal_data
from questionnaires import retention
from questionnaires.models import Response

ADDRESS = "Sam.Respondent@example.org"


def quoted_and_noted(answered):
    page, responses = answered
    response = responses[0]
    Response.objects.filter(pk=response.pk).update(email=ADDRESS)
    response.refresh_from_db()
    Quote.objects.create(response=response, question_key="why", excerpt="saved my evening")
    Note.objects.create(response=response, text="Sam rang back about the evening clinic.")
    theme = Theme.objects.create(opportunity=page, name="Evening opening")
    Coding.objects.create(response=response, question_key="why", theme=theme)
    return response


def test_the_subject_access_export_holds_the_quotes_and_notes(answered):
    response = quoted_and_noted(answered)
    held = personal_data.export(" sam.respondent@EXAMPLE.org ")["response_analysis"]
    assert held["quotes"] == [
        {"reference": response.reference, "question": "why", "excerpt": "saved my evening"}
    ]
    assert [note["note"] for note in held["notes"]] == ["Sam rang back about the evening clinic."]
    assert personal_data.export("someone.else@example.org")["response_analysis"] == {
        "quotes": [],
        "notes": [],
    }


def test_erasure_removes_the_quotes_and_notes_and_keeps_the_codings(answered):
    response = quoted_and_noted(answered)
    personal_data.erase(ADDRESS)
    assert not Quote.objects.filter(response=response).exists()
    assert not Note.objects.filter(response=response).exists()
    assert Coding.objects.filter(response=response).count() == 1  # the counts stay true


def test_retention_removes_them_too_and_leaves_other_responses_alone(answered):
    response = quoted_and_noted(answered)
    other = answered[1][1]
    Note.objects.create(response=other, text="Another respondent's note")
    retention.redact(Response.objects.filter(pk=response.pk), reason="retention")
    assert not Quote.objects.filter(response=response).exists()
    assert not Note.objects.filter(response=response).exists()
    assert Note.objects.filter(response=other).count() == 1
