"""Double opt-in: a sign-up waits for its own address; nobody takes over a member's record; the
sign-up and "send me my link" pages tell nobody who is on the register; bad links get a clear page."""

import datetime
import re
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from involvement.models import Member, PendingChange
from involvement.tests.factories import MemberFactory
from involvement.tests.mailbox import confirm, link_to, messages_to
from involvement.tests.test_register_form import URL, form_data

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.mark.django_db
def test_a_sign_up_is_pending_until_confirmed_from_its_address(client, register_page, topics):
    client.post(URL, form_data(register_page, topics))
    member = Member.objects.get()
    assert not member.is_confirmed
    assert list(Member.objects.matching([topics[0].pk], [])) == []
    [message] = messages_to("robin@example.com")
    assert "confirm" in message.subject.lower()

    path = link_to("robin@example.com", "/confirm/")
    # Opening the link (or a mail scanner fetching it) changes nothing: the button does.
    page = client.get(path)
    assert page.status_code == 200 and "Confirm and join" in page.content.decode()
    member.refresh_from_db()
    assert not member.is_confirmed

    done = client.post(path)
    assert done.status_code == 200
    assert "Manage your membership" in done.content.decode()
    assert "no-store" in done["Cache-Control"]
    member.refresh_from_db()
    assert member.is_confirmed
    assert list(Member.objects.matching([topics[0].pk], [])) == [member]


@pytest.mark.django_db
def test_a_reused_confirmation_link_shows_the_clear_page(client, register_page, topics):
    client.post(URL, form_data(register_page, topics))
    assert confirm(client, "robin@example.com").status_code == 200
    again = client.post(link_to("robin@example.com", "/confirm/"))
    assert again.status_code == 410
    assert "This link has already been used" in again.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route", ["confirm/", "confirm-change/", "membership/", "membership/download/", "membership/leave/"]
)
def test_an_altered_link_shows_the_clear_page(client, register_page, topics, route):
    client.post(URL, form_data(register_page, topics))
    path = link_to("robin@example.com", "/confirm/")
    token = path.split("?t=", 1)[1]
    for altered in [token[:-2] + "xx", "", "<script>alert(1)</script>", "a" * 5000, token + "%00"]:
        for method in (client.get, client.post):
            response = method(f"{URL}{route}?t={altered}")
            assert response.status_code == 400
            assert "This link does not work" in response.content.decode()
            assert "<script>alert" not in response.content.decode()
    assert not Member.objects.get().is_confirmed


@pytest.mark.django_db
def test_an_expired_link_shows_the_clear_page(client, register_page, topics, monkeypatch):
    client.post(URL, form_data(register_page, topics))
    path = link_to("robin@example.com", "/confirm/")
    later = time.time() + 8 * 24 * 60 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post(path)
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert not Member.objects.get().is_confirmed


@pytest.mark.django_db
def test_a_sign_up_with_a_members_address_changes_nothing_until_that_address_confirms(
    client, register_page, topics
):
    member = MemberFactory(
        name="Robin Example", email="robin@example.com", phone="01632 960 001", topics=[topics[0]]
    )
    before = Member.objects.filter(pk=member.pk).values().get()
    mail.outbox.clear()
    attacker = form_data(
        register_page,
        topics,
        email="ROBIN@example.com",
        name="Someone Else",
        phone="07700 900 982",
        topics=[str(topics[2].pk)],
    )
    response = client.post(URL, attacker)
    assert response.status_code == 302
    assert Member.objects.count() == 1
    assert Member.objects.filter(pk=member.pk).values().get() == before
    assert list(member.topics.all()) == [topics[0]]
    # The link goes to the address on record, and it is the only way the change is made.
    [message] = mail.outbox
    assert message.to == ["robin@example.com"]
    assert PendingChange.objects.count() == 1

    assert confirm(client, "robin@example.com", "/confirm-change/").status_code == 200
    member.refresh_from_db()
    assert member.name == "Someone Else" and member.phone == "07700 900 982"
    assert list(member.topics.all()) == [topics[2]]
    assert PendingChange.objects.count() == 0


def _without_csrf(response):
    return CSRF.sub("", response.content.decode())


@pytest.mark.django_db
def test_sign_up_answers_the_same_for_known_and_unknown_addresses(client, register_page, topics):
    MemberFactory(email="known@example.com", topics=[topics[0]])
    mail.outbox.clear()
    answers, queries = [], []
    for address in ["known@example.com", "unknown@example.com"]:
        with CaptureQueriesContext(connection) as captured:
            response = client.post(URL, form_data(register_page, topics, email=address), follow=True)
        queries.append(len(captured))
        answers.append((response.status_code, response.redirect_chain, _without_csrf(response)))
    assert answers[0] == answers[1]
    # Roughly the same work: a stored row and a queued message either way.
    assert abs(queries[0] - queries[1]) <= 3, queries
    # Each address got exactly one message: nothing in the response or the sending tells them apart.
    assert len(messages_to("known@example.com")) == len(messages_to("unknown@example.com")) == 1


@pytest.mark.django_db
def test_send_me_my_link_answers_the_same_for_known_and_unknown_addresses(client, register_page, topics):
    MemberFactory(email="known@example.com")
    mail.outbox.clear()
    answers = []
    for address in ["known@example.com", "unknown@example.com"]:
        response = client.post(f"{URL}manage/", {"email": address, "website": ""})
        answers.append((response.status_code, _without_csrf(response)))
    assert answers[0] == answers[1]
    assert answers[0][0] == 200 and "Check your email" in answers[0][1]
    assert len(messages_to("known@example.com")) == 1
    assert messages_to("unknown@example.com") == []
    assert "/membership/?t=" in link_to("known@example.com", "/membership/")


@pytest.mark.django_db
def test_send_me_my_link_keeps_what_was_typed_and_escapes_it(client, register_page):
    response = client.post(f"{URL}manage/", {"email": "<script>x</script>", "website": ""})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Enter an email address in the correct format" in content
    assert "<script>x</script>" not in content and "&lt;script&gt;x&lt;/script&gt;" in content


@pytest.mark.django_db
def test_unconfirmed_sign_ups_and_changes_are_removed_after_30_days(client, register_page, topics):
    old = timezone.now() - datetime.timedelta(days=31)
    stale = MemberFactory(confirmed_at=None, joined_at=old)
    fresh = MemberFactory(confirmed_at=None)
    kept = MemberFactory(joined_at=old)
    PendingChange.objects.create(member=kept, answers={}, created_at=old)
    call_command("remove_unconfirmed_sign_ups")
    assert not Member.objects.filter(pk=stale.pk).exists()
    assert Member.objects.filter(pk__in=[fresh.pk, kept.pk]).count() == 2
    assert PendingChange.objects.count() == 0
