"""Weekly digests: what went live in each subscriber's choices since their last digest."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alerts.digests import send_digests
from alerts.models import Frequency, Subscription
from alerts.tests.conftest import publish_opportunity, publish_outcome, sent_to, subscribe
from messaging.models import Message

pytestmark = pytest.mark.django_db

WEEKLY = {"frequency": Frequency.WEEKLY}


@pytest.fixture
def published(opportunity_index, outcome_index, topics, audiences):
    maternity, urgent = topics
    return {
        "maternity survey": publish_opportunity(
            opportunity_index, title="Maternity survey", topics=[maternity], opportunity_type="survey"
        ),
        "urgent event": publish_opportunity(
            opportunity_index,
            title="Urgent care event",
            topics=[urgent],
            audiences=audiences[:1],
            opportunity_type="event",
        ),
        "maternity outcome": publish_outcome(outcome_index, title="Maternity changes", topics=[maternity]),
    }


def titles(address):
    [message] = sent_to(address)
    return {
        line.split(": ", 1)[1]
        for line in message.body.splitlines()
        if line.startswith(("Survey: ", "Event: ", "You said, We did: "))
    }


def test_each_digest_holds_what_matches(published, topics, audiences, readme_cron):
    maternity, urgent = topics
    subscribe("all@example.com", **WEEKLY)
    subscribe("maternity@example.com", topics=[maternity], **WEEKLY)
    subscribe("events@example.com", types=["event"], outcomes=False, **WEEKLY)
    subscribe("young@example.com", audiences=audiences[1:], outcomes=False, **WEEKLY)
    subscribe("nothing-new@example.com", topics=[maternity], opportunities=False, outcomes=False, **WEEKLY)
    subscribe("immediate@example.com")
    Subscription.objects.create(email="pending@example.com", **WEEKLY)
    mail.outbox.clear()

    readme_cron("send_alert_digests")

    assert titles("all@example.com") == {"Maternity survey", "Urgent care event", "Maternity changes"}
    assert titles("maternity@example.com") == {"Maternity survey", "Maternity changes"}
    assert titles("events@example.com") == {"Urgent care event"}
    assert titles("young@example.com") == {"Maternity survey"}  # for everyone; the event is for carers
    for address in ("nothing-new@example.com", "immediate@example.com", "pending@example.com"):
        assert not sent_to(address)
    message = sent_to("all@example.com")[0]
    assert message.subject.startswith("3 new")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/alerts/unsubscribe/" in message.alternatives[0][0]


def test_a_digest_holds_only_what_is_new_since_the_last(published, opportunity_index):
    subscribe("a@example.com", **WEEKLY)
    send_digests()
    assert len(sent_to("a@example.com")) == 1
    mail.outbox.clear()

    # Nothing new: nothing sent.
    send_digests(now=timezone.now() + datetime.timedelta(days=7))
    assert mail.outbox == []

    later = publish_opportunity(opportunity_index, title="Later survey")
    send_digests(now=timezone.now() + datetime.timedelta(days=14))
    assert titles("a@example.com") == {later.title}


def test_a_second_run_in_the_same_week_sends_nothing_again(published):
    subscription = subscribe("a@example.com", **WEEKLY)
    send_digests()
    # As if the first run had crashed after queueing and before recording the digest.
    Subscription.objects.filter(pk=subscription.pk).update(last_digest_at=None)
    send_digests()
    assert len(sent_to("a@example.com")) == 1
    assert Message.objects.filter(purpose="digest").count() == 1


def test_unsubscribed_people_get_no_digest(client, published):
    from alerts.links import unsubscribe_url

    subscription = subscribe("a@example.com", **WEEKLY)
    client.post(unsubscribe_url(subscription).removeprefix("http://testserver"))
    send_digests()
    assert mail.outbox == []


def statements(queries):
    """The queries, with one bulk INSERT or UPDATE that the database driver split into parts (SQLite
    takes at most 999 parameters a statement) counted once; savepoint names left out."""
    kinds = []
    for query in queries:
        sql = query["sql"]
        kind = sql.split('"')[0] if "SAVEPOINT" in sql else sql[:60]
        if kinds and kind == kinds[-1] and sql.startswith(("INSERT", "UPDATE")):
            continue
        kinds.append(kind)
    return kinds


@pytest.mark.parametrize("batch_size", [500, 50])
def test_the_queries_per_batch_do_not_grow_with_the_subscribers(published, topics, settings, batch_size):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.MESSAGING_CHUNK_SIZE = 1000

    def cost(n):
        Subscription.objects.all().delete()
        Message.objects.all().delete()
        for i in range(n):
            subscribe(f"s{i}@example.com", topics=topics[i % 2 : i % 2 + 1], **WEEKLY)
        with CaptureQueriesContext(connection) as queries:
            sent, seen = send_digests(batch_size=batch_size)
        assert sent == seen == n
        return statements(queries.captured_queries)

    cost(1)  # the first run also reads the site's root paths, then cached
    small, large = cost(10), cost(200)
    assert Message.objects.filter(purpose="digest").count() == 200
    if batch_size >= 200:
        assert large == small
        return
    # 200 subscribers in batches of 50: four batches, each costing exactly what the one batch of 10
    # did, then the read that finds no more.
    small_batches, large_batches = batches(small), batches(large)
    assert len(small_batches) == 2 and len(large_batches) == 5
    assert all(batch == small_batches[0] for batch in large_batches[:-1])
    assert large_batches[-1] == small_batches[-1]


READ = 'SELECT "alerts_subscription"."id", "alerts_subscription"."em'


def batches(kinds):
    """The statements from each read of a batch of subscribers to the next."""
    starts = [i for i, kind in enumerate(kinds) if kind == READ]
    return [kinds[a:b] for a, b in zip(starts, [*starts[1:], len(kinds)], strict=True)]
