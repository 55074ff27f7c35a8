"""Immediate alerts: one message per matching confirmed subscriber, once, sent by the queue."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alerts.models import Frequency, Subscription
from alerts.tests.conftest import publish_opportunity, publish_outcome, sent_to, subscribe
from messaging.models import Message

pytestmark = pytest.mark.django_db


def test_publishing_queues_alerts_only_after_commit(
    opportunity_index, topics, django_capture_on_commit_callbacks
):
    subscribe("a@example.com")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish_opportunity(opportunity_index, topics=topics[:1])
    # The request that published has sent nothing and stored no message: the task does that.
    assert not Message.objects.filter(purpose="alert").exists()
    assert not sent_to("a@example.com")
    for callback in callbacks:
        callback()
    [message] = sent_to("a@example.com")
    assert message.subject.startswith("New opportunity:")


def test_matching_by_topic_audience_and_type(
    opportunity_index, topics, audiences, django_capture_on_commit_callbacks
):
    maternity, urgent = topics
    carers, young = audiences
    subscribe("everything@example.com")
    subscribe("maternity@example.com", topics=[maternity])
    subscribe("urgent@example.com", topics=[urgent])
    subscribe("carers@example.com", audiences=[carers])
    subscribe("young@example.com", audiences=[young])
    subscribe("events@example.com", types=["event"])
    subscribe("surveys@example.com", types=["survey", "event"])
    subscribe("outcomes-only@example.com", opportunities=False)
    subscribe("weekly@example.com", frequency=Frequency.WEEKLY)
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_opportunity(
            opportunity_index, topics=[maternity], audiences=[carers], opportunity_type="survey"
        )
    told = {address for m in mail.outbox for address in m.to}
    assert told == {
        "everything@example.com",
        "maternity@example.com",
        "carers@example.com",
        "surveys@example.com",
    }
    message = sent_to("maternity@example.com")[0]
    assert page.title in message.subject
    assert page.full_url in message.body
    assert "List-Unsubscribe" in message.extra_headers
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = message.alternatives[0][0]
    assert page.title in html


def test_an_opportunity_for_everyone_reaches_audience_subscribers(
    opportunity_index, audiences, django_capture_on_commit_callbacks
):
    subscribe("carers@example.com", audiences=audiences[:1])
    with django_capture_on_commit_callbacks(execute=True):
        publish_opportunity(opportunity_index)
    assert sent_to("carers@example.com")


def test_never_sent_to_unconfirmed_or_unsubscribed(
    client, opportunity_index, django_capture_on_commit_callbacks
):
    Subscription.objects.create(email="pending@example.com", frequency=Frequency.IMMEDIATE)
    gone = subscribe("gone@example.com")
    from alerts.links import unsubscribe_url

    client.post(unsubscribe_url(gone).removeprefix("http://testserver"))
    with django_capture_on_commit_callbacks(execute=True):
        publish_opportunity(opportunity_index)
    assert mail.outbox == []
    assert not Message.objects.exists()


def test_once_even_when_republished_or_the_task_runs_twice(
    opportunity_index, django_capture_on_commit_callbacks
):
    from alerts.announcements import announce

    subscribe("a@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_opportunity(opportunity_index)
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "A new title"
        from workflows.tests.evidence import publish_signed_off

        publish_signed_off(page)
    announce.call(page.pk)
    assert len(sent_to("a@example.com")) == 1
    assert Message.objects.filter(purpose="alert").count() == 1


def test_an_outcome_not_answering_an_opportunity_is_an_alert(
    outcome_index, topics, django_capture_on_commit_callbacks
):
    subscribe("outcomes@example.com", topics=topics[:1], opportunities=False)
    subscribe("other-topic@example.com", topics=topics[1:])
    subscribe("no-outcomes@example.com", outcomes=False)
    with django_capture_on_commit_callbacks(execute=True):
        publish_outcome(outcome_index, topics=topics[:1])
    assert {a for m in mail.outbox for a in m.to} == {"outcomes@example.com"}
    assert "You said, We did" in mail.outbox[0].subject


def test_finding_subscribers_costs_the_same_at_any_number(opportunity_index, topics, settings):
    from alerts.announcements import announce

    page = publish_opportunity(opportunity_index, topics=topics[:1])

    def cost(n, start):
        for i in range(start, start + n):
            subscribe(f"s{i}@example.com", topics=topics[:1])
        Message.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            announce.call(page.pk)
        return len(queries)

    # Count the building of the batch only: delivery is the worker's (messaging's tests).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    cost(1, 500)  # the first run also reads the site's root paths, then cached
    few = cost(3, 0)
    many = cost(30, 100)
    assert Message.objects.count() == 34
    assert many == few
