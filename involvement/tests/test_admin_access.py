"""Only the Engagement team and superusers reach the register and the feedback in the admin."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail import hooks
from wagtail.test.utils.form_data import nested_form_data, streamfield

from involvement.models import Feedback, Invitation, Member
from involvement.tests.factories import FeedbackFactory, MemberFactory
from involvement.wagtail_hooks import MatchingMembersButton
from pages.tests.factories import OpportunityPageFactory
from workflows.tests.evidence import publish_signed_off

SURNAME = "Quillfeatherstone"


@pytest.fixture
def member(topics):
    return MemberFactory(name=f"Alex {SURNAME}", email="alex.q@example.com", topics=[topics[0]])


@pytest.fixture
def feedback(db):
    return FeedbackFactory(experience="The Quillfeatherstone clinic was closed.")


@pytest.fixture
def opportunity(opportunity_index, topics):
    page = OpportunityPageFactory(parent=opportunity_index, title="Urgent care survey")
    page.topics.set([topics[0]])
    publish_signed_off(page)
    return page


def admin_urls(member, feedback, opportunity):
    return [
        "/admin/involvement/member/",
        "/admin/involvement/member/?export=csv",
        "/admin/involvement/member/?export=xlsx",
        f"/admin/involvement/member/edit/{member.pk}/",
        f"/admin/involvement/member/inspect/{member.pk}/",
        f"/admin/involvement/member/erase/{member.pk}/",
        f"/admin/involvement/member/invite/{member.pk}/",
        "/admin/involvement/invitation/",
        "/admin/involvement/feedback/",
        f"/admin/involvement/feedback/edit/{feedback.pk}/",
        f"/admin/involvement/feedback/delete/{feedback.pk}/",
        "/admin/involvement/feedbacktheme/",
        f"/admin/involvement/opportunity/{opportunity.pk}/matches/",
    ]


def assert_turned_away(response):
    """Wagtail's admin turns PermissionDenied into a redirect to the dashboard (or a 403)."""
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response["Location"] in ("/admin/", "/admin/login/") or response["Location"].startswith(
            "/admin/login/"
        )
    assert SURNAME not in response.content.decode()


@pytest.mark.django_db
def test_engagement_team_reaches_every_view(client, engagement_user, member, feedback, opportunity):
    client.force_login(engagement_user)
    for url in admin_urls(member, feedback, opportunity):
        response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.django_db
def test_superuser_reaches_every_view(client, superuser, member, feedback, opportunity):
    client.force_login(superuser)
    for url in admin_urls(member, feedback, opportunity):
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["editor_user", "staff_user"])
def test_other_staff_are_turned_away(client, request, who, member, feedback, opportunity):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get("/admin/").status_code == 200  # they do reach the admin
    for url in admin_urls(member, feedback, opportunity):
        assert_turned_away(client.get(url))
    # Nor can they act by posting.
    assert_turned_away(client.post(f"/admin/involvement/member/erase/{member.pk}/"))
    assert_turned_away(
        client.post(f"/admin/involvement/opportunity/{opportunity.pk}/matches/", {"members": [member.pk]})
    )
    assert_turned_away(client.post(f"/admin/involvement/feedback/edit/{feedback.pk}/", {"status": "closed"}))
    member.refresh_from_db()
    assert member.name and member.erased_at is None
    assert not Invitation.objects.exists()
    assert Feedback.objects.get().status == "new"


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client, member, feedback, opportunity):
    for url in admin_urls(member, feedback, opportunity):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url


@pytest.mark.django_db
def test_a_permission_given_to_another_group_does_not_open_the_register(client, editor_user, member):
    Group.objects.get(name="Editors").permissions.add(
        *Permission.objects.filter(codename__in=["view_member", "change_member", "erase_member"])
    )
    client.force_login(editor_user)
    assert_turned_away(client.get("/admin/involvement/member/"))
    assert_turned_away(client.get("/admin/involvement/member/?export=csv"))


