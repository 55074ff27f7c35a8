"""Emailed links: signed for one purpose, expiring, single-use when asked; a bad link shows a clear
page, never a 500."""

import time
from datetime import timedelta

import pytest
from django.test import RequestFactory

from messaging import links
from messaging.models import UsedToken
from messaging.tests.test_worker import environment, manage


def test_a_token_gives_back_its_subject():
    token = links.make_token("manage", {"member": 12})
    assert links.read_token(token, "manage") == {"member": 12}


@pytest.mark.parametrize(
    "change", [lambda t: t[:-2] + ("AA" if t[-2:] != "AA" else "BB"), lambda t: t[:10], lambda t: ""]
)
def test_an_altered_token_is_invalid(change):
    token = links.make_token("manage", 12)
    with pytest.raises(links.LinkInvalid):
        links.read_token(change(token), "manage")


def test_a_token_for_another_purpose_is_invalid():
    token = links.make_token("confirm-alerts", 12)
    with pytest.raises(links.LinkInvalid):
        links.read_token(token, "manage")


def test_an_old_token_has_expired(monkeypatch):
    token = links.make_token("manage", 12, max_age=timedelta(minutes=5))
    now = time.time()
    monkeypatch.setattr(links.time, "time", lambda: now + 6 * 60)
    with pytest.raises(links.LinkExpired):
        links.read_token(token, "manage")


@pytest.mark.django_db
def test_a_single_use_token_works_once():
    token = links.make_token("confirm", 7, single_use=True)
    assert links.read_token(token, "confirm") == 7  # reading without consuming leaves it usable
    assert links.read_token(token, "confirm", consume=True) == 7
    with pytest.raises(links.LinkUsed):
        links.read_token(token, "confirm", consume=True)
    with pytest.raises(links.LinkUsed):
        links.read_token(token, "confirm")
    # Only a hash of the token is kept.
    assert UsedToken.objects.get().token_hash != token


RACE = """
import threading
from messaging import links
token = links.make_token("confirm", 7, single_use=True)
barrier, outcomes = threading.Barrier(4), []

def use():
    try:
        barrier.wait()
        outcomes.append(links.read_token(token, "confirm", consume=True))
    except links.LinkUsed:
        outcomes.append("used")
    finally:
        connection.close()

threads = [threading.Thread(target=use) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("RESULT", sorted(map(str, outcomes)))
"""


def test_two_requests_at_once_use_a_single_use_token_once(tmp_path):
    # Four threads at once on a file database, as four requests to a deployment would be.
    env = environment(tmp_path, 25)
    manage(env, "migrate", "messaging", "-v0")
    output = manage(env, "shell", "-c", RACE)
    assert "RESULT ['7', 'used', 'used', 'used']" in output, output


@pytest.mark.django_db
@pytest.mark.parametrize(
    "error, status, heading",
    [
        (links.LinkInvalid(), 400, "This link does not work"),
        (links.LinkExpired(), 410, "This link has expired"),
        (links.LinkUsed(), 410, "This link has already been used"),
    ],
)
def test_a_bad_link_gets_a_clear_page(error, status, heading):
    response = links.link_problem(
        RequestFactory().get("/alerts/confirm/x/"), error, next_steps="Ask for <a new> one."
    )
    assert response.status_code == status
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert "Ask for &lt;a new&gt; one." in html and "noindex" in html
