"""Invitations really sent: the preview's counts by channel, who is left out and why, who is never
sent anything, sending twice, the letter and call lists, and hostile text."""

import csv
import datetime
import io
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from involvement import invitations
from involvement.models import Invitation
from involvement.tests.factories import InvitationFactory, MemberFactory
from messaging.models import Message
from pages.tests.factories import OpportunityPageFactory
from workflows.tests.evidence import publish_signed_off


@pytest.fixture
def opportunity(opportunity_index, topics):
    page = OpportunityPageFactory(
        parent=opportunity_index, title="Maternity survey", summary="Tell us about birth."
    )
    page.topics.set([topics[1]])
    publish_signed_off(page)
    return page


@pytest.fixture
def others(opportunity_index):
    return [OpportunityPageFactory(parent=opportunity_index, title=f"Other {n}") for n in range(3)]


@pytest.fixture
def people(topics, others):
    topic = [topics[1]]
    over = MemberFactory(name="Over Limit", topics=topic)
    for page in others:
        InvitationFactory(member=over, opportunity=page)
    erased = MemberFactory(name="Gone Person", topics=topic)
    erased.erase()
    return {
        "email": MemberFactory(name="Emma Email", email="emma@example.com", topics=topic),
        "text": MemberFactory(
            name="Tex Text", email="", phone="07700 900 001", preferred_contact="text", topics=topic
        ),
        "post": MemberFactory(
            name='=HYPERLINK("x")',
            email="",
            address="1 High Street",
            postcode="NG18 1AB",
            preferred_contact="post",
            topics=topic,
        ),
        "phone": MemberFactory(
            name="Phil Phone", email="", phone="01632 960 001", preferred_contact="phone", topics=topic
        ),
        "no_phone": MemberFactory(
            name="No Number",
            email="",
            preferred_contact="text",
            topics=topic,
            address="2 Road",
            postcode="NG18 1AB",
        ),
        "pending": MemberFactory(name="Pending Person", confirmed_at=None, topics=topic),
        "paused": MemberFactory(name="Paused Person", paused_at=timezone.now(), topics=topic),
        "over": over,
        "erased": erased,
    }


def url(page, what="invite"):
    return f"/admin/involvement/opportunity/{page.pk}/{what}/"


@pytest.mark.django_db
def test_the_preview_counts_recipients_by_channel_and_lists_who_is_left_out(
    client, engagement_user, opportunity, people
):
    client.force_login(engagement_user)
    response = client.post(url(opportunity), {"text": "Come and tell us.", "action": "preview"})
    assert response.status_code == 200
    plan = response.context["plan"]
    assert dict(plan.counts()) == {"Email": 1, "Text message": 1, "Letter": 1, "Phone call": 1}
    left_out = {member.name: reason for member, reason in plan.left_out}
    assert left_out == {
        "Over Limit": "already invited 3 times this quarter (the limit is 3)",
        "No Number": "chose text message but gave no phone number",
    }
    content = response.content.decode()
    assert "Send to 4 members" in content
    assert (
        "Come and tell us." in content and "Maternity survey" in content and opportunity.full_url in content
    )
    # Nothing is sent by a preview.
    assert not Invitation.objects.filter(opportunity=opportunity).exists() and not mail.outbox


@pytest.mark.django_db
def test_sending_reaches_each_member_by_their_channel_and_never_the_others(
    client, engagement_user, opportunity, people
):
    client.force_login(engagement_user)
    response = client.post(url(opportunity), {"text": "Come and tell us.", "action": "send"})
    assert response.status_code == 302
    invited = dict(Invitation.objects.filter(opportunity=opportunity).values_list("member__name", "channel"))
    assert invited == {
        "Emma Email": "email",
        "Tex Text": "text",
        '=HYPERLINK("x")': "letter",
        "Phil Phone": "phone",
    }
    [email] = [m for m in mail.outbox if m.to == ["emma@example.com"]]
    assert "Come and tell us." in email.body and opportunity.full_url in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Message.objects.filter(channel="sms", to="07700 900 001", purpose="invitation").count() == 1
    never = {"pending", "paused", "over", "erased", "no_phone"}
    refs = set(Message.objects.filter(purpose="invitation").values_list("subject_ref", flat=True))
    assert not refs & {f"member:{people[key].pk}" for key in never}


