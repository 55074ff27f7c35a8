"""The alerts demo: publishing the demo outcome tells the people who took part, once."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from alerts.models import Subscription
from demo import alerts as demo
from involvement.models import Member
from messaging.models import Message
from pages.models import YouSaidWeDidPage


@pytest.mark.django_db
def test_publishing_the_demo_outcome_tells_the_people_who_took_part(home, django_capture_on_commit_callbacks):
    call_command("load_demo_content", stdout=StringIO())
    draft = YouSaidWeDidPage.objects.get(slug=demo.OUTCOME_SLUG)
    assert not draft.live and draft.opportunity.slug == demo.OPPORTUNITY_SLUG
    assert Subscription.objects.confirmed().count() == len(demo.SUBSCRIBERS)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        draft.get_latest_revision().publish()
    told = {address for message in mail.outbox for address in message.to}
    assert "alex.alerts@example.com" in told  # subscribed to primary care, told at once
    assert "sam.summary@example.org" not in told  # weekly: it will be in the digest
    # The register members invited to the survey who may be sent something are told too
    # (involvement's audience).
    invited = set(
        Member.objects.reachable()
        .filter(invitations__opportunity=draft.opportunity)
        .values_list("email", flat=True)
    )
    assert invited <= told
    assert Message.objects.filter(purpose="outcome").count() == len(told)

    # Loading the demo again adds nobody and no second draft.
    call_command("load_demo_content", stdout=StringIO())
    assert Subscription.objects.count() == len(demo.SUBSCRIBERS)
    assert YouSaidWeDidPage.objects.filter(slug=demo.OUTCOME_SLUG).count() == 1
