"""From an opportunity, the Engagement team sees matching register members and records invitations."""

import pytest

from involvement.models import Invitation
from involvement.tests.factories import MemberFactory
from pages.tests.factories import AudienceFactory, OpportunityPageFactory
from workflows.tests.evidence import publish_signed_off


@pytest.fixture
def carers(db):
    return AudienceFactory(name="Carers")


@pytest.fixture
def opportunity(opportunity_index, topics, carers):
    page = OpportunityPageFactory(parent=opportunity_index, title="Maternity survey")
    page.topics.set([topics[1]])
    page.audiences.set([carers])
    publish_signed_off(page)
    return page


@pytest.fixture
def members(topics, carers):
    return {
        "by_topic": MemberFactory(name="Topic Matcher", topics=[topics[1], topics[2]]),
        "by_audience": MemberFactory(name="Audience Matcher", topics=[topics[0]], audiences=[carers]),
        "both": MemberFactory(name="Double Matcher", topics=[topics[1]], audiences=[carers]),
        "neither": MemberFactory(name="Nomatch Person", topics=[topics[0]]),
        "erased": MemberFactory(name="Erased Matcher", topics=[topics[1]]),
    }


def url(page):
    return f"/admin/involvement/opportunity/{page.pk}/matches/"


@pytest.mark.django_db
def test_lists_members_whose_topics_or_audiences_overlap(client, engagement_user, opportunity, members):
    members["erased"].erase()
    client.force_login(engagement_user)
    content = client.get(url(opportunity)).content.decode()
    for key in ["by_topic", "by_audience", "both"]:
        assert members[key].name in content
        assert content.count(f'value="{members[key].pk}"') == 1
    assert "Nomatch Person" not in content
    assert 'value="{}"'.format(members["erased"].pk) not in content


@pytest.mark.django_db
def test_uses_the_latest_draft_of_the_opportunity(client, engagement_user, opportunity, members, topics):
    draft = opportunity.get_latest_revision_as_object()
    draft.topics.set([topics[0]])
    draft.audiences.set([])
    draft.save_revision()
    client.force_login(engagement_user)
    content = client.get(url(opportunity)).content.decode()
    assert "Nomatch Person" in content and "Audience Matcher" in content
    assert "Double Matcher" not in content


@pytest.mark.django_db
def test_records_invitations_for_the_ticked_members(client, engagement_user, opportunity, members):
    client.force_login(engagement_user)
    chosen = [members["by_topic"], members["both"]]
    before = {m.pk: m.last_activity_at for m in chosen}
    response = client.post(url(opportunity), {"members": [m.pk for m in chosen]})
    assert response.status_code == 302
    invitations = Invitation.objects.filter(opportunity=opportunity)
    assert {i.member_id for i in invitations} == {m.pk for m in chosen}
    assert all(i.invited_by == engagement_user for i in invitations)
    for member in chosen:
        member.refresh_from_db()
        assert member.last_activity_at > before[member.pk]

    # Already invited members are shown as such and cannot be ticked again.
    content = client.get(url(opportunity)).content.decode()
    assert 'value="{}"'.format(members["by_topic"].pk) not in content
    assert 'value="{}"'.format(members["by_audience"].pk) in content


@pytest.mark.django_db
def test_members_who_do_not_match_cannot_be_invited_from_here(client, engagement_user, opportunity, members):
    client.force_login(engagement_user)
    response = client.post(url(opportunity), {"members": [members["neither"].pk]})
    assert response.status_code == 200
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_an_opportunity_without_topics_or_audiences_matches_nobody(
    client, engagement_user, opportunity_index, members
):
    page = OpportunityPageFactory(parent=opportunity_index, title="General survey")
    client.force_login(engagement_user)
    content = client.get(url(page)).content.decode()
    assert "has no topics or audiences" in content
    assert "Topic Matcher" not in content


@pytest.mark.django_db
def test_other_pages_have_no_matches(client, engagement_user, opportunity_index):
    client.force_login(engagement_user)
    assert client.get(url(opportunity_index)).status_code == 404
