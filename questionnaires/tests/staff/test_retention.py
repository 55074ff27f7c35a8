"""The retention job: free text and contact details go a set number of years after the outcome."""

import datetime
import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from pages.tests.factories import YouSaidWeDidPageFactory, today
from questionnaires import counting
from questionnaires.models import Draft, Response
from questionnaires.recording import new_draft
from questionnaires.tests.builders import questionnaire_page
from questionnaires.tests.staff.conftest import consultation_stream
from questionnaires.tests.staff.helpers import FULL, respond

pytestmark = pytest.mark.django_db


def publish_outcome(page, outcome_index, years_ago, days=0):
    day = today().replace(year=today().year - years_ago) - datetime.timedelta(days=days)
    return YouSaidWeDidPageFactory(parent=outcome_index, opportunity=page, date=day)


def test_responses_lose_free_text_three_years_after_the_outcome(consultation, outcome_index, readme_cron):
    response = respond(consultation, email="pat@example.com", about_you={"age_band": "prefer_not"})
    draft = new_draft(consultation, answers={"comments": "Half written"}, email="pat@example.com")
    before = counting.summary(consultation)
    publish_outcome(consultation, outcome_index, years_ago=3, days=1)
    readme_cron("remove_old_response_text")
    kept = Response.objects.get(pk=response.pk)
    assert kept.redacted_at is not None and kept.email == "" and kept.about_you == {}
    assert (
        "comments" not in kept.answers and "why" not in kept.answers and "travel__other" not in kept.answers
    )
    assert kept.answers["fft"] == FULL["fft"] and kept.answers["visits"] == FULL["visits"]
    assert not Draft.objects.filter(pk=draft.pk).exists()
    assert counting.summary(consultation) == before


def test_responses_are_kept_until_then_and_without_a_published_outcome(
    consultation, opportunity_index, outcome_index, readme_cron
):
    recent = respond(consultation)
    publish_outcome(consultation, outcome_index, years_ago=2, days=300)
    no_outcome = questionnaire_page(opportunity_index, consultation_stream(), slug="no-outcome")
    waiting = respond(no_outcome)
    readme_cron("remove_old_response_text")
    assert Response.objects.get(pk=recent.pk).answers == FULL
    assert Response.objects.get(pk=waiting.pk).answers == FULL


def test_an_unpublished_outcome_does_not_count(consultation, outcome_index, readme_cron):
    response = respond(consultation)
    outcome = publish_outcome(consultation, outcome_index, years_ago=5)
    Page.objects.filter(pk=outcome.pk).update(live=False)
    readme_cron("remove_old_response_text")
    assert Response.objects.get(pk=response.pk).redacted_at is None


def test_the_setting_changes_the_number_of_years(consultation, outcome_index, settings):
    settings.QUESTIONNAIRE_RETENTION_YEARS = 1
    response = respond(consultation)
    publish_outcome(consultation, outcome_index, years_ago=1, days=1)
    call_command("remove_old_response_text", "--dry-run", stdout=io.StringIO())
    assert Response.objects.get(pk=response.pk).redacted_at is None
    call_command("remove_old_response_text", stdout=io.StringIO())
    assert Response.objects.get(pk=response.pk).redacted_at is not None
