"""The staff view of the outbox: the Engagement team sees who was sent what, filters and searches
it, and every look is in the audit log without the search; nobody else gets in."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from core import roles
from messaging import outbox
from messaging.models import Message, Status

pytestmark = pytest.mark.django_db
TEMPLATE = "messaging/email/message"


def staff(role, name):
    user = get_user_model().objects.create_user(name, f"{name}@example.nhs.uk", "a long enough password")
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def messages_sent():
    outbox.send(
        to="robin@example.com",
        template=TEMPLATE,
        context={"subject": "Confirm", "body": "b"},
        purpose="confirm",
    )
    outbox.suppress("sam@example.com", "unsubscribed")
    outbox.send(
        to="sam@example.com",
        template=TEMPLATE,
        context={"subject": "Digest <b>", "body": "b"},
        purpose="digest",
    )


def test_the_engagement_team_sees_filters_and_searches_the_outbox(client, messages_sent):
    client.force_login(staff(roles.ENGAGEMENT_TEAM, "eve"))
    page = client.get("/admin/outbox/").content.decode()
    assert "robin@example.com" in page and "sam@example.com" in page
    assert "Digest &lt;b&gt;" in page and "Digest <b>" not in page
    only_suppressed = client.get("/admin/outbox/", {"status": "suppressed"}).content.decode()
    assert "sam@example.com" in only_suppressed and "robin@example.com" not in only_suppressed
    by_purpose = client.get("/admin/outbox/", {"purpose": "confirm"}).content.decode()
    assert "robin@example.com" in by_purpose and "sam@example.com" not in by_purpose
    searched = client.get("/admin/outbox/", {"q": "ROBIN@"}).content.decode()
    assert "robin@example.com" in searched and "sam@example.com" not in searched
    hostile = client.get("/admin/outbox/", {"q": "<script>x</script>", "status": "nonsense", "p": "x"})
    assert hostile.status_code == 200 and "<script>x</script>" not in hostile.content.decode()
    entries = ModelLogEntry.objects.filter(action="messaging.list")
    assert entries.count() == 5
    assert all("robin" not in str(entry.data) and "<script>" not in str(entry.data) for entry in entries)


def test_opening_a_message_is_logged_and_a_failed_one_can_be_sent_again(client, messages_sent):
    user = staff(roles.ENGAGEMENT_TEAM, "eve")
    client.force_login(user)
    message = Message.objects.get(to="robin@example.com")
    Message.objects.filter(pk=message.pk).update(status=Status.FAILED, last_error="SMTPDataError: 554")
    page = client.get(f"/admin/outbox/{message.pk}/").content.decode()
    assert "SMTPDataError: 554" in page and "Send again" in page
    assert ModelLogEntry.objects.filter(
        action="messaging.view", object_id=str(message.pk), user=user
    ).exists()
    response = client.post(f"/admin/outbox/{message.pk}/retry/")
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 1  # the test backend sends at once


@pytest.mark.parametrize("role", [roles.EDITORS, roles.EQUALITY_LEAD, roles.GOVERNING_BODY])
def test_other_staff_are_refused(client, messages_sent, role):
    client.force_login(staff(role, "someone"))
    message = Message.objects.get(to="robin@example.com")
    assert client.get("/admin/outbox/").status_code in (302, 403)
    assert client.get(f"/admin/outbox/{message.pk}/").status_code in (302, 403)
    assert client.post(f"/admin/outbox/{message.pk}/retry/").status_code in (302, 403)
    assert not ModelLogEntry.objects.filter(action__startswith="messaging.").exists()
    Message.objects.filter(pk=message.pk).update(status=Status.FAILED)
    assert client.post(f"/admin/outbox/{message.pk}/retry/").status_code in (302, 403)
    message.refresh_from_db()
    assert message.status == Status.FAILED


def test_the_public_is_sent_to_sign_in(client, messages_sent):
    response = client.get("/admin/outbox/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
