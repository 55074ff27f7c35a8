"""The demo questionnaires: the urgent care consultation and the GP survey ask real questions, and a
few hundred made-up responses arrive across the channels, loaded once."""

from io import StringIO

from django.core.management import call_command
from django.db.models import Count

from pages.models import OpportunityPage
from questionnaires.models import Channel, Response
from questionnaires.questions import all_questions, questions_of


def test_the_demo_consultation_and_survey_have_questionnaires(demo, client):
    consultation = OpportunityPage.objects.get(slug="future-of-urgent-care")
    survey = OpportunityPage.objects.get(slug="gp-appointments-survey")
    sections = questions_of(consultation)
    assert len(sections) == 4 and consultation.questionnaire_about_you
    types = {question.type for question in all_questions(sections)}
    assert {"fft", "agreement", "long_text", "postcode_district", "multiple_choice"} <= types
    assert any(question.condition for question in all_questions(sections))
    assert "fft" in {question.type for question in all_questions(questions_of(survey))}
    # The live version carries the questions, so the public can start answering.
    assert client.get(f"{consultation.url}respond/").status_code == 200


def test_made_up_responses_arrive_across_channels_some_late_some_with_about_you(demo):
    responses = Response.objects.all()
    assert 600 <= responses.count() <= 900  # four questionnaires (demo/data/questionnaires.toml)
    channels = dict(responses.values_list("channel").annotate(n=Count("pk")))
    assert set(channels) == set(Channel.values)
    assert responses.filter(late=True).exists()
    assert responses.exclude(about_you={}).exists()
    # Every response answered the version that is live.
    for page in OpportunityPage.objects.filter(responses__isnull=False).distinct():
        assert set(page.responses.values_list("revision_id", flat=True)) <= set(
            page.revisions.values_list("pk", flat=True)
        )


def test_loading_again_adds_no_responses(demo):
    before = list(Response.objects.order_by("pk").values_list("reference", "answers"))
    call_command("load_demo_content", stdout=StringIO())
    assert list(Response.objects.order_by("pk").values_list("reference", "answers")) == before
