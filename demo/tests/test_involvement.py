"""The involvement app's demo content: form pages, members, invitations and feedback, loaded idempotently."""

from io import StringIO

import pytest
from wagtail.models import Page

from demo import involvement as demo
from involvement.models import Feedback, FeedbackPage, Invitation, Member, RegisterPage
from pages.tests.factories import OpportunityPageFactory, TopicFactory


@pytest.mark.django_db
def test_demo_content_loads_once_and_changes_nothing_the_second_time(home, opportunity_index):
    for slug in ["urgent-care", "primary-care", "mental-health"]:
        TopicFactory(name=slug.replace("-", " ").title(), slug=slug)
    OpportunityPageFactory(parent=opportunity_index, slug="future-of-urgent-care", title="Urgent care")

    out = StringIO()
    demo.build(home, out)
    register = Page.objects.get(url_path="/home/get-involved/join/").specific
    feedback = Page.objects.get(url_path="/home/share-your-experience/").specific
    assert isinstance(register, RegisterPage) and register.live and register.live_revision_id
    assert isinstance(feedback, FeedbackPage) and feedback.live and feedback.live_revision_id

    counts = (Member.objects.count(), Invitation.objects.count(), Feedback.objects.count())
    assert counts[0] >= 15 and counts[1] >= 2 and counts[2] >= 5
    assert Feedback.objects.exclude(theme=None).exists() and Feedback.objects.filter(status="new").exists()
    # A couple of confirmed members and one sign-up still waiting for its link.
    assert Member.objects.confirmed().count() >= 2 and Member.objects.unconfirmed().count() == 1
    assert not Member.objects.exclude(email="").exclude(email__regex=r"@example\.(com|org)$").exists()
    assert not Member.objects.exclude(phone="").exclude(phone__startswith="01632 960").exists()
    revisions = (register.revisions.count(), feedback.revisions.count())
    activity = list(Member.objects.order_by("pk").values_list("last_activity_at", flat=True))

    demo.build(home, StringIO())
    assert (Member.objects.count(), Invitation.objects.count(), Feedback.objects.count()) == counts
    assert (register.revisions.count(), feedback.revisions.count()) == revisions
    assert list(Member.objects.order_by("pk").values_list("last_activity_at", flat=True)) == activity


@pytest.mark.django_db
def test_demo_register_members_survive_the_retention_command(home, opportunity_index):
    from django.core.management import call_command

    demo.build(home, StringIO())
    out = StringIO()
    call_command("remove_inactive_members", stdout=out)
    assert "Removed 0 member(s)" in out.getvalue()


@pytest.mark.django_db
def test_demo_pages_render(client, home, opportunity_index):
    demo.build(home, StringIO())
    assert client.get("/get-involved/join/").status_code == 200
    assert client.get("/share-your-experience/").status_code == 200
