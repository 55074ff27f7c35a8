"""Erasing a member removes their personal data from the database and keeps the counts."""

import pytest
from wagtail.models import ModelLogEntry

from involvement.models import EQUALITY_FIELDS, PERSONAL_FIELDS, Invitation, Member
from involvement.tests.factories import MemberFactory
from pages.tests.factories import AudienceFactory, OpportunityPageFactory

PERSONAL = {
    "name": "Morgan Erasable",
    "email": "morgan.erasable@example.com",
    "phone": "01632 960 321",
    "address": "1 Example Street\nMansfield",
    "postcode": "NG18 1ZZ",
    "preferred_contact": "email",
    "access_needs": "A BSL interpreter",
    "age_band": "35_44",
    "gender": "prefer_not",
    "ethnicity": "white",
    "disability": "yes",
    "sexual_orientation": "bisexual",
    "religion": "none",
    "carer": "no",
}


@pytest.fixture
def member(topics):
    return MemberFactory(
        **PERSONAL, topics=[topics[0], topics[1]], audiences=[AudienceFactory(name="Carers")]
    )


def stored_values(member):
    return Member.objects.filter(pk=member.pk).values(*PERSONAL_FIELDS, "erased_at", "joined_at").get()


@pytest.mark.django_db
def test_erase_action_removes_every_personal_field(client, engagement_user, member, opportunity_index):
    Invitation.record(member, OpportunityPageFactory(parent=opportunity_index), user=engagement_user)
    joined = member.joined_at
    assert stored_values(member)["dedupe_key"]

    client.force_login(engagement_user)
    confirm = client.get(f"/admin/involvement/member/erase/{member.pk}/")
    assert confirm.status_code == 200
    assert "cannot be undone" in confirm.content.decode()
    response = client.post(f"/admin/involvement/member/erase/{member.pk}/")
    assert response.status_code == 302

    values = stored_values(member)
    for field in PERSONAL_FIELDS:
        assert values[field] in ("", None), field
    for field in EQUALITY_FIELDS:
        assert values[field] == ""
    assert values["erased_at"] is not None
    # Kept, so the register's figures stay true.
    assert values["joined_at"] == joined
    assert Member.objects.filter(pk=member.pk).exists()
    assert member.topics.count() == 2 and member.audiences.count() == 1
    assert Invitation.objects.filter(member=member).count() == 1


@pytest.mark.django_db
def test_no_personal_data_left_in_admin_log_entries(client, engagement_user, member):
    client.force_login(engagement_user)
    edited = client.post(
        f"/admin/involvement/member/edit/{member.pk}/",
        {
            "name": "Morgan Erasable",
            "email": "morgan.erasable@example.com",
            "phone": "",
            "address": "",
            "postcode": "",
            "preferred_contact": "email",
            "topics": [t.pk for t in member.topics.all()],
            "access_needs": "",
        },
    )
    assert edited.status_code == 302
    # Even an entry someone labelled by hand is relabelled on erasure.
    ModelLogEntry.objects.log_action(member, "wagtail.edit", title="Morgan Erasable (typed by hand)")
    client.post(f"/admin/involvement/member/erase/{member.pk}/")
    entries = ModelLogEntry.objects.filter(content_type__model="member", object_id=str(member.pk))
    assert {e.action for e in entries} >= {"wagtail.edit", "involvement.erase"}
    for entry in entries:
        assert "Morgan" not in entry.label and "Erasable" not in str(entry.data)
        assert "morgan" not in str(entry.data).lower()


@pytest.mark.django_db
def test_erased_members_leave_the_register_listing_and_matching(client, engagement_user, member, topics):
    member.erase()
    client.force_login(engagement_user)
    content = client.get("/admin/involvement/member/").content.decode()
    assert f"/admin/involvement/member/edit/{member.pk}/" not in content
    assert not Member.objects.matching([topics[0].pk], []).exists()
    # An erased member cannot be edited, invited or erased again.
    for action in ["edit", "invite", "erase"]:
        assert client.get(f"/admin/involvement/member/{action}/{member.pk}/").status_code == 302


@pytest.mark.django_db
def test_the_same_person_can_join_again_after_erasure(member):
    member.erase()
    again = MemberFactory(name="Morgan Erasable", email="morgan.erasable@example.com")
    assert again.pk != member.pk
    assert Member.objects.count() == 2 and Member.objects.active().count() == 1