@pytest.mark.django_db
def test_the_limit_is_a_setting_and_counts_this_quarter_only(settings, engagement_user, opportunity, people):
    settings.INVOLVEMENT_INVITATIONS_PER_QUARTER = 4
    topic_ids = [t.pk for t in opportunity.topics.all()]
    assert "Over Limit" not in {m.name for m, _ in invitations.plan(opportunity, topic_ids, []).left_out}
    settings.INVOLVEMENT_INVITATIONS_PER_QUARTER = 3
    Invitation.objects.filter(member=people["over"]).update(
        invited_at=timezone.now() - datetime.timedelta(days=120)
    )
    assert "Over Limit" not in {m.name for m, _ in invitations.plan(opportunity, topic_ids, []).left_out}


@pytest.mark.django_db
def test_sending_twice_gives_each_member_one_invitation(client, engagement_user, opportunity, people):
    client.force_login(engagement_user)
    for _ in range(2):
        client.post(url(opportunity), {"text": "Come and tell us.", "action": "send"})
    assert Invitation.objects.filter(opportunity=opportunity).count() == 4
    assert Message.objects.filter(purpose="invitation").count() == 2  # one email, one text
    assert len([m for m in mail.outbox if m.to == ["emma@example.com"]]) == 1


# serialized_rollback like every transactional test here: one without it would flush with Django's
# post_migrate rows recreated, and the next test that restores the serialized database would clash.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_sends_at_once_give_each_member_one_invitation(opportunity_index, topics):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises the two writers; the PostgreSQL run races them")
    page = OpportunityPageFactory(parent=opportunity_index, title="Race")
    page.topics.set([topics[1]])
    members = [MemberFactory(topics=[topics[1]]) for _ in range(5)]

    def send():
        invitations.send(page, "Hello.", [topics[1].pk], [])
        connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Invitation.objects.filter(opportunity=page).count() == len(members)
    assert Message.objects.filter(purpose="invitation").count() == len(members)


@pytest.mark.django_db
def test_the_letter_list_is_printable_and_a_formula_safe_csv(client, engagement_user, opportunity, people):
    client.force_login(engagement_user)
    client.post(url(opportunity), {"text": "=cmd|' /C calc'!A0", "action": "send"})
    page = client.get(url(opportunity, "letters"))
    assert page.status_code == 200
    assert "1 High Street" in page.content.decode() and "Emma Email" not in page.content.decode()
    response = client.get(url(opportunity, "letters") + "?format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["name", "address", "postcode"]
    assert rows[1][0] == '\'=HYPERLINK("x")' and rows[1][5].startswith("'=")
    calls = client.get(url(opportunity, "calls")).content.decode()
    assert "Phil Phone" in calls and "01632 960 001" in calls and "Emma Email" not in calls


@pytest.mark.django_db
def test_hostile_invitation_text_is_escaped_and_limited(client, engagement_user, opportunity, people):
    client.force_login(engagement_user)
    response = client.post(url(opportunity), {"text": "<script>alert(1)</script>", "action": "preview"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    too_long = client.post(url(opportunity), {"text": "x" * 3001, "action": "send"})
    assert too_long.status_code == 200 and "3000 characters or fewer" in too_long.content.decode()
    assert not Invitation.objects.filter(opportunity=opportunity).exists()
    assert client.post(url(opportunity), {"action": "send"}).status_code == 200
    assert client.get("/admin/involvement/opportunity/999999/invite/").status_code == 404


@pytest.mark.django_db
def test_invited_members_hear_what_happened(opportunity, people):
    from involvement.outcome_audience import invited_members
    from messaging import outcomes

    invitations.send(opportunity, "Hello.", [t.pk for t in opportunity.topics.all()], [])
    people["phone"].pause()
    assert outcomes.audiences()["invited members"] is invited_members

    class Outcome:
        opportunity_id = opportunity.pk

    assert [r.to for r in invited_members(Outcome())] == ["emma@example.com"]
