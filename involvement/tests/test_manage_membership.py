"""Manage your membership from a signed link: update, pause and resume, download, leave; each in
the audit log with no personal data; and a link that stops working when it should."""

import json

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from involvement.models import Member
from involvement.tests.factories import MemberFactory
from involvement.tests.mailbox import link_to
from involvement.tests.test_register_form import URL

ADDRESS = "pat@example.com"


@pytest.fixture
def member(topics):
    return MemberFactory(name="Pat Quilliam", email=ADDRESS, topics=[topics[0]], access_needs="Large print")


@pytest.fixture
def manage(client, register_page, member):
    client.post(f"{URL}manage/", {"email": ADDRESS, "website": ""})
    return link_to(ADDRESS, "/membership/")


def entries(member):
    return ModelLogEntry.objects.filter(content_type__model="member", object_id=str(member.pk))


def assert_no_personal_data_logged(member):
    for entry in entries(member):
        text = json.dumps(entry.data) + entry.label
        assert "Pat" not in text and ADDRESS not in text and "Quilliam" not in text


@pytest.mark.django_db
def test_the_manage_page_shows_the_members_details_and_is_never_cached(client, manage):
    response = client.get(manage)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Pat Quilliam" in content and "Large print" in content
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_member_updates_their_interests_and_contact(client, manage, member, topics):
    data = {
        "action": "update",
        "name": "Pat Quilliam",
        "email": ADDRESS,
        "phone": "07700 900 982",
        "address": "",
        "postcode": "",
        "preferred_contact": "text",
        "topics": [str(topics[1].pk), str(topics[2].pk)],
        "access_needs": "",
        "website": "",
    }
    response = client.post(manage, data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.preferred_contact == "text" and member.phone == "07700 900 982"
    assert set(member.topics.all()) == {topics[1], topics[2]}
    assert "Your details have been saved" in client.get(response["Location"]).content.decode()
    assert entries(member).filter(action="involvement.self_update").exists()
    assert_no_personal_data_logged(member)


@pytest.mark.django_db
def test_bad_input_is_refused_kept_and_escaped(client, manage, member, topics):
    data = {
        "action": "update",
        "name": "<b>Pat</b>",
        "email": "",
        "phone": "not a phone",
        "preferred_contact": "text",
        "topics": ["999999"],
        "website": "",
    }
    response = client.post(manage, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Enter a phone number" in content and "Select topics from the list" in content
    assert "&lt;b&gt;Pat&lt;/b&gt;" in content and "<b>Pat</b>" not in content
    member.refresh_from_db()
    assert member.name == "Pat Quilliam"


@pytest.mark.django_db
def test_pausing_stops_matching_and_resuming_starts_it_again(client, manage, member, topics):
    assert client.post(manage, {"action": "pause"}).status_code == 302
    member.refresh_from_db()
    assert member.is_paused
    assert list(Member.objects.matching([topics[0].pk], [])) == []
    assert client.post(manage, {"action": "resume"}).status_code == 302
    member.refresh_from_db()
    assert not member.is_paused
    assert list(Member.objects.matching([topics[0].pk], [])) == [member]
    assert {"involvement.pause", "involvement.resume"} <= set(
        entries(member).values_list("action", flat=True)
    )
    assert_no_personal_data_logged(member)


@pytest.mark.django_db
def test_a_member_downloads_their_own_data_only(client, manage, member):
    MemberFactory(name="Someone Else", email="else@example.com")
    download = manage.replace("/membership/?", "/membership/download/?")
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    record = json.loads(response.content)
    assert record["register_member"]["name"] == "Pat Quilliam"
    assert "Someone Else" not in response.content.decode()
    assert entries(member).filter(action="involvement.self_export").exists()
    assert_no_personal_data_logged(member)


@pytest.mark.django_db
def test_leaving_erases_the_member_and_the_link_stops_working(client, manage, member):
    leave = manage.replace("/membership/?", "/membership/leave/?")
    assert client.get(leave).status_code == 200
    member.refresh_from_db()
    assert not member.is_erased
    response = client.post(leave)
    assert response.status_code == 200 and "You have left the register" in response.content.decode()
    member.refresh_from_db()
    assert member.is_erased and member.name == "" and member.email == ""
    # The messages sent to them keep no address or text either.
    assert not any(ADDRESS in str(value) for value in member_messages(member))
    again = client.get(manage)
    assert again.status_code == 400 and "This link does not work" in again.content.decode()
    assert_no_personal_data_logged(member)


def member_messages(member):
    from messaging.models import Message

    return [
        value for row in Message.objects.values_list("to", "subject", "text", "subject_ref") for value in row
    ]


@pytest.mark.django_db
def test_a_manage_link_stops_working_when_the_address_changes(client, manage, member):
    member.email = "new@example.com"
    member.save()
    response = client.get(manage)
    assert response.status_code == 400


@pytest.mark.django_db
def test_one_click_pause_from_a_bulk_message_needs_no_sign_in_or_csrf(member):
    from django.test import Client

    from involvement.invitations import one_click_url

    url = one_click_url(member).split("://", 1)[1].split("/", 1)[1]
    browser = Client(enforce_csrf_checks=True)
    assert browser.get(f"/{url}").status_code == 200
    member.refresh_from_db()
    assert not member.is_paused
    for _ in range(2):  # safe to repeat
        response = browser.post(f"/{url}", {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
    member.refresh_from_db()
    assert member.is_paused
    assert browser.post("/register/pause/?t=altered").status_code == 400
    assert not mail.outbox


@pytest.mark.django_db
def test_a_new_email_address_is_used_only_once_confirmed_from_it(client, manage, member, topics):
    from involvement.tests.mailbox import confirm, messages_to

    data = {
        "action": "update",
        "name": "Pat Quilliam",
        "email": "pat.new@example.org",
        "phone": "",
        "address": "",
        "postcode": "",
        "preferred_contact": "email",
        "topics": [str(topics[2].pk)],
        "access_needs": "Large print",
        "website": "",
    }
    response = client.post(manage, data)
    assert response.status_code == 302
    assert "sent a link to your new email address" in client.get(response["Location"]).content.decode()
    member.refresh_from_db()
    # The other details are saved at once; the address waits for its own confirmation.
    assert member.email == ADDRESS and set(member.topics.all()) == {topics[2]}
    [message] = messages_to("pat.new@example.org")
    assert "/confirm-change/" in message.body
    assert confirm(client, "pat.new@example.org", "/confirm-change/").status_code == 200
    member.refresh_from_db()
    assert member.email == "pat.new@example.org"
    assert_no_personal_data_logged(member)


@pytest.mark.django_db
def test_a_new_address_that_is_never_confirmed_changes_nothing(client, manage, member, topics):
    data = {
        "action": "update",
        "name": "Pat Quilliam",
        "email": "someone.else@example.org",
        "preferred_contact": "email",
        "topics": [str(topics[0].pk)],
        "website": "",
    }
    assert client.post(manage, data).status_code == 302
    member.refresh_from_db()
    assert member.email == ADDRESS
    # The old manage link still works: the address on the record has not changed.
    assert client.get(manage).status_code == 200
