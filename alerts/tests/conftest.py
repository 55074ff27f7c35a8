"""Fixtures for the alerts tests: vocabularies, pages that go live, and reading the emails sent."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from alerts.models import Frequency, Subscription
from pages.tests.factories import (
    AudienceFactory,
    OpportunityPageFactory,
    TopicFactory,
    YouSaidWeDidPageFactory,
)
from workflows.tests.evidence import publish_signed_off

LINK = re.compile(r"http://testserver(/alerts/[a-z-]+/[^/\s]+/)")


@pytest.fixture
def topics(db):
    return [TopicFactory(name="Maternity"), TopicFactory(name="Urgent care")]


@pytest.fixture
def audiences(db):
    return [AudienceFactory(name="Carers"), AudienceFactory(name="Young people")]


def links_in(message, kind):
    """The paths of the /alerts/<kind>/ links in an email's plain text."""
    return [path for path in LINK.findall(message.body) if path.startswith(f"/alerts/{kind}/")]


def sent_to(address):
    return [m for m in mail.outbox if address in m.to]


def subscribe(
    email,
    *,
    topics=(),
    audiences=(),
    types=(),
    frequency=Frequency.IMMEDIATE,
    opportunities=True,
    outcomes=True,
):
    """A confirmed subscription, as if the whole journey had been followed."""
    subscription = Subscription.objects.create(
        email=email,
        opportunities=opportunities,
        outcomes=outcomes,
        opportunity_types=list(types),
        frequency=frequency,
        confirmed_at=timezone.now() - timezone.timedelta(days=8),
    )
    subscription.topics.set(topics)
    subscription.audiences.set(audiences)
    return subscription


def publish_opportunity(parent, *, topics=(), audiences=(), **fields):
    page = OpportunityPageFactory(parent=parent, live=False, **fields)
    page.topics.set(topics)
    page.audiences.set(audiences)
    publish_signed_off(page)
    return page


def publish_outcome(parent, *, topics=(), opportunity=None, **fields):
    page = YouSaidWeDidPageFactory(parent=parent, live=False, opportunity=opportunity, **fields)
    page.topics.set(topics)
    page.actions.create(action="We opened a Saturday clinic.", status="done")
    page.save_revision().publish()
    page.refresh_from_db()
    return page
