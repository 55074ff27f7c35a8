"""Storing a response: the revision answered, the reference, duplicates and one response per draft."""

import pytest

from questionnaires.models import Response
from questionnaires.recording import REFERENCE_ALPHABET, new_draft, record_response
from questionnaires.tests.builders import questionnaire_page

pytestmark = pytest.mark.django_db


def test_a_response_records_the_live_revision_and_a_readable_reference(opportunity_index):
    page = questionnaire_page(opportunity_index)
    response = record_response(page, answers={"visited": "no"})
    assert response.revision_id == page.live_revision_id
    assert response.channel == "online" and not response.late
    first, second = response.reference.split("-")
    assert len(first) == len(second) == 4
    assert set(first + second) <= set(REFERENCE_ALPHABET)


def test_the_same_answers_from_the_same_address_are_flagged_not_dropped(opportunity_index):
    page = questionnaire_page(opportunity_index)
    first = record_response(page, answers={"visited": "no"}, client_address="192.0.2.1")
    again = record_response(page, answers={"visited": "no"}, client_address="192.0.2.1")
    elsewhere = record_response(page, answers={"visited": "no"}, client_address="192.0.2.9")
    different = record_response(page, answers={"visited": "yes"}, client_address="192.0.2.1")
    assert not first.likely_duplicate and again.likely_duplicate
    assert not elsewhere.likely_duplicate and not different.likely_duplicate
    assert Response.objects.count() == 4
    assert "192.0.2.1" not in first.client_hash


def test_one_draft_gives_one_response(opportunity_index):
    page = questionnaire_page(opportunity_index)
    draft = new_draft(page, answers={"visited": "no"})
    first = record_response(page, answers={"visited": "no"}, draft=draft)
    second = record_response(page, answers={"visited": "no"}, draft=draft)
    assert first.pk == second.pk and first.created and not second.created
    draft.refresh_from_db()
    assert draft.submitted_at is not None


def test_an_unknown_channel_is_refused(opportunity_index):
    page = questionnaire_page(opportunity_index)
    with pytest.raises(ValueError):
        record_response(page, answers={}, channel="pigeon")
