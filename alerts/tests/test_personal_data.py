"""Subscribers in the subject access export and in erasure (involvement/personal_data.py's commands)."""

import io
import json

import pytest
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from alerts.models import Frequency, Subscription
from alerts.tests.conftest import publish_opportunity, subscribe
from messaging.models import Message

pytestmark = pytest.mark.django_db

ADDRESS = "Ottoline.Q@Example.org"


def export(email):
    out = io.StringIO()
    call_command("export_personal_data", email, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def subscriptions(opportunity_index, topics, django_capture_on_commit_callbacks):
    mine = subscribe(ADDRESS, topics=topics[:1], types=["event"])
    pending = Subscription.objects.create(email="ottoline.q@example.org", frequency=Frequency.WEEKLY)
    theirs = subscribe("someone.else@example.net")
    with django_capture_on_commit_callbacks(execute=True):
        publish_opportunity(opportunity_index, opportunity_type="event", topics=topics[:1])
    assert Message.objects.filter(to=ADDRESS).exists()
    return mine, pending, theirs


def test_the_export_holds_the_persons_subscriptions_only(subscriptions, topics):
    mine, pending, _theirs = subscriptions
    data = export(" ottoline.q@example.ORG ")
    records = data["email_alerts"]
    assert [r["reference"] for r in records] == [str(mine), str(pending)]
    assert records[0]["topics"] == [topics[0].name]
    assert records[0]["kinds_of_opportunity"] == ["Event"]
    assert records[1]["confirmed_at"] is None
    assert "someone.else" not in json.dumps(data)
    entries = ModelLogEntry.objects.filter(action="alerts.subject_access")
    assert {e.label for e in entries} == {str(mine), str(pending)}
    assert all("ottoline" not in (e.label + json.dumps(e.data)).lower() for e in entries)


def test_erasure_removes_the_subscriptions_and_blanks_their_messages(subscriptions):
    mine, pending, theirs = subscriptions
    call_command("erase_personal_data", ADDRESS, "--yes", stdout=io.StringIO())
    assert list(Subscription.objects.all()) == [theirs]
    assert not Message.objects.filter(to__icontains="ottoline").exists()
    assert not Message.objects.filter(subject_ref__in=[mine.subject_ref, pending.subject_ref]).exists()
    assert Message.objects.filter(to="someone.else@example.net").exists()
    # Counts stay: the alert that was sent is still a row.
    assert Message.objects.filter(purpose="alert").count() == 2
    erased = ModelLogEntry.objects.filter(action="alerts.erase")
    assert {e.label for e in erased} == {str(mine), str(pending)}
    # Nothing of the person is left in any text column.
    from involvement.tests.test_personal_data_requests import text_values_containing

    assert text_values_containing(["ottoline"]) == []