@pytest.mark.django_db
def test_menu_shows_involvement_only_to_the_team(client, engagement_user, editor_user):
    client.force_login(engagement_user)
    assert "/admin/involvement/member/" in client.get("/admin/").content.decode()
    client.force_login(editor_user)
    assert "/admin/involvement/member/" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_matching_members_button_only_for_the_team_and_only_on_opportunities(
    engagement_user, editor_user, opportunity, opportunity_index
):
    def registered(hook_name, page, *args):
        found = [
            button
            for hook in hooks.get_hooks(hook_name)
            for button in hook(page, engagement_user, *args)
            if isinstance(button, MatchingMembersButton)
        ]
        assert len(found) == 1, hook_name
        return found[0]

    button = registered("register_page_header_buttons", opportunity, "edit")
    assert button.is_shown(engagement_user)
    assert button.url == f"/admin/involvement/opportunity/{opportunity.pk}/matches/"
    assert not button.is_shown(editor_user)
    assert registered("register_page_listing_more_buttons", opportunity).is_shown(engagement_user)
    index_button = registered("register_page_header_buttons", opportunity_index, "edit")
    assert not index_button.is_shown(engagement_user)


@pytest.mark.django_db
def test_matching_members_button_appears_in_the_page_editor(client, superuser, opportunity):
    client.force_login(superuser)
    content = client.get(f"/admin/pages/{opportunity.pk}/edit/").content.decode()
    assert f"/admin/involvement/opportunity/{opportunity.pk}/matches/" in content


@pytest.mark.django_db
def test_listing_search_filter_and_export(client, engagement_user, member, topics):
    other = MemberFactory(name="Blair Otherperson", email="blair@example.com", topics=[topics[1]])
    client.force_login(engagement_user)

    content = client.get("/admin/involvement/member/").content.decode()
    assert member.name in content and other.name in content
    assert "alex.q@example.com" in content  # the preferred contact column

    content = client.get("/admin/involvement/member/?q=quillfeather").content.decode()
    assert member.name in content and other.name not in content
    content = client.get("/admin/involvement/member/?q=blair@example").content.decode()
    assert other.name in content and member.name not in content

    content = client.get(f"/admin/involvement/member/?topics__id__exact={topics[1].pk}").content.decode()
    assert other.name in content and member.name not in content

    response = client.get("/admin/involvement/member/?export=csv")
    assert response["Content-Type"].startswith("text/csv")
    csv_text = b"".join(response.streaming_content).decode()
    assert "Name,Email Address" in csv_text.splitlines()[0] or "Name" in csv_text.splitlines()[0]
    assert member.name in csv_text and "alex.q@example.com" in csv_text and topics[0].name in csv_text


@pytest.mark.django_db
def test_filter_by_way_of_taking_part(client, engagement_user, topics):
    from involvement.models import ParticipationMethod

    surveys = ParticipationMethod.objects.get(slug="online-surveys")
    meetings = ParticipationMethod.objects.get(slug="meetings")
    a = MemberFactory(name="Surveyperson Example", methods=[surveys])
    b = MemberFactory(name="Meetingperson Example", methods=[meetings])
    client.force_login(engagement_user)
    content = client.get(f"/admin/involvement/member/?methods__id__exact={meetings.pk}").content.decode()
    assert b.name in content and a.name not in content


@pytest.mark.django_db
def test_export_neutralises_spreadsheet_formulas(client, engagement_user):
    MemberFactory(name='=HYPERLINK("http://evil.example","click")', email="f@example.com")
    client.force_login(engagement_user)
    response = client.get("/admin/involvement/member/?export=csv")
    csv_text = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in csv_text


@pytest.mark.django_db
def test_typed_html_is_escaped_in_the_admin(client, engagement_user, feedback_page):
    script = "<script>alert(1)</script>"
    MemberFactory(name=script, email="script@example.com", access_needs=script)
    item = FeedbackFactory(experience=script, service=script)
    client.force_login(engagement_user)
    for url in [
        "/admin/involvement/member/",
        f"/admin/involvement/member/inspect/{Member.objects.get().pk}/",
        "/admin/involvement/feedback/",
        f"/admin/involvement/feedback/edit/{item.pk}/",
    ]:
        content = client.get(url).content.decode()
        assert script not in content, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content, url


