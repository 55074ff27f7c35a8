"""A sign-up by post or phone has no address to confirm from: the Engagement team confirms it once
they have heard from the person, saying how, and it is then matched and invited like any other."""

import pytest
from wagtail.models import ModelLogEntry

from involvement.models import Member
from involvement.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def by_post(topics):
    return MemberFactory(
        name="Posy Letterwright",
        email="",
        phone="",
        address="1 High Street, Mansfield",
        preferred_contact="post",
        confirmed_at=None,
        topics=topics[:1],
    )


def url(member):
    return f"/admin/involvement/member/confirm/{member.pk}/"


def test_the_team_confirms_a_postal_sign_up_and_says_how(client, engagement_user, by_post, topics):
    client.force_login(engagement_user)
    listing = client.get("/admin/involvement/member/").content.decode()
    assert url(by_post) in listing
    assert not Member.objects.matching([topics[0].pk], []).filter(pk=by_post.pk).exists()

    missing = client.post(url(by_post), {"how": ""})
    assert missing.status_code == 200
    assert "Choose how they confirmed they want to join" in missing.content.decode()
    hostile = client.post(url(by_post), {"how": "<script>alert(1)</script>"})
    assert hostile.status_code == 200 and "<script>alert(1)" not in hostile.content.decode()
    by_post.refresh_from_db()
    assert by_post.confirmed_at is None

    response = client.post(url(by_post), {"how": "letter"})
    assert response.status_code == 302
    by_post.refresh_from_db()
    assert by_post.confirmed_at is not None
    assert Member.objects.matching([topics[0].pk], []).filter(pk=by_post.pk).exists()
    entry = ModelLogEntry.objects.get(action="involvement.confirm_by_staff")
    assert entry.user_id == engagement_user.pk and entry.data == {"how": "letter"}
    assert "Posy" not in entry.label and "High Street" not in str(entry.data)
    # Done once: the button goes and the page is refused.
    assert url(by_post) not in client.get("/admin/involvement/member/").content.decode()
    assert client.get(url(by_post)).status_code in (302, 403)


@pytest.mark.parametrize("who", ["editor_user", None])
def test_nobody_else_can_confirm(client, request, who, by_post):
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.post(url(by_post), {"how": "phone"})
    assert response.status_code in (302, 403)
    by_post.refresh_from_db()
    assert by_post.confirmed_at is None


def test_an_erased_sign_up_cannot_be_confirmed(client, engagement_user, by_post):
    by_post.erase()
    client.force_login(engagement_user)
    assert client.post(url(by_post), {"how": "phone"}).status_code in (302, 403)
    by_post.refresh_from_db()
    assert by_post.confirmed_at is None
