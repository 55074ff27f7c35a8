"""Erasing someone's responses and drafts goes into the erasure ledger, and a restore from an
older backup erases them again (involvement.personal_data.reapply_erasures, which `manage.py
restore` runs)."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from involvement.personal_data import reapply_erasures
from questionnaires.models import Draft, Response
from questionnaires.recording import new_draft
from questionnaires.tests.staff.helpers import FULL, respond

pytestmark = pytest.mark.django_db

ADDRESS = "Pat@Example.com"
FREE_TEXT = FULL["travel__other"]


@pytest.fixture
def ledger(settings, tmp_path):
    settings.ERASURE_LEDGER = str(tmp_path / "erasure-ledger.jsonl")
    return tmp_path / "erasure-ledger.jsonl"


def test_erasing_a_respondent_who_is_nobody_else_writes_the_ledger(consultation, ledger):
    respond(consultation, email=ADDRESS)
    call_command("erase_personal_data", "pat@example.com", "--yes", stdout=io.StringIO())
    [line] = ledger.read_text().splitlines()
    entry = json.loads(line)
    assert set(entry) == {"erased_at", "hash"} and "pat" not in line.lower()


def test_a_restore_erases_again_the_responses_and_drafts_erased_since_the_backup(consultation, ledger):
    backup_taken = timezone.now() - datetime.timedelta(minutes=5)
    mine = respond(consultation, email=ADDRESS, about_you={"carer": "yes"})
    theirs = respond(consultation, email="someone@example.org")
    call_command("erase_personal_data", ADDRESS, "--yes", stdout=io.StringIO())
    assert Response.objects.get(pk=mine.pk).redacted_at is not None

    # The backup from before the erasure is restored: the response is whole again, the draft back.
    Response.objects.filter(pk=mine.pk).update(
        email=ADDRESS, answers=dict(FULL), about_you={"carer": "yes"}, redacted_at=None
    )
    new_draft(consultation, answers={"comments": "Half written"}, email="pat@example.com")

    again = reapply_erasures(since=backup_taken)

    assert again["questionnaire_responses"] == {"responses": [mine.reference], "drafts": 1}
    restored = Response.objects.get(pk=mine.pk)
    assert restored.email == "" and restored.about_you == {} and restored.redacted_at is not None
    assert "travel__other" not in restored.answers and restored.answers["fft"] == FULL["fft"]
    assert not Draft.objects.filter(email__iexact=ADDRESS).exists()
    untouched = Response.objects.get(pk=theirs.pk)
    assert untouched.email == "someone@example.org" and untouched.answers["travel__other"] == FREE_TEXT


def test_an_erasure_before_the_backup_is_not_applied_again(consultation, ledger):
    call_command("erase_personal_data", ADDRESS, "--yes", stdout=io.StringIO())
    respond(consultation, email=ADDRESS)  # answered again later, and not erased since
    assert reapply_erasures(since=timezone.now())["searches"] == 0
    assert Response.objects.get(email=ADDRESS).redacted_at is None
