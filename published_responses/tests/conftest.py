"""Fixtures: a closed consultation asking for consent to publish, with responses, and one user per role."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core import roles
from pages.tests.factories import today
from published_responses.tests.helpers import consultation_stream
from questionnaires.tests.builders import questionnaire_page
from workflows.tests import conftest as sign_off_fixtures


@pytest.fixture
def users(db):
    """A user per role and a superuser (the sign-off tests' own), plus a second Engagement team
    member, "reviewer": Editorial review needs someone other than who prepared the set."""
    made = sign_off_fixtures.users.__wrapped__(db)
    reviewer = get_user_model().objects.create_user("reviewer", "reviewer@example.org", "pw")
    reviewer.groups.add(Group.objects.get(name=roles.ENGAGEMENT_TEAM))
    made["reviewer"] = reviewer
    return made


@pytest.fixture
def consultation(opportunity_index):
    """Closed yesterday: its responses may be shown once published."""
    return questionnaire_page(
        opportunity_index,
        consultation_stream(),
        title="Urgent care consultation",
        slug="urgent-care",
        opens=today() - datetime.timedelta(days=90),
        closes=today() - datetime.timedelta(days=1),
    )


@pytest.fixture
def open_consultation(opportunity_index):
    return questionnaire_page(
        opportunity_index, consultation_stream(), title="Open consultation", slug="open-consultation"
    )
