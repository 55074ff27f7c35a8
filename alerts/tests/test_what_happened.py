"""'Here is what happened' (messaging/outcomes.py): one message per distinct address, once."""

import pytest
from django.core import mail

from alerts.models import Frequency
from alerts.tests.conftest import publish_opportunity, publish_outcome, sent_to, subscribe
from messaging import outcomes
from messaging.models import Message
from messaging.outbox import Recipient

pytestmark = pytest.mark.django_db


@pytest.fixture
def took_part():
    """A second audience, standing in for respondents or attendees: whoever the test lists."""
    people = []
    outcomes.register_audience("test respondents", lambda page: [Recipient(to=p, name="Sam") for p in people])
    yield people
    outcomes._audiences.pop("test respondents")


@pytest.fixture
def answered(opportunity_index, topics):
    return publish_opportunity(opportunity_index, title="Maternity survey", topics=topics[:1])


def test_the_registered_audiences():
    assert "alert subscribers" in outcomes.audiences()


def test_publishing_an_outcome_tells_subscribers_and_those_who_took_part(
    outcome_index, answered, topics, took_part, django_capture_on_commit_callbacks
):
    subscribe("subscriber@example.com", topics=topics[:1], opportunities=False)
    subscribe("other-topic@example.com", topics=topics[1:])
    subscribe("weekly@example.com", frequency=Frequency.WEEKLY)
    took_part.append("respondent@example.com")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_outcome(
            outcome_index, title="What changed in maternity", topics=topics[:1], opportunity=answered
        )
    assert {a for m in mail.outbox for a in m.to} == {"subscriber@example.com", "respondent@example.com"}
    assert set(Message.objects.values_list("purpose", flat=True)) == {"outcome"}  # not an alert as well
    [message] = sent_to("respondent@example.com")
    assert message.subject == "What happened after Maternity survey"
    assert "Hello Sam" in message.body
    assert page.full_url in message.body
    assert "We opened a Saturday clinic." in message.body
    assert "We opened a Saturday clinic." in message.alternatives[0][0]
    # The subscriber's copy is a bulk message with its unsubscribe link; the respondent's is not.
    assert "List-Unsubscribe" in sent_to("subscriber@example.com")[0].extra_headers
    assert "List-Unsubscribe" not in message.extra_headers


def test_once_even_when_republished(
    outcome_index, answered, topics, took_part, django_capture_on_commit_callbacks
):
    took_part.append("respondent@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_outcome(outcome_index, topics=topics[:1], opportunity=answered)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            page.title = page.title + " (updated)"
            page.save_revision().publish()
    outcomes.tell_what_happened.call(page.pk)
    assert len(sent_to("respondent@example.com")) == 1
    assert Message.objects.filter(purpose="outcome").count() == 1


def test_an_address_in_two_audiences_gets_one_message(
    outcome_index, answered, topics, took_part, django_capture_on_commit_callbacks
):
    subscribe("both@example.com", topics=topics[:1])
    took_part.extend([" Both@Example.com", "both@example.com"])
    with django_capture_on_commit_callbacks(execute=True):
        publish_outcome(outcome_index, topics=topics[:1], opportunity=answered)
    assert len(mail.outbox) == 1
    assert Message.objects.filter(purpose="outcome").count() == 1
    # The first audience registered (the subscribers) describes them: with their unsubscribe link.
    assert "List-Unsubscribe" in mail.outbox[0].extra_headers


def test_an_outcome_answering_nothing_tells_only_alert_subscribers(
    outcome_index, topics, took_part, django_capture_on_commit_callbacks
):
    took_part.append("respondent@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        publish_outcome(outcome_index, topics=topics[:1])
    assert not sent_to("respondent@example.com")
    assert not Message.objects.filter(purpose="outcome").exists()


def test_an_unpublished_or_private_outcome_tells_nobody(outcome_index, answered, topics, took_part):
    took_part.append("respondent@example.com")
    page = publish_outcome(outcome_index, topics=topics[:1], opportunity=answered)
    page.unpublish()
    assert outcomes.tell_what_happened.call(page.pk) == 0
    assert not sent_to("respondent@example.com")
