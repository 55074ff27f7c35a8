"""The admin's "forgotten password" page answers alike for every address and cannot flood an inbox.

Before, an address with an account was answered after the email had gone (0.31 s against 0.16 s),
which told anyone which addresses have accounts. Now the same work is done for every address and
the email goes to the outbox and is sent by the worker (messaging/), so the answer does not wait
for the mail server; and at most a few requests an hour are acted on per address and per account, silently.
"""

import statistics
import time

import pytest
from django.core import mail

from messaging.delivery import deliver_batch
from messaging.models import Message, Status
from security.tests.slow_mail import DELAY

URL = "/admin/password_reset/"
DONE = "/admin/password_reset/done/"


@pytest.fixture
def account(django_user_model):
    return django_user_model.objects.create_user(
        "robin", "robin@example.com", "a long enough password", is_staff=True
    )


def wait_for_mail():
    """Deliver whatever the worker would (the test settings' immediate backend already has)."""
    deliver_batch(list(Message.objects.filter(status=Status.QUEUED).values_list("pk", flat=True)))


def ask(client, email, address="203.0.113.10"):
    started = time.perf_counter()
    response = client.post(URL, {"email": email}, REMOTE_ADDR=address)
    elapsed = time.perf_counter() - started
    assert response.status_code == 302 and response["Location"] == DONE
    return elapsed


@pytest.mark.django_db
def test_a_known_address_is_answered_as_fast_as_an_unknown_one(client, account, settings):
    # The worker's mail server is slow, and the worker is another process: tasks wait in the database.
    settings.MESSAGING_TRANSPORT_BACKEND = "security.tests.slow_mail.SlowEmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 0
    settings.PASSWORD_RESET_LIMIT_PER_ACCOUNT = 0
    ask(client, "warm-up@example.com")
    known, unknown = [], []
    for n in range(4):
        known.append(ask(client, "robin@example.com", address=f"203.0.113.{n}"))
        unknown.append(ask(client, f"nobody{n}@example.com", address=f"198.51.100.{n}"))
    # Sending takes DELAY seconds; the answer never waits for it.
    assert statistics.median(known) < DELAY, (known, unknown)
    assert abs(statistics.median(known) - statistics.median(unknown)) < DELAY / 3, (known, unknown)
    wait_for_mail()
    assert [message.to for message in mail.outbox] == [["robin@example.com"]] * 4
    assert "password" in mail.outbox[0].body.lower()


@pytest.mark.django_db
def test_one_account_gets_at_most_three_emails_an_hour_wherever_asked_from(client, account):
    for n in range(6):
        ask(client, "ROBIN@example.com", address=f"203.0.113.{n}")
    wait_for_mail()
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_one_address_is_acted_on_at_most_ten_times_an_hour(client, account, django_user_model):
    for n in range(10):
        ask(client, f"nobody{n}@example.com")
    ask(client, "robin@example.com")
    wait_for_mail()
    assert mail.outbox == []
    # Another address still can.
    ask(client, "robin@example.com", address="198.51.100.7")
    wait_for_mail()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_an_unknown_address_gets_the_same_page_and_no_email(client, account):
    response = client.post(URL, {"email": "nobody@example.com"}, follow=True)
    known = client.post(URL, {"email": "robin@example.com"}, follow=True)
    assert response.status_code == known.status_code == 200
    assert response.redirect_chain == known.redirect_chain
    wait_for_mail()
    assert [message.to for message in mail.outbox] == [["robin@example.com"]]
