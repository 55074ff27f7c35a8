"""The subscribe form: no enumeration, robots and floods refused, hostile input answered plainly."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alerts import spam
from alerts.models import Subscription
from alerts.tests.conftest import subscribe

pytestmark = pytest.mark.django_db


def data(**overrides):
    return {"email": "robin@example.com", "what": ["opportunities"], "frequency": "weekly", **overrides}


def normalised(queries):
    """The statements, without the values in them, so a new and a known address compare."""
    return [q["sql"].split(" WHERE ")[0].split(" VALUES ")[0] for q in queries]


def test_the_answer_and_the_work_are_the_same_for_a_known_address(client, home):
    subscribe("known@example.com")
    answers, work = [], []
    for address in ("new@example.com", "known@example.com"):
        with CaptureQueriesContext(connection) as queries:
            response = client.post("/alerts/", data(email=address))
        answers.append((response.status_code, response["Location"], client.get(response["Location"]).content))
        work.append(normalised(queries.captured_queries))
    assert answers[0] == answers[1]
    assert work[0] == work[1]
    # Each address got one email; only its owner can tell which kind.
    assert [m.to for m in mail.outbox] == [["new@example.com"], ["known@example.com"]]


def test_missing_answers_get_clear_messages_and_keep_what_was_typed(client, home, topics):
    response = client.post("/alerts/", {"email": "not an address", "topics": [topics[0].pk], "frequency": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter an email address in the correct format" in html
    assert "Select what you would like to hear about" in html
    assert "Select how often you would like to hear from us" in html
    assert 'value="not an address"' in html
    assert f'value="{topics[0].pk}"' in html and "checked" in html
    assert html.count("<title>Error: ") == 1
    assert not Subscription.objects.exists() and mail.outbox == []


HOSTILE = [
    {"email": "<script>alert(1)</script>@example.com"},
    {"email": "a" * 5000 + "@example.com"},
    {"email": "robin@example.com\r\nBcc: victim@example.net"},
    {"topics": ["99999999999999999999"]},
    {"topics": ["-1"]},
    {"topics": ["<b>x</b>"]},
    {"audiences": [str(2**31)]},
    {"opportunity_types": ["'; DROP TABLE alerts_subscription; --"]},
    {"what": ["everything"]},
    {"frequency": "hourly"},
    {"email": "\x00robin@example.com"},
]


@pytest.mark.parametrize("overrides", HOSTILE)
def test_hostile_input_is_refused_plainly(client, home, overrides):
    response = client.post("/alerts/", data(**overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "<script>alert(1)</script>" not in html
    assert "<b>x</b>" not in html
    assert not Subscription.objects.exists() and mail.outbox == []


@pytest.mark.parametrize(
    "path",
    ["/alerts/confirm/%3Cscript%3E/", "/alerts/unsubscribe/" + "x" * 5000 + "/", "/alerts/confirm/%00/"],
)
def test_hostile_links_get_the_clear_page(client, home, path):
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 400
        assert "<script>" not in response.content.decode()


def test_the_honeypot_refuses_robots(client, home):
    response = client.post("/alerts/", data(website="http://spam.example"))
    assert response.status_code == 200
    assert "Leave this field empty" in response.content.decode()
    assert not Subscription.objects.exists() and mail.outbox == []


def test_the_rate_limit_stops_a_flood_from_one_connection(client, home, monkeypatch):
    monkeypatch.setattr(spam, "LIMIT", 3)
    for i in range(3):
        assert client.post("/alerts/", data(email=f"p{i}@example.com")).status_code == 302
    response = client.post("/alerts/", data(email="p9@example.com"))
    assert response.status_code == 200
    assert "several times in a short time" in response.content.decode()
    assert Subscription.objects.count() == 3 and len(mail.outbox) == 3


def test_other_methods_are_refused(client, home):
    assert client.put("/alerts/").status_code == 405
    assert client.delete("/alerts/unsubscribe/x/").status_code == 405