@pytest.mark.django_db
def test_team_triages_feedback_without_changing_what_was_said(client, engagement_user, feedback):
    from involvement.models import FeedbackTheme

    theme = FeedbackTheme.objects.get(slug="waiting-times")
    client.force_login(engagement_user)
    response = client.post(
        f"/admin/involvement/feedback/edit/{feedback.pk}/",
        {
            "status": "acknowledged",
            "theme": theme.pk,
            "staff_notes": "Passed to the practice.",
            "experience": "Tampered with",
            "service": "Tampered with",
        },
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert (feedback.status, feedback.theme, feedback.staff_notes) == (
        "acknowledged",
        theme,
        "Passed to the practice.",
    )
    assert feedback.experience == "The Quillfeatherstone clinic was closed."
    assert feedback.service == "Example Road Surgery"


@pytest.mark.django_db
def test_feedback_filters(client, engagement_user):
    from involvement.models import FeedbackTheme

    theme = FeedbackTheme.objects.get(slug="communication")
    FeedbackFactory(service="Closed Clinic Alpha", status="closed", kind="compliment", theme=theme)
    FeedbackFactory(service="New Clinic Beta", status="new", kind="concern")
    client.force_login(engagement_user)
    for query, shown, hidden in [
        ("status__exact=closed", "Closed Clinic Alpha", "New Clinic Beta"),
        ("kind__exact=concern", "New Clinic Beta", "Closed Clinic Alpha"),
        (f"theme__id__exact={theme.pk}", "Closed Clinic Alpha", "New Clinic Beta"),
    ]:
        content = client.get(f"/admin/involvement/feedback/?{query}").content.decode()
        assert shown in content and hidden not in content, query


@pytest.mark.django_db
def test_invite_one_member_from_the_register(client, engagement_user, member, opportunity):
    before = member.last_activity_at
    client.force_login(engagement_user)
    response = client.post(f"/admin/involvement/member/invite/{member.pk}/", {"opportunity": opportunity.pk})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.member, invitation.opportunity, invitation.invited_by) == (
        member,
        opportunity,
        engagement_user,
    )
    member.refresh_from_db()
    assert member.last_activity_at > before
    # Recording it again does not make a second invitation.
    client.post(f"/admin/involvement/member/invite/{member.pk}/", {"opportunity": opportunity.pk})
    assert Invitation.objects.count() == 1


@pytest.mark.django_db
def test_editing_a_member_counts_as_activity_and_refuses_a_duplicate(client, engagement_user, member, topics):
    MemberFactory(name="Someone Else", email="someone@example.com")
    before = member.last_activity_at
    client.force_login(engagement_user)
    data = {
        "name": member.name,
        "email": "SOMEONE@example.com",
        "phone": "",
        "address": "",
        "postcode": "",
        "preferred_contact": "email",
        "topics": [topics[0].pk],
        "access_needs": "",
    }
    response = client.post(f"/admin/involvement/member/edit/{member.pk}/", data)
    assert response.status_code == 200
    assert "Another member already has this email address" in response.content.decode()

    response = client.post(
        f"/admin/involvement/member/edit/{member.pk}/", {**data, "email": "new@example.com"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "new@example.com" and member.last_activity_at > before


@pytest.mark.django_db
def test_editors_can_add_and_edit_the_form_pages(client, superuser, register_page, home, opportunity_index):
    client.force_login(superuser)
    assert client.get(f"/admin/pages/{register_page.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/add/involvement/feedbackpage/{home.pk}/").status_code == 200
    preview_url = f"/admin/pages/{register_page.pk}/edit/preview/"
    data = nested_form_data(
        {"title": "Join us", "slug": "join", "intro": "", "body": streamfield([]), "thank_you": "Thanks"}
    )
    assert client.post(preview_url, data).json()["is_valid"]
    preview = client.get(preview_url)
    assert preview.status_code == 200
    assert "Join us" in preview.content.decode() and 'name="consent"' in preview.content.decode()
